import crypto from 'node:crypto';
import { Redis } from 'ioredis';
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

/** The ids of the connections Redis holds under this name, read through `admin`. */
async function idsNamed(admin: Redis, name: string): Promise<string[]> {
  const list = (await admin.client('LIST')) as string;
  return list
    .split('\n')
    .filter((line) => line.includes(` name=${name} `))
    .map((line) => /\bid=(\d+)/.exec(line)![1]!);
}

/** Runs `use` on a connection of its own to Redis, closed after. */
async function asAdmin<T>(url: string, use: (admin: Redis) => Promise<T>): Promise<T> {
  const admin = new Redis(url);
  try {
    return await use(admin);
  } finally {
    admin.disconnect();
  }
}

/** The ids of the connections Redis holds under this name (the server's are `lp-publisher` and `lp-subscriber`). */
export const redisConnectionIds = (url: string, name: string): Promise<string[]> => asAdmin(url, (admin) => idsNamed(admin, name));

/**
 * Closes every connection with this name from Redis's side, as a network fault would; resolves
 * with how many.
 */
export const dropRedisConnections = (url: string, name: string): Promise<number> =>
  asAdmin(url, async (admin) => {
    const ids = await idsNamed(admin, name);
    for (const id of ids) await admin.client('KILL', 'ID', id);
    return ids.length;
  });
