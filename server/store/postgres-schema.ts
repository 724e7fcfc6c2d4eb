import type { Pool, PoolClient, QueryConfig } from 'pg';
import { refuseNewerSchema, type AppliedMigration } from './schema-version';
import { onOneConnection } from './postgres-transaction';

/**
 * The PostgreSQL tables: the same tables and columns as the embedded store (so an archive's rows
 * load into either), with three differences that are PostgreSQL's way of doing the same thing:
 * `ord` identity columns where SQLite orders by rowid; a document's updates numbered per
 * document (`doc_heads`), so their order is the order they committed in; BYTEA for bytes.
 */
const tables = `
CREATE TABLE users (
  ord BIGINT GENERATED ALWAYS AS IDENTITY,
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  is_facilitator INTEGER NOT NULL,
  organisation TEXT NOT NULL DEFAULT '',
  sector TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  deactivated_at TEXT,
  last_sign_in_at TEXT
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE TABLE sites (
  ord BIGINT GENERATED ALWAYS AS IDENTITY,
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE memberships (
  ord BIGINT GENERATED ALWAYS AS IDENTITY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  PRIMARY KEY (site_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  email TEXT NOT NULL,
  role TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  invited_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  accepted_at TEXT
);
CREATE INDEX invitations_by_site ON invitations (site_id);
CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  kind TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL,
  status TEXT NOT NULL,
  attendee_ids TEXT NOT NULL,
  base_meeting_id TEXT,
  started_at TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX meetings_by_site ON meetings (site_id, starts_at);
CREATE TABLE pre_ratings (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  user_id TEXT NOT NULL,
  domain INTEGER NOT NULL,
  rating INTEGER,
  comment TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (meeting_id, user_id, domain)
);
CREATE TABLE versioned_records (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE TABLE attendance (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  user_id TEXT NOT NULL,
  first_joined_at TEXT NOT NULL,
  PRIMARY KEY (meeting_id, user_id)
);
CREATE TABLE meeting_snapshots (
  meeting_id TEXT PRIMARY KEY REFERENCES meetings(id),
  snapshot TEXT NOT NULL
);
CREATE TABLE instruments (
  id TEXT NOT NULL,
  version TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE TABLE survey_campaigns (
  ord BIGINT GENERATED ALWAYS AS IDENTITY,
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  public_token TEXT NOT NULL UNIQUE,
  json TEXT NOT NULL
);
CREATE INDEX survey_campaigns_by_site ON survey_campaigns (site_id);
CREATE TABLE survey_submissions (
  campaign_id TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  PRIMARY KEY (campaign_id, submission_id)
);
CREATE TABLE survey_access_codes (
  campaign_id TEXT NOT NULL REFERENCES survey_campaigns(id),
  code_hash TEXT NOT NULL,
  PRIMARY KEY (campaign_id, code_hash)
);
CREATE TABLE survey_responses (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES survey_campaigns(id),
  submitted_on TEXT NOT NULL,
  answers TEXT NOT NULL,
  context TEXT NOT NULL
);
CREATE INDEX survey_responses_by_campaign ON survey_responses (campaign_id, seq);
CREATE TABLE survey_response_counts (
  campaign_id TEXT PRIMARY KEY REFERENCES survey_campaigns(id),
  n INTEGER NOT NULL
);
CREATE TABLE health (
  id INTEGER PRIMARY KEY,
  checked_at TEXT NOT NULL
);
CREATE TABLE survey_releases (
  campaign_id TEXT PRIMARY KEY REFERENCES survey_campaigns(id),
  current_size INTEGER NOT NULL,
  json TEXT NOT NULL
);
CREATE TABLE doc_heads (
  doc TEXT PRIMARY KEY,
  head BIGINT NOT NULL
);
CREATE TABLE doc_updates (
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  update_bytes BYTEA NOT NULL,
  PRIMARY KEY (doc, seq)
);
CREATE TABLE doc_snapshots (
  doc TEXT PRIMARY KEY,
  snapshot BYTEA NOT NULL,
  head BIGINT NOT NULL
);
`;

/**
 * Numbered migrations, each run once, in order, in one transaction with its row in
 * `schema_migrations`. The embedded store numbers its own (its history began earlier); both
 * end at the same tables.
 */
const migrations: { version: number; why: string; sql: string }[] = [{ version: 1, why: 'the tables of the PostgreSQL store', sql: tables }];

const postgresSchemaVersion = migrations.at(-1)!.version;

/** How long a migration, or waiting for another process's, may take. */
const migrationDeadlineMs = 5 * 60_000;

/** Any fixed number: the advisory lock that lets one process at a time migrate. */
const migrationLock = 7_301_968;

/**
 * Brings the schema up to date. Several processes may start at once: the advisory lock lets one
 * migrate while the others wait, and they then find nothing left to do.
 */
export function migratePostgres(pool: Pool, schema: string, applied: (migration: AppliedMigration) => void = () => {}): Promise<void> {
  return onOneConnection(pool, async (client) => {
    // A migration may rewrite a large table, and another process may hold the lock meanwhile:
    // neither is held to an ordinary statement's deadline.
    await client.query("SET statement_timeout = 0; SET lock_timeout = '5min'");
    await client.query({ text: 'SELECT pg_advisory_lock($1)', values: [migrationLock], query_timeout: migrationDeadlineMs } as QueryConfig);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, why TEXT NOT NULL, applied_at TEXT NOT NULL)');
      const current = await currentVersion(client);
      refuseNewerSchema(current, postgresSchemaVersion, `The PostgreSQL database (schema "${schema}")`);
      for (const migration of migrations) {
        if (migration.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query({ text: migration.sql, query_timeout: migrationDeadlineMs } as QueryConfig);
          await client.query('INSERT INTO schema_migrations (version, why, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.why, new Date().toISOString()]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        applied({ version: migration.version, why: migration.why });
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [migrationLock]);
      await client.query('RESET statement_timeout; RESET lock_timeout');
    }
  });
}

async function currentVersion(client: PoolClient): Promise<number> {
  const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
  return rows[0]?.version ?? 0;
}

/** A schema name as SQL: only letters, digits and underscores are accepted, so nothing can be injected. */
export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a usable PostgreSQL schema name: ${name}`);
  return `"${name}"`;
}
