import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface ClientWeight {
  initialJsGzipBytes: number;
  initialCssGzipBytes: number;
  files: string[];
}

/**
 * What a browser must download before the first page shows: the entry script, the chunks it
 * preloads and the stylesheet, as listed in the built index.html, gzipped at level 9.
 */
export function measureClientWeight(clientDir = path.resolve(import.meta.dirname, '../dist/client')): ClientWeight {
  const html = fs.readFileSync(path.join(clientDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const gzipped = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(clientDir, file)), { level: 9 }).length;
  const sum = (ext: string) => files.filter((f) => f.endsWith(ext)).reduce((n, f) => n + gzipped(f), 0);
  return { initialJsGzipBytes: sum('.js'), initialCssGzipBytes: sum('.css'), files };
}
