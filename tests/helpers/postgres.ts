import crypto from 'node:crypto';

/**
 * The private PostgreSQL cluster that scripts/test.sh starts. PostgreSQL suites fail, never
 * skip, when it is missing: a green run must mean PostgreSQL was tested.
 */
export function postgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`, which starts a private PostgreSQL');
  return url;
}

/** A schema of its own per test, so tests sharing one database never see each other's tables. */
export function uniqueSchema(): string {
  return `test_${crypto.randomBytes(6).toString('hex')}`;
}
