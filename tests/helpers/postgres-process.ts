import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server';

const run = promisify(execFile);
const script = path.resolve(import.meta.dirname, '../../scripts/private-postgres.sh');

export interface PostgresProcess {
  url: string;
  /** `pg_ctl stop -m immediate`: every server process ends at once, with no checkpoint, as a crash would. */
  crash(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A PostgreSQL cluster of a test's own, so the test can crash and restart it. */
export async function startPostgresProcess(): Promise<PostgresProcess> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-postgres-'));
  let running = false;
  const postgres: PostgresProcess = {
    url: `postgres://lp@127.0.0.1:${port}/postgres`,
    async start() {
      await run('bash', [script, 'start', dir, String(port)]);
      running = true;
    },
    async crash() {
      if (!running) return;
      await run('bash', [script, 'stop', dir, 'immediate']);
      running = false;
    },
    async stop() {
      if (running) await run('bash', [script, 'stop', dir, 'fast']);
      running = false;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await postgres.start();
  return postgres;
}
