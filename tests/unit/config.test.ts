import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../../server/config';

describe('server settings', () => {
  it('are read once, with defaults for what is not set (an empty variable counts as not set)', () => {
    const config = configFromEnv({ PORT: '8080', REDIS_URL: '', SESSION_TTL_HOURS: '24' });
    expect(config).toMatchObject({ port: 8080, publicUrl: 'http://localhost:8080', redisUrl: undefined, sessionTtlHours: 24, invitationTtlDays: 14, seedDemo: true, sqliteSynchronous: 'NORMAL' });
  });

  it('refuse Redis without PostgreSQL: several processes cannot each keep an embedded database', () => {
    expect(() => configFromEnv({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/DATABASE_URL: is required with REDIS_URL/);
    expect(() => configFromEnv({ DATABASE_URL: 'mysql://db/link' })).toThrow(/DATABASE_URL: must be a postgres: or postgresql: URL/);
    expect(() => configFromEnv({ DATABASE_URL: 'postgres://db/link', DATABASE_SCHEMA: 'x; DROP TABLE users' })).toThrow(/DATABASE_SCHEMA: must be a PostgreSQL schema name/);
    expect(configFromEnv({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://db/link' })).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', databaseUrl: 'postgres://db/link' });
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

  it('in production, seed no demo unless SEED_DEMO=1, and take mail to files only when asked for and without SMTP_URL', () => {
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://link.example.org' };
    expect(configFromEnv({ ...production, MAIL_TO_FILES: '1' })).toMatchObject({ production: true, seedDemo: false });
    expect(configFromEnv({ ...production, MAIL_TO_FILES: '1', SEED_DEMO: '1' }).seedDemo).toBe(true);
    expect(configFromEnv({ ...production, SMTP_URL: 'smtp://mail.example.org' })).toMatchObject({ seedDemo: false, smtpUrl: 'smtp://mail.example.org' });
    expect(() => configFromEnv({ ...production, SMTP_URL: 'smtp://mail.example.org', MAIL_TO_FILES: '1' })).toThrow(/MAIL_TO_FILES: must not be 1 when SMTP_URL is set/);
    expect(() => configFromEnv({ ...production })).toThrow(/SMTP_URL: is required in production/);
    expect(() => configFromEnv({ NODE_ENV: 'production', MAIL_TO_FILES: '1' })).toThrow(/PUBLIC_URL: is required in production/);
  });
});
