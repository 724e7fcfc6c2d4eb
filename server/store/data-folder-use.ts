import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Who is using a data folder: each server process, and a restore while it runs, keeps a small
 * file in DATA_DIR/in-use/ for as long as it lives. A restore refuses while a server's file is
 * live (replacing the database under a running server loses what it acknowledges afterwards),
 * and a server refuses to start during a restore.
 *
 * Not an exclusive lock: several server processes may share a data folder (they all
 * write mail into its outbox). A file dies with its process, kill -9 included: on the same
 * machine (or container) it is live only while its process exists; seen from another machine
 * sharing the volume, only while its process keeps touching it.
 */
export type UseRole = 'server' | 'restore';

export interface DataFolderUse {
  role: UseRole;
  pid: number;
  host: string;
  since: string;
}

const heartbeatMs = 5_000;
/** Seen from another host, a file not touched for this long belongs to a process that is gone. */
const staleAfterMs = 6 * heartbeatMs;

const useDir = (dataDir: string) => path.join(dataDir, 'in-use');

/** Whether the process behind a file still runs: signal 0 asks without sending anything. */
function isLive(use: DataFolderUse, file: string): boolean {
  if (use.host !== os.hostname()) {
    const touched = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    return Date.now() - touched < staleAfterMs;
  }
  try {
    process.kill(use.pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Records this process's use of the folder until `release` (or until the process dies). */
export function registerUse(dataDir: string, role: UseRole): { release(): void } {
  fs.mkdirSync(useDir(dataDir), { recursive: true });
  const use: DataFolderUse = { role, pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  const file = path.join(useDir(dataDir), `${role}-${use.host}-${use.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(use));
  const heartbeat = setInterval(() => {
    const now = new Date();
    try {
      fs.utimesSync(file, now, now);
    } catch {
      // Gone (the folder was cleared by hand): nothing to keep fresh.
    }
  }, heartbeatMs);
  heartbeat.unref();
  const release = () => {
    clearInterval(heartbeat);
    fs.rmSync(file, { force: true });
    process.off('exit', release);
  };
  // A process that ends normally takes its file with it; one killed leaves it to be seen as dead.
  process.on('exit', release);
  return { release };
}

/** The other live users of the folder in `role`; files of processes that are gone are removed. */
export function liveUses(dataDir: string, role: UseRole): DataFolderUse[] {
  if (!fs.existsSync(useDir(dataDir))) return [];
  const live: DataFolderUse[] = [];
  for (const name of fs.readdirSync(useDir(dataDir))) {
    const file = path.join(useDir(dataDir), name);
    let use: DataFolderUse;
    try {
      use = JSON.parse(fs.readFileSync(file, 'utf8')) as DataFolderUse;
    } catch {
      continue; // being written, or removed meanwhile
    }
    if (use.role !== role || (use.pid === process.pid && use.host === os.hostname())) continue;
    if (isLive(use, file)) live.push(use);
    else fs.rmSync(file, { force: true });
  }
  return live;
}

export const describeUse = (use: DataFolderUse) => `process ${use.pid} on ${use.host}, since ${use.since}`;
