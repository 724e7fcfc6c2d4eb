import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ArchiveHeader, ArchiveLine, ArchiveRefused, archiveFormat, archiveVersion } from '../store/archive-format';

/**
 * An archive on disk: gzip-compressed JSON lines, a header first. Written under a temporary name
 * beside the target and renamed when complete, so a backup killed halfway never sits under the
 * final name looking like a good one.
 */
export function writeArchive(to: string, from: ArchiveHeader['from'], lines: readonly ArchiveLine[]): { bytes: number } {
  const target = path.resolve(to);
  const partial = `${target}.partial-${process.pid}`;
  const header: ArchiveHeader = { format: archiveFormat, version: archiveVersion, createdAt: new Date().toISOString(), from };
  const text = [header, ...lines].map((line) => JSON.stringify(line)).join('\n');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    const fd = fs.openSync(partial, 'w', 0o600);
    try {
      fs.writeSync(fd, zlib.gzipSync(text));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, target);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return { bytes: fs.statSync(target).size };
}

/** Whether the file is an archive (gzip), as opposed to an embedded database file from earlier releases. */
export function isArchive(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const magic = Buffer.alloc(2);
    return fs.readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads and checks a whole archive before anything is loaded: a damaged one is refused, naming the line. */
export function readArchive(file: string): { header: ArchiveHeader; lines: ArchiveLine[] } {
  let text: string;
  try {
    text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
  } catch (error) {
    throw new ArchiveRefused(`${file} cannot be restored: it is damaged (${(error as Error).message})`);
  }
  const [first, ...rest] = text.split('\n');
  const header = ArchiveHeader.safeParse(parseJson(first ?? ''));
  if (!header.success) throw new ArchiveRefused(`${file} cannot be restored: it is not a Link Programme archive this release can read (its first line is not a version ${archiveVersion} header)`);
  const lines = rest.map((line, index) => {
    const parsed = ArchiveLine.safeParse(parseJson(line));
    if (!parsed.success) throw new ArchiveRefused(`${file} cannot be restored: line ${index + 2} is damaged (${parsed.error.issues[0]?.message})`);
    return parsed.data;
  });
  return { header: header.data, lines };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
