import type pg from 'pg';
import type { ReleaseHistory } from '@shared/survey/anonymity';
import { MembershipRecord, SessionRecord, SurveyCampaignRecord, SurveyResponseRecord, UserRecord, type NewMeeting, type NewSession, type NewUser } from './records';
import { parseReleaseHistory } from './release-history';
import { migratePostgres } from './postgres-schema';
import { createPool, serverConnectionName, type PostgresOptions } from './postgres-pool';
import { inTransaction, onOneConnection } from './postgres-transaction';
import { rewriteTables } from './postgres-rewrite';
import { toBytes, toInvitation, toMeeting, toSession, toUser, type InvitationRow, type MeetingRow, type SessionRow, type UserRow } from './rows';
import type { ArchiveLine } from './archive-format';
import { exportPostgres, importPostgres } from './archive-postgres';
import type { AttendanceRecord, InvitationRecord, MeetingRecord, PreRatingRecord, SiteRecord, Store, StoredDoc, SubmitOutcome, UserChanges, VersionedKind } from './store';

type Queryable = Pick<pg.Pool, 'query'>;

class CodeRefused extends Error {}


/**
 * The store for several processes: every method resolves once PostgreSQL has committed the
 * write (synchronous_commit on: it is in PostgreSQL's write-ahead log on disk). Constraints
 * and single statements do what the embedded store does with its transactions.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
  ) {}

  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
    const schema = options.schema ?? 'public';
    const pool = createPool(url, schema, options.poolSize, options.onIdleError, options.tool);
    try {
      await migratePostgres(pool, schema, options.migrated);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStore(pool, schema);
  }

  private async rows<Row extends pg.QueryResultRow>(sql: string, params: unknown[] = [], on: Queryable = this.pool): Promise<Row[]> {
    return (await on.query<Row>(sql, params)).rows;
  }
  private async changed(sql: string, params: unknown[] = [], on: Queryable = this.pool): Promise<number> {
    return (await on.query(sql, params)).rowCount ?? 0;
  }

  async exportArchive() {
    return onOneConnection(this.pool, exportPostgres);
  }
  async importArchive(lines: readonly ArchiveLine[]) {
    await onOneConnection(this.pool, (client) => importPostgres(client, lines, serverConnectionName(this.schema)));
  }
  async checkWritable(): Promise<void> {
    await this.changed('INSERT INTO health (id, checked_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at', [new Date().toISOString()]);
  }

  /**
   * Rewrites every table, so erased values are not left in dead row versions. Copies in
   * PostgreSQL's archived write-ahead log and base backups last as long as the operator keeps
   * them (README, "Personal data").
   */
  async dropOldCopies(): Promise<void> {
    await rewriteTables(this.pool);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async createUser(newUser: NewUser) {
    const u = UserRecord.parse(newUser);
    await this.changed(
      'INSERT INTO users (id, email, name, password_hash, is_facilitator, organisation, sector, created_at, deactivated_at, last_sign_in_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [u.id, u.email, u.name, u.passwordHash, u.isFacilitator ? 1 : 0, u.organisation, u.sector, u.createdAt, u.deactivatedAt, u.lastSignInAt],
    );
  }
  async getUserById(id: string) {
    return toUser((await this.rows<UserRow>('SELECT * FROM users WHERE id = $1', [id]))[0]);
  }
  async getUserByEmail(email: string) {
    return toUser((await this.rows<UserRow>('SELECT * FROM users WHERE email = $1', [email]))[0]);
  }
  async updateUser(id: string, c: UserChanges) {
    await this.changed(
      `UPDATE users SET email = COALESCE($1, email), name = COALESCE($2, name), password_hash = COALESCE($3, password_hash), organisation = COALESCE($4, organisation),
        sector = COALESCE($5, sector), deactivated_at = COALESCE($6, deactivated_at), last_sign_in_at = COALESCE($7, last_sign_in_at) WHERE id = $8`,
      [c.email ?? null, c.name ?? null, c.passwordHash ?? null, c.organisation ?? null, c.sector ?? null, c.deactivatedAt ?? null, c.lastSignInAt ?? null, id],
    );
  }
  async listUsers() {
    return (await this.rows<UserRow>('SELECT * FROM users ORDER BY created_at, ord')).map((row) => toUser(row)!);
  }

  async createSession(newSession: NewSession) {
    const s = SessionRecord.parse(newSession);
    await this.changed('INSERT INTO sessions (token_hash, user_id, expires_at, created_at, user_agent) VALUES ($1, $2, $3, $4, $5)', [s.tokenHash, s.userId, s.expiresAt, s.createdAt, s.userAgent]);
  }
  async getSession(tokenHash: string) {
    const row = (await this.rows<SessionRow>('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash]))[0];
    return row ? toSession(row) : null;
  }
  async deleteSession(tokenHash: string) {
    await this.changed('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }
  async listUserSessions(userId: string, now: string) {
    return (await this.rows<SessionRow>('SELECT * FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC', [userId, now])).map(toSession);
  }
  async deleteUserSessions(userId: string, keep = '') {
    await this.changed('DELETE FROM sessions WHERE user_id = $1 AND token_hash != $2', [userId, keep]);
  }

  async createSite(site: SiteRecord) {
    await this.changed('INSERT INTO sites (id, name, created_at) VALUES ($1, $2, $3)', [site.id, site.name, site.createdAt]);
  }
  private async sitesWhere(where: string, params: unknown[]): Promise<SiteRecord[]> {
    const rows = await this.rows<{ id: string; name: string; created_at: string }>(`SELECT id, name, created_at FROM sites ${where} ORDER BY created_at, ord`, params);
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }
  async getSite(id: string) {
    return (await this.sitesWhere('WHERE id = $1', [id]))[0] ?? null;
  }
  async getSiteByName(name: string) {
    return (await this.sitesWhere('WHERE name = $1', [name]))[0] ?? null;
  }
  async listSites() {
    return this.sitesWhere('', []);
  }

  async putMembership(m: MembershipRecord) {
    await this.changed('INSERT INTO memberships (site_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (site_id, user_id) DO UPDATE SET role = excluded.role', [m.siteId, m.userId, m.role]);
  }
  async removeMembership(siteId: string, userId: string) {
    await this.changed('DELETE FROM memberships WHERE site_id = $1 AND user_id = $2', [siteId, userId]);
  }
  private async membershipsWhere(where: string, params: unknown[]): Promise<MembershipRecord[]> {
    const rows = await this.rows<{ site_id: string; user_id: string; role: string }>(`SELECT site_id, user_id, role FROM memberships WHERE ${where} ORDER BY ord`, params);
    return rows.map((row) => MembershipRecord.parse({ siteId: row.site_id, userId: row.user_id, role: row.role }));
  }
  async getMembership(siteId: string, userId: string) {
    return (await this.membershipsWhere('site_id = $1 AND user_id = $2', [siteId, userId]))[0] ?? null;
  }
  async listSiteMembers(siteId: string) {
    return this.membershipsWhere('site_id = $1', [siteId]);
  }
  async listUserMemberships(userId: string) {
    return this.membershipsWhere('user_id = $1', [userId]);
  }

  async createInvitation(i: InvitationRecord) {
    await this.changed(
      'INSERT INTO invitations (id, site_id, email, role, token_hash, invited_by, created_at, expires_at, accepted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [i.id, i.siteId, i.email, i.role, i.tokenHash, i.invitedBy, i.createdAt, i.expiresAt, i.acceptedAt],
    );
  }
  async getInvitationByTokenHash(tokenHash: string) {
    const row = (await this.rows<InvitationRow>('SELECT * FROM invitations WHERE token_hash = $1', [tokenHash]))[0];
    return row ? toInvitation(row) : null;
  }
  async listPendingInvitations(siteId: string, now: string) {
    const rows = await this.rows<InvitationRow>('SELECT * FROM invitations WHERE site_id = $1 AND accepted_at IS NULL AND expires_at > $2 ORDER BY created_at', [siteId, now]);
    return rows.map(toInvitation);
  }
  async consumeInvitation(id: string, acceptedAt: string) {
    return (await this.changed('UPDATE invitations SET accepted_at = $1 WHERE id = $2 AND accepted_at IS NULL', [acceptedAt, id])) === 1;
  }
  async withdrawInvitation(siteId: string, id: string) {
    return (await this.changed('DELETE FROM invitations WHERE site_id = $1 AND id = $2 AND accepted_at IS NULL', [siteId, id])) === 1;
  }
  async eraseInvitationsTo(email: string) {
    await this.changed('DELETE FROM invitations WHERE email = $1', [email]);
  }

  async createMeeting(m: NewMeeting) {
    await this.changed(
      'INSERT INTO meetings (id, site_id, kind, starts_at, duration_minutes, status, attendee_ids, base_meeting_id, started_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
      [m.id, m.siteId, m.kind, m.startsAt, m.durationMinutes, m.status, JSON.stringify(m.attendeeIds), m.baseMeetingId, m.startedAt ?? null, m.createdBy, m.createdAt],
    );
  }
  async getMeeting(id: string) {
    const row = (await this.rows<MeetingRow>('SELECT * FROM meetings WHERE id = $1', [id]))[0];
    return row ? toMeeting(row) : null;
  }
  async listSiteMeetings(siteId: string) {
    return (await this.rows<MeetingRow>('SELECT * FROM meetings WHERE site_id = $1 ORDER BY starts_at, created_at', [siteId])).map(toMeeting);
  }
  async changeMeetingStatus(id: string, from: MeetingRecord['status'], to: MeetingRecord['status']) {
    // Going live records when: the meeting's record says when it was held.
    const sql = "UPDATE meetings SET status = $1, started_at = CASE WHEN $1 = 'live' THEN $2 ELSE started_at END WHERE id = $3 AND status = $4";
    return (await this.changed(sql, [to, new Date().toISOString(), id, from])) === 1;
  }
  async rescheduleMeeting(id: string, startsAt: string, durationMinutes: number) {
    return (await this.changed("UPDATE meetings SET starts_at = $1, duration_minutes = $2 WHERE id = $3 AND status = 'scheduled'", [startsAt, durationMinutes, id])) === 1;
  }
  async addMeetingAttendee(meetingId: string, userId: string) {
    // The row lock makes a second simultaneous call see the first one's list.
    await this.changed("UPDATE meetings SET attendee_ids = (attendee_ids::jsonb || to_jsonb($1::text))::text WHERE id = $2 AND NOT (attendee_ids::jsonb ? $1)", [userId, meetingId]);
  }
  async linkReview(reviewId: string, baseMeetingId: string) {
    return (await this.changed("UPDATE meetings SET base_meeting_id = $1 WHERE id = $2 AND status != 'closed'", [baseMeetingId, reviewId])) === 1;
  }

  async putPreRating(r: PreRatingRecord) {
    await this.changed(
      'INSERT INTO pre_ratings (meeting_id, user_id, domain, rating, comment, updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (meeting_id, user_id, domain) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at',
      [r.meetingId, r.userId, r.domain, r.rating, r.comment, r.updatedAt],
    );
  }
  async listPreRatings(meetingId: string): Promise<PreRatingRecord[]> {
    const rows = await this.rows<{ meeting_id: string; user_id: string; domain: number; rating: number | null; comment: string; updated_at: string }>(
      'SELECT * FROM pre_ratings WHERE meeting_id = $1 ORDER BY user_id, domain',
      [meetingId],
    );
    return rows.map((row) => ({ meetingId: row.meeting_id, userId: row.user_id, domain: row.domain, rating: row.rating, comment: row.comment, updatedAt: row.updated_at }));
  }
  async deletePreRatingsBy(userId: string) {
    await this.changed('DELETE FROM pre_ratings WHERE user_id = $1', [userId]);
  }

  async recordAttendance(a: AttendanceRecord) {
    await this.changed('INSERT INTO attendance (meeting_id, user_id, first_joined_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [a.meetingId, a.userId, a.firstJoinedAt]);
  }
  async listAttendance(meetingId: string): Promise<AttendanceRecord[]> {
    const rows = await this.rows<{ meeting_id: string; user_id: string; first_joined_at: string }>('SELECT * FROM attendance WHERE meeting_id = $1 ORDER BY first_joined_at, user_id', [meetingId]);
    return rows.map((row) => ({ meetingId: row.meeting_id, userId: row.user_id, firstJoinedAt: row.first_joined_at }));
  }

  async saveMeetingSnapshot(meetingId: string, json: string) {
    return (await this.changed('INSERT INTO meeting_snapshots (meeting_id, snapshot) VALUES ($1, $2) ON CONFLICT DO NOTHING', [meetingId, json])) === 1;
  }
  async getMeetingSnapshot(meetingId: string) {
    return (await this.rows<{ snapshot: string }>('SELECT snapshot FROM meeting_snapshots WHERE meeting_id = $1', [meetingId]))[0]?.snapshot ?? null;
  }
  async replaceMeetingSnapshot(meetingId: string, json: string) {
    await this.changed('UPDATE meeting_snapshots SET snapshot = $1 WHERE meeting_id = $2', [json, meetingId]);
  }

  async getVersioned(kind: VersionedKind, id: string) {
    return (await this.rows<{ json: string; version: number }>('SELECT version, json FROM versioned_records WHERE kind = $1 AND id = $2', [kind, id]))[0] ?? null;
  }
  async saveVersioned(kind: VersionedKind, id: string, expectedVersion: number, version: number, json: string) {
    const saved =
      expectedVersion === 0
        ? await this.changed('INSERT INTO versioned_records (kind, id, version, json) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [kind, id, version, json])
        : await this.changed('UPDATE versioned_records SET version = $1, json = $2 WHERE kind = $3 AND id = $4 AND version = $5', [version, json, kind, id, expectedVersion]);
    return saved === 1;
  }

  async saveInstrument(id: string, version: string, json: string) {
    await this.changed('INSERT INTO instruments (id, version, json) VALUES ($1, $2, $3) ON CONFLICT (id, version) DO UPDATE SET json = excluded.json', [id, version, json]);
  }
  async getInstrument(id: string, version: string) {
    return (await this.rows<{ json: string }>('SELECT json FROM instruments WHERE id = $1 AND version = $2', [id, version]))[0]?.json ?? null;
  }
  async listInstruments() {
    return this.rows<{ id: string; version: string; json: string }>('SELECT id, version, json FROM instruments ORDER BY id, version');
  }

  async createCampaign(c: SurveyCampaignRecord) {
    await this.changed('INSERT INTO survey_campaigns (id, site_id, public_token, json) VALUES ($1, $2, $3, $4)', [c.id, c.siteId, c.publicToken, JSON.stringify(c)]);
  }
  async saveCampaign(c: SurveyCampaignRecord) {
    await this.changed('UPDATE survey_campaigns SET json = $1 WHERE id = $2', [JSON.stringify(c), c.id]);
  }
  private async campaignsWhere(where: string, params: unknown[]) {
    return (await this.rows<{ json: string }>(`SELECT json FROM survey_campaigns WHERE ${where} ORDER BY ord`, params)).map((row) => SurveyCampaignRecord.parse(JSON.parse(row.json)));
  }
  async getCampaign(id: string) {
    return (await this.campaignsWhere('id = $1', [id]))[0] ?? null;
  }
  async getCampaignByToken(publicToken: string) {
    return (await this.campaignsWhere('public_token = $1', [publicToken]))[0] ?? null;
  }
  async listSiteCampaigns(siteId: string) {
    return this.campaignsWhere('site_id = $1', [siteId]);
  }
  async addAccessCodes(campaignId: string, codeHashes: string[]) {
    await this.changed('INSERT INTO survey_access_codes (campaign_id, code_hash) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [campaignId, codeHashes]);
  }
  async hasUnusedAccessCode(campaignId: string, codeHash: string) {
    return (await this.rows('SELECT 1 FROM survey_access_codes WHERE campaign_id = $1 AND code_hash = $2', [campaignId, codeHash])).length > 0;
  }
  async submitResponse(campaignId: string, response: Omit<SurveyResponseRecord, 'seq'>, codeHash: string | null, submissionId: string | null): Promise<SubmitOutcome> {
    const stored = inTransaction(this.pool, async (client): Promise<SubmitOutcome> => {
      // A retried submission meets its own id and stores nothing (the unique key decides, even under races).
      if (submissionId !== null && (await this.changed('INSERT INTO survey_submissions (campaign_id, submission_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [campaignId, submissionId], client)) !== 1) {
        return 'already-stored';
      }
      // Thrown to roll back: a refused attempt keeps nothing, not even its submission id, so the
      // same submission sent again with a good code is stored.
      if (codeHash !== null && (await this.changed('DELETE FROM survey_access_codes WHERE campaign_id = $1 AND code_hash = $2', [campaignId, codeHash], client)) !== 1) throw new CodeRefused();
      // The campaign's counter first: its row stays locked until this commits, so the numbers of
      // one campaign's answers are taken in the order they commit. A release is "the first N
      // answers"; an answer numbered before one already released but committed after it would
      // change a published release by one school's answers.
      await this.changed('INSERT INTO survey_response_counts (campaign_id, n) VALUES ($1, 1) ON CONFLICT (campaign_id) DO UPDATE SET n = survey_response_counts.n + 1', [campaignId], client);
      await this.changed('INSERT INTO survey_responses (campaign_id, submitted_on, answers, context) VALUES ($1, $2, $3, $4)', [campaignId, response.submittedOn, JSON.stringify(response.answers), JSON.stringify(response.context)], client);
      return 'stored';
    });
    return stored.catch((error: unknown) => {
      if (error instanceof CodeRefused) return 'code-refused';
      throw error;
    });
  }
  async countResponses(campaignId: string) {
    return (await this.rows<{ n: number }>('SELECT n FROM survey_response_counts WHERE campaign_id = $1', [campaignId]))[0]?.n ?? 0;
  }
  async deleteResponses(campaignId: string) {
    return inTransaction(this.pool, async (client) => {
      // The counter's row first, as a submission takes it: no answer commits between the two.
      await this.changed('SELECT 1 FROM survey_response_counts WHERE campaign_id = $1 FOR UPDATE', [campaignId], client);
      const deleted = await this.changed('DELETE FROM survey_responses WHERE campaign_id = $1', [campaignId], client);
      await this.changed('UPDATE survey_response_counts SET n = 0 WHERE campaign_id = $1', [campaignId], client);
      return deleted;
    });
  }
  async listResponses(campaignId: string, limit: number): Promise<SurveyResponseRecord[]> {
    const rows = await this.rows<{ seq: number; submitted_on: string; answers: string; context: string }>(
      'SELECT seq, submitted_on, answers, context FROM survey_responses WHERE campaign_id = $1 ORDER BY seq LIMIT $2',
      [campaignId, limit],
    );
    return rows.map((row) => SurveyResponseRecord.parse({ seq: row.seq, submittedOn: row.submitted_on, answers: JSON.parse(row.answers), context: JSON.parse(row.context) }));
  }
  async getReleases(campaignId: string): Promise<ReleaseHistory> {
    const row = (await this.rows<{ json: string }>('SELECT json FROM survey_releases WHERE campaign_id = $1', [campaignId]))[0];
    return row ? parseReleaseHistory(row.json) : [];
  }
  async saveReleases(campaignId: string, history: ReleaseHistory, expectedSize: number | null) {
    const json = JSON.stringify(history);
    const latest = history.at(-1)!.size;
    const saved =
      expectedSize === null
        ? await this.changed('INSERT INTO survey_releases (campaign_id, current_size, json) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [campaignId, latest, json])
        : await this.changed('UPDATE survey_releases SET current_size = $1, json = $2 WHERE campaign_id = $3 AND current_size = $4', [latest, json, campaignId, expectedSize]);
    return saved === 1;
  }

  /**
   * Numbers the update from the document's own counter in the same statement: the counter's row
   * stays locked until the insert commits, so a document's updates commit in the order of their
   * numbers, whichever process appends, and a compaction up to a number never passes over one
   * still to commit.
   */
  async appendDocUpdate(docName: string, update: Uint8Array): Promise<string> {
    return (await this.appendDocUpdateUnlessPaused(docName, update, null))!;
  }

  /** The pause is read in the same statement (a paused meeting's facilitation state has `paused` set); a null meeting id matches none. */
  async appendDocUpdateUnlessPaused(docName: string, update: Uint8Array, meetingId: string | null): Promise<string | null> {
    const rows = await this.rows<{ seq: number }>(
      `WITH next AS (INSERT INTO doc_heads (doc, head) SELECT $1, 1
         WHERE NOT EXISTS (SELECT 1 FROM versioned_records WHERE kind = 'facilitation' AND id = $3 AND (json::json ->> 'paused') IS NOT NULL)
         ON CONFLICT (doc) DO UPDATE SET head = doc_heads.head + 1 RETURNING head)
       INSERT INTO doc_updates (doc, seq, update_bytes) SELECT $1, head, $2 FROM next RETURNING seq`,
      [docName, Buffer.from(update.buffer, update.byteOffset, update.byteLength), meetingId],
    );
    return rows[0] ? String(rows[0].seq) : null;
  }

  /** One statement, so the snapshot and the updates after it are read at one moment. */
  async loadDoc(docName: string): Promise<StoredDoc> {
    const rows = await this.rows<{ snapshot: boolean; seq: number; bytes: Buffer }>(
      `SELECT true AS snapshot, head AS seq, snapshot AS bytes FROM doc_snapshots WHERE doc = $1
       UNION ALL SELECT false, seq, update_bytes FROM doc_updates WHERE doc = $1
       ORDER BY snapshot DESC, seq`,
      [docName],
    );
    const snapshot = rows[0]?.snapshot ? rows[0] : null;
    const updates = snapshot ? rows.slice(1) : rows;
    return {
      snapshot: snapshot ? toBytes(snapshot.bytes) : null,
      updates: updates.map((row) => toBytes(row.bytes)),
      head: String(updates.at(-1)?.seq ?? snapshot?.seq ?? 0),
    };
  }

  async compactDoc(docName: string, snapshot: Uint8Array, head: string): Promise<void> {
    const headSeq = Number(head);
    if (!Number.isSafeInteger(headSeq)) throw new Error(`Invalid document head: ${head}`);
    // An older compaction than the stored snapshot changes nothing, and deletes nothing.
    await this.changed(
      `WITH put AS (INSERT INTO doc_snapshots (doc, snapshot, head) VALUES ($1, $2, $3)
         ON CONFLICT (doc) DO UPDATE SET snapshot = excluded.snapshot, head = excluded.head WHERE excluded.head > doc_snapshots.head RETURNING head)
       DELETE FROM doc_updates WHERE doc = $1 AND seq <= (SELECT head FROM put)`,
      [docName, Buffer.from(snapshot), headSeq],
    );
  }
}
