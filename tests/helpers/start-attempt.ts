import { spawn } from 'node:child_process';
import path from 'node:path';
import { serverEntry } from './server-build';

/**
 * Starts the server (serverEntry) with exactly `env` (plus PATH) and waits for it to exit on its
 * own, for tests of start-ups that must fail. Whatever it printed comes back with its exit code.
 */
export function attemptStart(env: Record<string, string>, deadlineMs = 30_000): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, serverEntry('main'), {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server was still running after ${deadlineMs} ms:\n${output}`));
    }, deadlineMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Every line printed, each parsed as JSON: fails on a line that is not (a log collector could not read it). */
export const jsonLines = (output: string): Record<string, unknown>[] =>
  output
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
    });
