import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serverEntry } from './server-build';

export const demoPassword = 'demo-password-for-tests';

/**
 * A free port below the range the system hands out for outgoing connections (32768 and up on
 * Linux). Servers and Redis processes that tests kill and start again take their port back; in
 * the ephemeral range, one of the many outgoing connections of a busy run could take it meanwhile.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** What every test server starts with, in a process of its own or not: its port, data and the demo password. */
export const testServerSettings = (port: number, dataDir: string): Record<string, string> => ({
  PORT: String(port),
  HOST: '127.0.0.1',
  PUBLIC_URL: `http://localhost:${port}`,
  DATA_DIR: dataDir,
  DEMO_PASSWORD: demoPassword,
  LOG_LEVEL: 'info',
  AUTH_RATE_LIMIT: '1000',
});

export interface RunningServer {
  url: string;
  wsUrl: string;
  port: number;
  dataDir: string;
  /** Everything the process printed, for assertions about logs. */
  output(): string;
  /** The process id while it runs (benchmarks read its CPU and memory). */
  pid(): number | null;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the process again, with `env` added to its settings from then on. */
  start(env?: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the real server (the bundle `npm run build` makes, built for this test run: see
 * server-build.ts) in a child process on a free port with its own data folder, so tests can
 * kill -9 it and start it again.
 */
export async function startServer(options: { env?: Record<string, string>; dataDir?: string; nodeArgs?: string[] } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lp-test-'));
  const url = `http://localhost:${port}`;
  let child: ChildProcess | null = null;
  let output = '';
  const settings: Record<string, string> = { ...options.env };

  const server: RunningServer = {
    url,
    wsUrl: `ws://localhost:${port}`,
    port,
    dataDir,
    output: () => output,
    pid: () => child?.pid ?? null,
    async start(env = {}) {
      Object.assign(settings, env);
      child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...serverEntry('main')], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: {
          // Outside vitest (benchmarks): a local trial, which production's rules would refuse.
          NODE_ENV: 'development',
          ...process.env,
          ...testServerSettings(port, dataDir),
          REDIS_URL: '',
          DATABASE_URL: '',
          ...settings,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      const exited = new Promise<never>((_, reject) =>
        child!.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready:\n${output}`))),
      );
      await Promise.race([waitUntilReady(url), exited]);
    },
    async kill(signal = 'SIGKILL') {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill(signal);
      });
      child = null;
    },
    stop: () => server.kill('SIGTERM'),
  };
  await server.start();
  return server;
}

async function waitUntilReady(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      // The server listens only once the demo data is seeded.
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server at ${url} did not become ready`);
}
