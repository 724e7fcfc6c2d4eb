import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';

/**
 * A start-up step that failed because of a setting: the message names the variable to look at,
 * so whoever reads the container's log knows what to change without reading code.
 */
export class StartupError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The data folder exists (made if need be) and takes a file; checked before anything is opened in it. */
export function checkDataDirWritable(dataDir: string): void {
  const probe = path.join(dataDir, `.writable-${process.pid}`);
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    throw new StartupError('DATA_DIR', `the data folder ${dataDir} cannot be written (${reason(error)})`);
  }
}

/** Runs a step whose failure is down to one setting, and says which setting if it fails. */
export async function namingSetting<T>(setting: string, what: string, step: () => Promise<T> | T): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof StartupError) throw error;
    throw new StartupError(setting, `${what} (${reason(error)})`);
  }
}

/** What `listen` failing means, in the settings' terms. */
export function listenFailure(config: Config, error: unknown): StartupError {
  const code = (error as { code?: string }).code;
  const where = `${config.host}:${config.port}`;
  if (code === 'EADDRINUSE') return new StartupError('PORT', `port ${config.port} is already in use on ${config.host} (another process listens there)`);
  if (code === 'EACCES') return new StartupError('PORT', `this user may not listen on ${where} (ports below 1024 need privileges)`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new StartupError('HOST', `${config.host} is not an address of this machine`);
  return new StartupError('PORT', `cannot listen on ${where} (${reason(error)})`);
}
