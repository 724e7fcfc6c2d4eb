import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../../server/config';

describe('server settings', () => {
  it('are read once, with defaults for what is not set (an empty variable counts as not set)', () => {
    const config = configFromEnv({ PORT: '8080', REDIS_URL: '', SESSION_TTL_HOURS: '24' });
    expect(config).toMatchObject({ port: 8080, publicUrl: 'http://localhost:8080', redisUrl: undefined, sessionTtlHours: 24, invitationTtlDays: 14, seedDemo: true, sqliteSynchronous: 'NORMAL' });
  });

  it('stop at a bad value, naming each variable, what it must be and what it is', () => {
    const attempt = () => configFromEnv({ PORT: 'eighty', SESSION_TTL_HOURS: '-1', REDIS_URL: 'localhost:6379', SEED_DEMO: 'yes', SQLITE_SYNCHRONOUS: 'OFF' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT: must be a whole number from 0 to 65535 \(it is "eighty"\)/);
    expect(attempt).toThrow(/SESSION_TTL_HOURS: must be a whole number/);
    expect(attempt).toThrow(/REDIS_URL: must be a redis: or rediss: URL \(it is "localhost:6379"\)/);
    expect(attempt).toThrow(/SEED_DEMO: must be 0 or 1/);
    // Once read straight from the environment, where "OFF" quietly meant NORMAL.
    expect(attempt).toThrow(/SQLITE_SYNCHRONOUS: must be NORMAL or FULL/);
  });
});
