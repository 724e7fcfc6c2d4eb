import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createApp, type App } from '../../server/app';
import { openCluster } from '../../server/cluster';
import { configFromEnv } from '../../server/config';
import { createLogger } from '../../server/log';
import { seedDemo } from '../../server/seed/demo';
import { openStore } from '../../server/store';
import { freePort, testServerSettings, type RunningServer } from './server';

/** The app running inside the test process: everything a child process offers but its pid. */
export interface InProcessServer extends RunningServer {
  /** The app as it runs now (a new one after each `start`). */
  app(): App;
  /** Runs reminders and retention once, as of `now`, instead of waiting for their interval. */
  runPeriodicJobs(now?: Date): Promise<void>;
}

/**
 * The real server, wired by the same `createApp` as `server/main.ts`, started inside the test
 * process on a free port with its own data folder and the demo seeded: the HTTP, socket.io and
 * board endpoints are the ones a browser reaches, only without a process of their own, so a
 * file's server starts in well under a second instead of several. Tests whose point is the
 * process (kill -9, SIGTERM, start-up settings, two processes) use `startServer` instead.
 *
 * `stop` closes it as SIGTERM would; `start` opens it again on the same port and data folder
 * (with `env` added to its settings from then on), as a restart does. There is no kill -9 here.
 */
export async function startApp(options: { env?: Record<string, string>; dataDir?: string } = {}): Promise<InProcessServer> {
  const port = await freePort();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lp-test-'));
  const url = `http://localhost:${port}`;
  const settings: Record<string, string> = { ...options.env };
  let output = '';
  // The logs land where a test can read them, as a child's stdout would.
  const logs = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  let running: App | null = null;

  const server: InProcessServer = {
    url,
    wsUrl: `ws://localhost:${port}`,
    port,
    dataDir,
    output: () => output,
    pid: () => (running ? process.pid : null),
    app() {
      if (!running) throw new Error('the app is stopped');
      return running;
    },
    runPeriodicJobs: (now) => server.app().runPeriodicJobs(now),
    async start(env = {}) {
      Object.assign(settings, env);
      const config = configFromEnv({
        NODE_ENV: 'test',
        ...testServerSettings(port, dataDir),
        ...settings,
      });
      const log = createLogger(config.logLevel, logs);
      const store = await openStore(config, log);
      const app = createApp(config, store, { log, cluster: await openCluster(config, log) });
      if (config.seedDemo) await seedDemo(store, { dataDir, password: config.demoPassword });
      await app.listen();
      running = app;
    },
    async kill(signal = 'SIGKILL') {
      if (signal !== 'SIGTERM') throw new Error(`an app inside the test process cannot take ${signal}: use startServer for that`);
      await server.stop();
    },
    async stop() {
      const app = running;
      running = null;
      await app?.close();
    },
  };
  await server.start();
  return server;
}
