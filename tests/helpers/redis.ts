import crypto from 'node:crypto';
import { postgresUrl, uniqueSchema } from './postgres';

/**
 * The private redis-server that scripts/test.sh starts. Redis suites fail, never skip, when it
 * is missing: a green run must mean Redis mode was tested.
 */
function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run the tests with `npm test`, which starts a private redis-server');
  return url;
}

/** A key prefix of its own per test, so tests sharing one Redis never see each other's data. */
function uniquePrefix(): string {
  return `test-${crypto.randomBytes(6).toString('hex')}:`;
}

/** The settings of several processes: PostgreSQL keeps everything, Redis passes messages. */
export function clusterSettings(): { DATABASE_URL: string; DATABASE_SCHEMA: string; REDIS_URL: string; REDIS_PREFIX: string } {
  return { DATABASE_URL: postgresUrl(), DATABASE_SCHEMA: uniqueSchema(), REDIS_URL: redisUrl(), REDIS_PREFIX: uniquePrefix() };
}

/** Server environments for suites that must pass on both stores. */
export function storageModes(): [string, Record<string, string>][] {
  return [
    ['SQLite', {}],
    ['PostgreSQL', clusterSettings()],
  ];
}
