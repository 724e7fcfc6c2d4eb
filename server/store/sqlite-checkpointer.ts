import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

// Plain CommonJS run in a worker thread: its own connection to the same file.
const source = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next round catches up */ }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Copies the write-ahead log into the database file from a worker thread. SQLite otherwise
 * does this inside whichever commit crosses the threshold, on our event loop, which stalls
 * every live meeting for the few milliseconds the copy and its fsync take.
 */
export function startCheckpointer(file: string, intervalMs = 1000): { stop(): Promise<void> } {
  const worker = new Worker(source, { eval: true, workerData: { file, intervalMs, driver: require.resolve('better-sqlite3') } });
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        // Held open until it has closed its connection, or a process with nothing else to do
        // would exit while we wait.
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
