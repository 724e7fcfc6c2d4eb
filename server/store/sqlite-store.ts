import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type {
  InvitationRecord,
  MembershipRecord,
  SessionRecord,
  SiteRecord,
  Store,
  StoredDoc,
  UserRecord,
} from './store';

const schema = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  is_facilitator INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  expires_at TEXT NOT NULL
);
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

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  is_facilitator: number;
  created_at: string;
}
interface InvitationRow {
  id: string;
  site_id: string;
  email: string;
  role: InvitationRecord['role'];
  token_hash: string;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

const toUser = (row: UserRow | undefined): UserRecord | null =>
  row
    ? {
        id: row.id,
        email: row.email,
        name: row.name,
        passwordHash: row.password_hash,
        isFacilitator: row.is_facilitator === 1,
        createdAt: row.created_at,
      }
    : null;

const toInvitation = (row: InvitationRow): InvitationRecord => ({
  id: row.id,
  siteId: row.site_id,
  email: row.email,
  role: row.role,
  tokenHash: row.token_hash,
  invitedBy: row.invited_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  acceptedAt: row.accepted_at,
});

const toBytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/**
 * The embedded default. WAL with synchronous=NORMAL: every committed write survives the
 * process being killed (it is in the WAL file before the call returns); set
 * SQLITE_SYNCHRONOUS=FULL to also survive power loss at the cost of an fsync per write.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements;

  constructor(file: string, options: { synchronous?: 'NORMAL' | 'FULL' } = {}) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(schema);
    const db = this.db;
    this.statements = {
      insertUser: db.prepare(
        'INSERT INTO users (id, email, name, password_hash, is_facilitator, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
      userByEmail: db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?'),
      updateUser: db.prepare('UPDATE users SET name = ?, password_hash = ? WHERE id = ?'),
      insertSession: db.prepare('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)'),
      session: db.prepare<[string], { token_hash: string; user_id: string; expires_at: string }>(
        'SELECT * FROM sessions WHERE token_hash = ?',
      ),
      deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      insertSite: db.prepare('INSERT INTO sites (id, name, created_at) VALUES (?, ?, ?)'),
      siteById: db.prepare<[string], { id: string; name: string; created_at: string }>('SELECT * FROM sites WHERE id = ?'),
      siteByName: db.prepare<[string], { id: string; name: string; created_at: string }>(
        'SELECT * FROM sites WHERE name = ?',
      ),
      putMembership: db.prepare(
        'INSERT INTO memberships (site_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (site_id, user_id) DO UPDATE SET role = excluded.role',
      ),
      removeMembership: db.prepare('DELETE FROM memberships WHERE site_id = ? AND user_id = ?'),
      membership: db.prepare<[string, string], { site_id: string; user_id: string; role: MembershipRecord['role'] }>(
        'SELECT * FROM memberships WHERE site_id = ? AND user_id = ?',
      ),
      siteMembers: db.prepare<[string], { site_id: string; user_id: string; role: MembershipRecord['role'] }>(
        'SELECT * FROM memberships WHERE site_id = ? ORDER BY rowid',
      ),
      userMemberships: db.prepare<[string], { site_id: string; user_id: string; role: MembershipRecord['role'] }>(
        'SELECT * FROM memberships WHERE user_id = ? ORDER BY rowid',
      ),
      insertInvitation: db.prepare(
        'INSERT INTO invitations (id, site_id, email, role, token_hash, invited_by, created_at, expires_at, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      invitationByToken: db.prepare<[string], InvitationRow>('SELECT * FROM invitations WHERE token_hash = ?'),
      pendingInvitations: db.prepare<[string, string], InvitationRow>(
        'SELECT * FROM invitations WHERE site_id = ? AND accepted_at IS NULL AND expires_at > ? ORDER BY created_at',
      ),
      consumeInvitation: db.prepare('UPDATE invitations SET accepted_at = ? WHERE id = ? AND accepted_at IS NULL'),
      appendUpdate: db.prepare('INSERT INTO doc_updates (doc, update_bytes) VALUES (?, ?)'),
      docUpdates: db.prepare<[string], { seq: number; update_bytes: Buffer }>(
        'SELECT seq, update_bytes FROM doc_updates WHERE doc = ? ORDER BY seq',
      ),
      docSnapshot: db.prepare<[string], { snapshot: Buffer; head: number }>(
        'SELECT snapshot, head FROM doc_snapshots WHERE doc = ?',
      ),
      putSnapshot: db.prepare(
        'INSERT INTO doc_snapshots (doc, snapshot, head) VALUES (?, ?, ?) ON CONFLICT (doc) DO UPDATE SET snapshot = excluded.snapshot, head = excluded.head WHERE excluded.head > doc_snapshots.head',
      ),
      deleteUpdatesUpTo: db.prepare('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?'),
    };
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async createUser(user: UserRecord): Promise<void> {
    this.statements.insertUser.run(user.id, user.email, user.name, user.passwordHash, user.isFacilitator ? 1 : 0, user.createdAt);
  }
  async getUserById(id: string) {
    return toUser(this.statements.userById.get(id));
  }
  async getUserByEmail(email: string) {
    return toUser(this.statements.userByEmail.get(email));
  }
  async updateUser(id: string, changes: Pick<UserRecord, 'name' | 'passwordHash'>) {
    this.statements.updateUser.run(changes.name, changes.passwordHash, id);
  }

  async createSession(session: SessionRecord) {
    this.statements.insertSession.run(session.tokenHash, session.userId, session.expiresAt);
  }
  async getSession(tokenHash: string): Promise<SessionRecord | null> {
    const row = this.statements.session.get(tokenHash);
    return row ? { tokenHash: row.token_hash, userId: row.user_id, expiresAt: row.expires_at } : null;
  }
  async deleteSession(tokenHash: string) {
    this.statements.deleteSession.run(tokenHash);
  }

  async createSite(site: SiteRecord) {
    this.statements.insertSite.run(site.id, site.name, site.createdAt);
  }
  async getSite(id: string): Promise<SiteRecord | null> {
    const row = this.statements.siteById.get(id);
    return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
  }
  async getSiteByName(name: string): Promise<SiteRecord | null> {
    const row = this.statements.siteByName.get(name);
    return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
  }

  async putMembership(m: MembershipRecord) {
    this.statements.putMembership.run(m.siteId, m.userId, m.role);
  }
  async removeMembership(siteId: string, userId: string) {
    this.statements.removeMembership.run(siteId, userId);
  }
  async getMembership(siteId: string, userId: string): Promise<MembershipRecord | null> {
    const row = this.statements.membership.get(siteId, userId);
    return row ? { siteId: row.site_id, userId: row.user_id, role: row.role } : null;
  }
  async listSiteMembers(siteId: string): Promise<MembershipRecord[]> {
    return this.statements.siteMembers.all(siteId).map((row) => ({ siteId: row.site_id, userId: row.user_id, role: row.role }));
  }
  async listUserMemberships(userId: string): Promise<MembershipRecord[]> {
    return this.statements.userMemberships.all(userId).map((row) => ({ siteId: row.site_id, userId: row.user_id, role: row.role }));
  }

  async createInvitation(i: InvitationRecord) {
    this.statements.insertInvitation.run(i.id, i.siteId, i.email, i.role, i.tokenHash, i.invitedBy, i.createdAt, i.expiresAt, i.acceptedAt);
  }
  async getInvitationByTokenHash(tokenHash: string) {
    const row = this.statements.invitationByToken.get(tokenHash);
    return row ? toInvitation(row) : null;
  }
  async listPendingInvitations(siteId: string, now: string) {
    return this.statements.pendingInvitations.all(siteId, now).map(toInvitation);
  }
  async consumeInvitation(id: string, acceptedAt: string) {
    return this.statements.consumeInvitation.run(acceptedAt, id).changes === 1;
  }

  async appendDocUpdate(docName: string, update: Uint8Array): Promise<string> {
    const result = this.statements.appendUpdate.run(docName, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    return String(result.lastInsertRowid);
  }

  async loadDoc(docName: string): Promise<StoredDoc> {
    // One read transaction, so the snapshot and the updates after it are consistent.
    return this.db.transaction(() => {
      const snapshot = this.statements.docSnapshot.get(docName);
      const rows = this.statements.docUpdates.all(docName);
      const head = rows.length ? rows[rows.length - 1]!.seq : (snapshot?.head ?? 0);
      return {
        snapshot: snapshot ? toBytes(snapshot.snapshot) : null,
        updates: rows.map((row) => toBytes(row.update_bytes)),
        head: String(head),
      };
    })();
  }

  async compactDoc(docName: string, snapshot: Uint8Array, head: string): Promise<void> {
    const headSeq = Number(head);
    if (!Number.isSafeInteger(headSeq)) throw new Error(`Invalid document head: ${head}`);
    this.db.transaction(() => {
      const result = this.statements.putSnapshot.run(docName, Buffer.from(snapshot), headSeq);
      if (result.changes === 1) this.statements.deleteUpdatesUpTo.run(docName, headSeq);
    })();
  }
}
