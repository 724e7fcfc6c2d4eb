import type { Redis } from 'ioredis';
import { upgradeLegacyReleases } from './release-history';
import { refuseNewerSchema, type AppliedMigration } from './schema-version';
import { SessionRecord, UserRecord } from './records';

/**
 * Numbered migrations of the Redis keys, the counterpart of `sqlite-schema.ts`: the number of
 * the last one run is kept under `schema-version`, and each runs once at start-up. Two processes
 * may start together, so each migration is idempotent (running it twice changes nothing more).
 */
interface RedisMigration {
  version: number;
  why: string;
  run(redis: Redis, key: (...parts: string[]) => string): Promise<void>;
}

/** Every key matching `pattern`, a batch at a time (SCAN, never KEYS, so Redis keeps serving). */
async function* scanKeys(redis: Redis, pattern: string): AsyncGenerator<string[]> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (keys.length) yield keys;
  } while (cursor !== '0');
}

const migrations: RedisMigration[] = [
  {
    version: 1,
    why: 'accounts gained an organisation and a sector',
    run: async (redis, key) => {
      for await (const keys of scanKeys(redis, key('user', '*'))) {
        const raws = await redis.mget(keys);
        for (const [index, raw] of raws.entries()) {
          if (raw === null) continue;
          const stored = JSON.parse(raw) as Record<string, unknown>;
          if ('organisation' in stored && 'sector' in stored) continue;
          await redis.set(keys[index]!, JSON.stringify(UserRecord.parse(stored)));
        }
      }
    },
  },
  {
    version: 2,
    why: 'survey releases are kept as a whole history, not the current and previous release',
    run: async (redis, key) => {
      for await (const keys of scanKeys(redis, key('campaign-release', '*'))) {
        for (const releaseKey of keys) {
          const json = await redis.hget(releaseKey, 'json');
          const history = json ? upgradeLegacyReleases(json) : null;
          if (history) await redis.hset(releaseKey, 'json', JSON.stringify(history));
        }
      }
    },
  },
  {
    version: 3,
    why: 'accounts are listed for administrators, and sessions per person (for "sign out everywhere")',
    run: async (redis, key) => {
      for await (const keys of scanKeys(redis, key('user', '*'))) {
        for (const raw of await redis.mget(keys)) {
          if (raw === null) continue;
          const user = UserRecord.parse(JSON.parse(raw));
          await redis.zadd(key('users', 'all'), Date.parse(user.createdAt), user.id);
        }
      }
      for await (const keys of scanKeys(redis, key('session', '*'))) {
        for (const raw of await redis.mget(keys)) {
          if (raw === null) continue;
          const session = SessionRecord.parse(JSON.parse(raw));
          await redis.zadd(key('user-sessions', session.userId), Date.parse(session.expiresAt), session.tokenHash);
        }
      }
    },
  },
];

export const redisSchemaVersion = migrations.at(-1)!.version;

/** Runs the migrations these keys have not had yet. */
export async function migrateRedis(redis: Redis, key: (...parts: string[]) => string, applied: (migration: AppliedMigration) => void = () => {}): Promise<void> {
  const current = Number((await redis.get(key('schema-version'))) ?? 0);
  refuseNewerSchema(current, redisSchemaVersion, `The data under ${key('')} in Redis`);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    await migration.run(redis, key);
    await redis.set(key('schema-version'), String(migration.version));
    applied({ version: migration.version, why: migration.why });
  }
}
