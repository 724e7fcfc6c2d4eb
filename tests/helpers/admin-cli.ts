import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { serverEntry } from './server-build';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');

/**
 * `npm run admin -- …` (and `npm run backup` / `restore`, which call it) as an operator runs it,
 * with the server's settings in `env`; its exit code and everything it printed.
 */
export async function adminCli(env: Record<string, string>, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...serverEntry('cli'), ...args], { cwd: repo, env: { ...process.env, REDIS_URL: '', ...env } });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}
