import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const BuildManifest = z.record(
  z.string(),
  z.object({ file: z.string(), css: z.array(z.string()).optional(), imports: z.array(z.string()).optional(), isEntry: z.boolean().optional() }),
);
export type BuildManifest = z.infer<typeof BuildManifest>;

/**
 * Vite's manifest of the built client: each source module's hashed file, stylesheets and the
 * chunks it imports. Empty without a built client (some tests serve none).
 */
export function readBuildManifest(clientDir: string | undefined): BuildManifest {
  const file = clientDir && path.join(clientDir, '.vite', 'manifest.json');
  if (!file || !fs.existsSync(file)) return {};
  return BuildManifest.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

type ManifestEntry = BuildManifest[string];

/**
 * A module's file and every chunk it imports, itself first. `leaveOut` names modules not to list
 * or follow (the app's entry, for a page that loads it anyway).
 */
export function chunkFiles(manifest: BuildManifest, key: string, leaveOut: (entry: ManifestEntry) => boolean = () => false, seen = new Set<string>()): string[] {
  const entry = manifest[key];
  if (!entry || leaveOut(entry) || seen.has(key)) return [];
  seen.add(key);
  return [entry.file, ...(entry.imports ?? []).flatMap((imported) => chunkFiles(manifest, imported, leaveOut, seen))];
}
