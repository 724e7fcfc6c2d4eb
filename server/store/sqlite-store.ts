import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { startCheckpointer } from './sqlite-checkpointer';
import type {
  AttendanceRecord,
  InvitationRecord,
  MeetingRecord,
  MembershipRecord,
  PreRatingRecord,
  SurveyCampaignRecord,
  SubmitOutcome,
  SurveyResponseRecord,
  SessionRecord,
  SiteRecord,
  Store,
  StoredDoc,
  UserRecord,
  VersionedKind,
} from './store';
import { parseReleaseHistory } from './store';
import type { ReleaseHistory } from '@shared/survey/anonymity';

const schema = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  is_facilitator INTEGER NOT NULL,
  organisation TEXT NOT NULL DEFAULT '',
  sector TEXT NOT NULL DEFAULT '',
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
CREATE TABLE IF NOT EXISTS meetings (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  kind TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL,
  status TEXT NOT NULL,
  attendee_ids TEXT NOT NULL,
  base_meeting_id TEXT,
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

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  is_facilitator: number;
  organisation: string;
  sector: string;
  created_at: string;
}
interface MeetingRow {
  id: string;
  site_id: string;
  kind: MeetingRecord['kind'];
  starts_at: string;
  duration_minutes: number;
  status: MeetingRecord['status'];
  attendee_ids: string;
  base_meeting_id: string | null;
  created_by: string;
  created_at: string;
}
const toMeeting = (row: MeetingRow): MeetingRecord => ({
  id: row.id,
  siteId: row.site_id,
  kind: row.kind,
  startsAt: row.starts_at,
  durationMinutes: row.duration_minutes,
  status: row.status,
  attendeeIds: JSON.parse(row.attendee_ids) as string[],
  baseMeetingId: row.base_meeting_id,
  createdBy: row.created_by,
  createdAt: row.created_at,
});
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
        organisation: row.organisation,
        sector: row.sector,
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
  private readonly checkpointer: { stop(): Promise<void> } | null;

  constructor(file: string, options: { synchronous?: 'NORMAL' | 'FULL' } = {}) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(schema);
    this.migrate();
    // Checkpoints run in a worker thread instead of inside our commits.
    this.checkpointer = file === ':memory:' ? null : startCheckpointer(file);
    if (this.checkpointer) this.db.pragma('wal_autocheckpoint = 0');
    const db = this.db;
    this.statements = {
      insertUser: db.prepare(
        'INSERT INTO users (id, email, name, password_hash, is_facilitator, organisation, sector, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
      userByEmail: db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?'),
      updateUser: db.prepare(
        'UPDATE users SET name = COALESCE(?, name), password_hash = COALESCE(?, password_hash), organisation = COALESCE(?, organisation), sector = COALESCE(?, sector) WHERE id = ?',
      ),
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
      sites: db.prepare<[], { id: string; name: string; created_at: string }>('SELECT * FROM sites ORDER BY created_at, rowid'),
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
      insertMeeting: db.prepare(
        'INSERT INTO meetings (id, site_id, kind, starts_at, duration_minutes, status, attendee_ids, base_meeting_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      meeting: db.prepare<[string], MeetingRow>('SELECT * FROM meetings WHERE id = ?'),
      siteMeetings: db.prepare<[string], MeetingRow>('SELECT * FROM meetings WHERE site_id = ? ORDER BY starts_at, created_at'),
      changeMeetingStatus: db.prepare('UPDATE meetings SET status = ? WHERE id = ? AND status = ?'),
      addMeetingAttendee: db.prepare(
        "UPDATE meetings SET attendee_ids = json_insert(attendee_ids, '$[#]', ?) WHERE id = ? AND NOT EXISTS (SELECT 1 FROM json_each(attendee_ids) WHERE value = ?)",
      ),
      putPreRating: db.prepare(
        'INSERT INTO pre_ratings (meeting_id, user_id, domain, rating, comment, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (meeting_id, user_id, domain) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at',
      ),
      preRatings: db.prepare<[string], { meeting_id: string; user_id: string; domain: number; rating: number | null; comment: string; updated_at: string }>(
        'SELECT * FROM pre_ratings WHERE meeting_id = ? ORDER BY user_id, domain',
      ),
      versioned: db.prepare<[string, string], { version: number; json: string }>('SELECT version, json FROM versioned_records WHERE kind = ? AND id = ?'),
      insertVersioned: db.prepare('INSERT OR IGNORE INTO versioned_records (kind, id, version, json) VALUES (?, ?, ?, ?)'),
      updateVersioned: db.prepare('UPDATE versioned_records SET version = ?, json = ? WHERE kind = ? AND id = ? AND version = ?'),
      recordAttendance: db.prepare('INSERT OR IGNORE INTO attendance (meeting_id, user_id, first_joined_at) VALUES (?, ?, ?)'),
      attendance: db.prepare<[string], { meeting_id: string; user_id: string; first_joined_at: string }>(
        'SELECT * FROM attendance WHERE meeting_id = ? ORDER BY first_joined_at, user_id',
      ),
      insertSnapshot: db.prepare('INSERT OR IGNORE INTO meeting_snapshots (meeting_id, snapshot) VALUES (?, ?)'),
      snapshot: db.prepare<[string], { snapshot: string }>('SELECT snapshot FROM meeting_snapshots WHERE meeting_id = ?'),
      saveInstrument: db.prepare('INSERT INTO instruments (id, version, json) VALUES (?, ?, ?) ON CONFLICT (id, version) DO UPDATE SET json = excluded.json'),
      instrument: db.prepare<[string, string], { json: string }>('SELECT json FROM instruments WHERE id = ? AND version = ?'),
      instruments: db.prepare<[], { id: string; version: string; json: string }>('SELECT * FROM instruments ORDER BY id, version'),
      insertCampaign: db.prepare('INSERT INTO survey_campaigns (id, site_id, public_token, json) VALUES (?, ?, ?, ?)'),
      campaign: db.prepare<[string], { json: string }>('SELECT json FROM survey_campaigns WHERE id = ?'),
      campaignByToken: db.prepare<[string], { json: string }>('SELECT json FROM survey_campaigns WHERE public_token = ?'),
      siteCampaigns: db.prepare<[string], { json: string }>('SELECT json FROM survey_campaigns WHERE site_id = ? ORDER BY rowid'),
      recordSubmission: db.prepare('INSERT OR IGNORE INTO survey_submissions (campaign_id, submission_id) VALUES (?, ?)'),
      insertCode: db.prepare('INSERT OR IGNORE INTO survey_access_codes (campaign_id, code_hash) VALUES (?, ?)'),
      useCode: db.prepare('DELETE FROM survey_access_codes WHERE campaign_id = ? AND code_hash = ?'),
      insertResponse: db.prepare('INSERT INTO survey_responses (campaign_id, submitted_on, answers, context) VALUES (?, ?, ?, ?)'),
      countResponses: db.prepare<[string], { n: number }>('SELECT n FROM survey_response_counts WHERE campaign_id = ?'),
      incrementResponses: db.prepare('INSERT INTO survey_response_counts (campaign_id, n) VALUES (?, 1) ON CONFLICT (campaign_id) DO UPDATE SET n = n + 1'),
      responses: db.prepare<[string, number], { seq: number; submitted_on: string; answers: string; context: string }>(
        'SELECT seq, submitted_on, answers, context FROM survey_responses WHERE campaign_id = ? ORDER BY seq LIMIT ?',
      ),
      release: db.prepare<[string], { json: string }>('SELECT json FROM survey_releases WHERE campaign_id = ?'),
      touchHealth: db.prepare("INSERT INTO health (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at"),
      insertRelease: db.prepare('INSERT OR IGNORE INTO survey_releases (campaign_id, current_size, json) VALUES (?, ?, ?)'),
      updateRelease: db.prepare('UPDATE survey_releases SET current_size = ?, json = ? WHERE campaign_id = ? AND current_size = ?'),
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

  /** Brings a database made by an earlier version up to this schema. */
  private migrate(): void {
    const userColumns = new Set(this.db.prepare<[], { name: string }>('PRAGMA table_info(users)').all().map((c) => c.name));
    for (const column of ['organisation', 'sector']) {
      if (!userColumns.has(column)) this.db.exec(`ALTER TABLE users ADD COLUMN ${column} TEXT NOT NULL DEFAULT ''`);
    }
    // Databases from before the counter table: count once; from then on each response counts itself.
    this.db.exec('INSERT OR IGNORE INTO survey_response_counts (campaign_id, n) SELECT campaign_id, COUNT(*) FROM survey_responses GROUP BY campaign_id');
    const hasOldFacilitation = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'facilitation_states'").get();
    if (hasOldFacilitation) {
      this.db.transaction(() => {
        this.db.exec("INSERT OR IGNORE INTO versioned_records (kind, id, version, json) SELECT 'facilitation', meeting_id, version, state FROM facilitation_states");
        this.db.exec('DROP TABLE facilitation_states');
      })();
    }
  }

  async checkWritable(): Promise<void> {
    this.statements.touchHealth.run(new Date().toISOString());
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }

  async createUser(user: UserRecord): Promise<void> {
    this.statements.insertUser.run(
      user.id,
      user.email,
      user.name,
      user.passwordHash,
      user.isFacilitator ? 1 : 0,
      user.organisation,
      user.sector,
      user.createdAt,
    );
  }
  async getUserById(id: string) {
    return toUser(this.statements.userById.get(id));
  }
  async getUserByEmail(email: string) {
    return toUser(this.statements.userByEmail.get(email));
  }
  async updateUser(id: string, changes: Partial<Pick<UserRecord, 'name' | 'passwordHash' | 'organisation' | 'sector'>>) {
    this.statements.updateUser.run(changes.name ?? null, changes.passwordHash ?? null, changes.organisation ?? null, changes.sector ?? null, id);
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
  async listSites(): Promise<SiteRecord[]> {
    return this.statements.sites.all().map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
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

  async createMeeting(m: MeetingRecord) {
    this.statements.insertMeeting.run(
      m.id,
      m.siteId,
      m.kind,
      m.startsAt,
      m.durationMinutes,
      m.status,
      JSON.stringify(m.attendeeIds),
      m.baseMeetingId,
      m.createdBy,
      m.createdAt,
    );
  }
  async getMeeting(id: string) {
    const row = this.statements.meeting.get(id);
    return row ? toMeeting(row) : null;
  }
  async listSiteMeetings(siteId: string) {
    return this.statements.siteMeetings.all(siteId).map(toMeeting);
  }
  async changeMeetingStatus(id: string, from: MeetingRecord['status'], to: MeetingRecord['status']) {
    return this.statements.changeMeetingStatus.run(to, id, from).changes === 1;
  }
  async addMeetingAttendee(meetingId: string, userId: string) {
    this.statements.addMeetingAttendee.run(userId, meetingId, userId);
  }

  async putPreRating(r: PreRatingRecord) {
    this.statements.putPreRating.run(r.meetingId, r.userId, r.domain, r.rating, r.comment, r.updatedAt);
  }
  async listPreRatings(meetingId: string): Promise<PreRatingRecord[]> {
    return this.statements.preRatings.all(meetingId).map((row) => ({
      meetingId: row.meeting_id,
      userId: row.user_id,
      domain: row.domain,
      rating: row.rating,
      comment: row.comment,
      updatedAt: row.updated_at,
    }));
  }

  async getVersioned(kind: VersionedKind, id: string) {
    const row = this.statements.versioned.get(kind, id);
    return row ? { json: row.json, version: row.version } : null;
  }
  async saveVersioned(kind: VersionedKind, id: string, expectedVersion: number, version: number, json: string) {
    const result =
      expectedVersion === 0
        ? this.statements.insertVersioned.run(kind, id, version, json)
        : this.statements.updateVersioned.run(version, json, kind, id, expectedVersion);
    return result.changes === 1;
  }

  async recordAttendance(a: AttendanceRecord) {
    this.statements.recordAttendance.run(a.meetingId, a.userId, a.firstJoinedAt);
  }
  async listAttendance(meetingId: string): Promise<AttendanceRecord[]> {
    return this.statements.attendance.all(meetingId).map((row) => ({ meetingId: row.meeting_id, userId: row.user_id, firstJoinedAt: row.first_joined_at }));
  }

  async saveMeetingSnapshot(meetingId: string, json: string) {
    return this.statements.insertSnapshot.run(meetingId, json).changes === 1;
  }
  async getMeetingSnapshot(meetingId: string) {
    return this.statements.snapshot.get(meetingId)?.snapshot ?? null;
  }

  async saveInstrument(id: string, version: string, json: string) {
    this.statements.saveInstrument.run(id, version, json);
  }
  async getInstrument(id: string, version: string) {
    return this.statements.instrument.get(id, version)?.json ?? null;
  }
  async listInstruments() {
    return this.statements.instruments.all();
  }

  async createCampaign(c: SurveyCampaignRecord) {
    this.statements.insertCampaign.run(c.id, c.siteId, c.publicToken, JSON.stringify(c));
  }
  async getCampaign(id: string) {
    const row = this.statements.campaign.get(id);
    return row ? (JSON.parse(row.json) as SurveyCampaignRecord) : null;
  }
  async getCampaignByToken(publicToken: string) {
    const row = this.statements.campaignByToken.get(publicToken);
    return row ? (JSON.parse(row.json) as SurveyCampaignRecord) : null;
  }
  async listSiteCampaigns(siteId: string) {
    return this.statements.siteCampaigns.all(siteId).map((row) => JSON.parse(row.json) as SurveyCampaignRecord);
  }
  async addAccessCodes(campaignId: string, codeHashes: string[]) {
    this.db.transaction(() => {
      for (const hash of codeHashes) this.statements.insertCode.run(campaignId, hash);
    })();
  }
  async submitResponse(campaignId: string, response: Omit<SurveyResponseRecord, 'seq'>, codeHash: string | null, submissionId: string | null): Promise<SubmitOutcome> {
    return this.db.transaction((): SubmitOutcome => {
      if (submissionId !== null && this.statements.recordSubmission.run(campaignId, submissionId).changes !== 1) return 'already-stored';
      if (codeHash !== null && this.statements.useCode.run(campaignId, codeHash).changes !== 1) return 'code-refused';
      this.statements.insertResponse.run(campaignId, response.submittedOn, JSON.stringify(response.answers), JSON.stringify(response.context));
      this.statements.incrementResponses.run(campaignId);
      return 'stored';
    })();
  }
  async countResponses(campaignId: string) {
    return this.statements.countResponses.get(campaignId)?.n ?? 0;
  }
  async listResponses(campaignId: string, limit: number): Promise<SurveyResponseRecord[]> {
    return this.statements.responses.all(campaignId, limit).map((row) => ({
      seq: row.seq,
      submittedOn: row.submitted_on,
      answers: JSON.parse(row.answers),
      context: JSON.parse(row.context),
    }));
  }
  async getReleases(campaignId: string): Promise<ReleaseHistory> {
    const row = this.statements.release.get(campaignId);
    return row ? parseReleaseHistory(row.json) : [];
  }
  async saveReleases(campaignId: string, history: ReleaseHistory, expectedSize: number | null) {
    const json = JSON.stringify(history);
    const latest = history.at(-1)!.size;
    const result =
      expectedSize === null
        ? this.statements.insertRelease.run(campaignId, latest, json)
        : this.statements.updateRelease.run(latest, json, campaignId, expectedSize);
    return result.changes === 1;
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
