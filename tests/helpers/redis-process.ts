import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server';

export interface RedisProcess {
  url: string;
  /** kill -9, as a crash would. */
  crash(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A redis-server of a test's own, so the test can crash and restart it. By default the
 * append-only file is synced on every write: what Redis acknowledged survives its own crash.
 */
export async function startRedisProcess(options: { appendfsync?: 'always' | 'everysec' } = {}): Promise<RedisProcess> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-redis-'));
  let child: ChildProcess | null = null;
  const redis: RedisProcess = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', options.appendfsync ?? 'always', '--save', ''], { stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      await new Promise<void>((resolve, reject) => {
        let output = '';
        started.stdout!.on('data', (chunk) => {
          output += chunk;
          if (/Ready to accept connections/.test(output)) resolve();
        });
        started.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
      });
    },
    async crash() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGKILL');
      });
      child = null;
    },
    async stop() {
      await redis.crash();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}
