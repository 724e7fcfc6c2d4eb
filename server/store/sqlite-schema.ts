import type { AppliedMigration } from './schema-version';
import type Database from 'better-sqlite3';
import { upgradeLegacyReleases } from './release-history';

/** The tables, as created on a new database. */
export const schema = `
CREATE TABLE IF NOT EXISTS users (
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
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user_id);
CREATE TABLE IF NOT EXISTS sites (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS memberships (
  site_id TEXT NOT NULL REFERENCES sites(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  PRIMARY KEY (site_id, user_id)
);
CREATE INDEX IF NOT EXISTS memberships_by_user ON memberships(user_id);
CREATE TABLE IF NOT EXISTS invitations (
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
CREATE INDEX IF NOT EXISTS invitations_by_site ON invitations(site_id);
CREATE TABLE IF NOT EXISTS meetings (
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
CREATE INDEX IF NOT EXISTS meetings_by_site ON meetings(site_id, starts_at);
CREATE TABLE IF NOT EXISTS pre_ratings (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  user_id TEXT NOT NULL,
  domain INTEGER NOT NULL,
  rating INTEGER,
  comment TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (meeting_id, user_id, domain)
);
CREATE TABLE IF NOT EXISTS versioned_records (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE TABLE IF NOT EXISTS attendance (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  user_id TEXT NOT NULL,
  first_joined_at TEXT NOT NULL,
  PRIMARY KEY (meeting_id, user_id)
);
CREATE TABLE IF NOT EXISTS meeting_snapshots (
  meeting_id TEXT PRIMARY KEY REFERENCES meetings(id),
  snapshot TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS instruments (
  id TEXT NOT NULL,
  version TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE TABLE IF NOT EXISTS survey_campaigns (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  public_token TEXT NOT NULL UNIQUE,
  json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS survey_campaigns_by_site ON survey_campaigns(site_id);
-- Ids of submissions already stored, so a retried one is not stored twice. A random id the
-- school's browser made; nothing links it to the response.
CREATE TABLE IF NOT EXISTS survey_submissions (
  campaign_id TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  PRIMARY KEY (campaign_id, submission_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS survey_access_codes (
  campaign_id TEXT NOT NULL REFERENCES survey_campaigns(id),
  code_hash TEXT NOT NULL,
  PRIMARY KEY (campaign_id, code_hash)
);
CREATE TABLE IF NOT EXISTS survey_responses (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_id TEXT NOT NULL REFERENCES survey_campaigns(id),
  submitted_on TEXT NOT NULL,
  answers TEXT NOT NULL,
  context TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS survey_responses_by_campaign ON survey_responses(campaign_id, seq);
-- Kept in the same transaction as each response, so the live counter is one read, not a scan.
CREATE TABLE IF NOT EXISTS survey_response_counts (
  campaign_id TEXT PRIMARY KEY REFERENCES survey_campaigns(id),
  n INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS health (
  id INTEGER PRIMARY KEY,
  checked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS survey_releases (
  campaign_id TEXT PRIMARY KEY REFERENCES survey_campaigns(id),
  current_size INTEGER NOT NULL,
  json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  doc TEXT NOT NULL,
  update_bytes BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates(doc, seq);
CREATE TABLE IF NOT EXISTS doc_snapshots (
  doc TEXT PRIMARY KEY,
  snapshot BLOB NOT NULL,
  head INTEGER NOT NULL
);
`;

/**
 * Numbered migrations: each runs once, in order, in a transaction with the new
 * `PRAGMA user_version`, bringing a database made by an earlier release up to this schema.
 * Each is also safe on a database that already has the change (releases before numbering made
 * some of them ad hoc).
 */
const migrations: { version: number; why: string; run: (db: Database.Database) => void }[] = [
  {
    version: 1,
    why: 'accounts gained an organisation and a sector',
    run: (db) => {
      const userColumns = new Set(db.prepare<[], { name: string }>('PRAGMA table_info(users)').all().map((c) => c.name));
      for (const column of ['organisation', 'sector']) {
        if (!userColumns.has(column)) db.exec(`ALTER TABLE users ADD COLUMN ${column} TEXT NOT NULL DEFAULT ''`);
      }
    },
  },
  {
    version: 2,
    why: 'completed surveys are counted in a table of their own',
    run: (db) => db.exec('INSERT OR IGNORE INTO survey_response_counts (campaign_id, n) SELECT campaign_id, COUNT(*) FROM survey_responses GROUP BY campaign_id'),
  },
  {
    version: 3,
    why: 'facilitation states moved into the versioned records',
    run: (db) => {
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'facilitation_states'").get()) return;
      db.exec("INSERT OR IGNORE INTO versioned_records (kind, id, version, json) SELECT 'facilitation', meeting_id, version, state FROM facilitation_states");
      db.exec('DROP TABLE facilitation_states');
    },
  },
  {
    version: 4,
    why: 'survey releases are kept as a whole history, not the current and previous release',
    run: (db) => {
      const update = db.prepare('UPDATE survey_releases SET json = ? WHERE campaign_id = ?');
      for (const row of db.prepare<[], { campaign_id: string; json: string }>('SELECT campaign_id, json FROM survey_releases').all()) {
        const history = upgradeLegacyReleases(row.json);
        if (history) update.run(JSON.stringify(history), row.campaign_id);
      }
    },
  },
  {
    version: 5,
    why: 'accounts can be deactivated and show their last sign-in; sessions are listed per person',
    run: (db) => {
      const columnsOf = (table: string) => new Set(db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all().map((c) => c.name));
      const users = columnsOf('users');
      for (const column of ['deactivated_at', 'last_sign_in_at']) if (!users.has(column)) db.exec(`ALTER TABLE users ADD COLUMN ${column} TEXT`);
      const sessions = columnsOf('sessions');
      for (const column of ['created_at', 'user_agent']) if (!sessions.has(column)) db.exec(`ALTER TABLE sessions ADD COLUMN ${column} TEXT NOT NULL DEFAULT ''`);
      db.exec('CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user_id)');
    },
  },
  {
    version: 6,
    why: 'a meeting records when it was started, so its record says when it was held',
    run: (db) => {
      const meetings = new Set(db.prepare<[], { name: string }>('PRAGMA table_info(meetings)').all().map((c) => c.name));
      if (!meetings.has('started_at')) db.exec('ALTER TABLE meetings ADD COLUMN started_at TEXT');
    },
  },
];

export const schemaVersion = migrations.at(-1)!.version;

/** The database's schema version (0 for a new file). */
export const sqliteSchemaVersionOf = (db: Database.Database): number => db.pragma('user_version', { simple: true }) as number;

/** Runs the migrations this database has not had yet, telling `applied` about each. */
export function migrate(db: Database.Database, applied: (migration: AppliedMigration) => void = () => {}): void {
  const current = sqliteSchemaVersionOf(db);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.run(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied({ version: migration.version, why: migration.why });
  }
}
