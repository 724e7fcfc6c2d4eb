import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { startCheckpointer } from './sqlite-checkpointer';
import type {
  AttendanceRecord,
  InvitationRecord,
  MeetingRecord,
  PreRatingRecord,
  SubmitOutcome,
  SiteRecord,
  Store,
  StoredDoc,
  UserChanges,
  VersionedKind,
} from './store';
import { MembershipRecord, SessionRecord, SurveyCampaignRecord, SurveyResponseRecord, UserRecord, type NewMeeting, type NewSession, type NewUser } from './records';
import { parseReleaseHistory } from './release-history';
import type { ReleaseHistory } from '@shared/survey/anonymity';
import { migrate, schema, schemaVersion, sqliteSchemaVersionOf } from './sqlite-schema';
import { refuseNewerSchema, type AppliedMigration } from './schema-version';
import { prepareStatements, type Statements } from './sqlite-statements';
import { toBytes, toInvitation, toMeeting, toSession, toUser } from './rows';
import type { ArchiveLine } from './archive-format';
import { exportSqlite, importSqlite } from './archive-sqlite';

const codeRefused = Symbol('access code refused');

/**
 * The embedded default. WAL with synchronous=NORMAL: every committed write survives the
 * process being killed (it is in the WAL file before the call returns); set
 * SQLITE_SYNCHRONOUS=FULL to also survive power loss at the cost of an fsync per write.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly checkpointer: { stop(): Promise<void> } | null;

  constructor(file: string, options: { synchronous?: 'NORMAL' | 'FULL'; migrated?: (migration: AppliedMigration) => void } = {}) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    try {
      refuseNewerSchema(sqliteSchemaVersionOf(this.db), schemaVersion, `The database ${file}`);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // Deleted and overwritten content is zeroed in the file, not left in free space (erasure).
    this.db.pragma('secure_delete = ON');
    this.db.exec(schema);
    migrate(this.db, options.migrated);
    // Checkpoints run in a worker thread instead of inside our commits.
    this.checkpointer = file === ':memory:' ? null : startCheckpointer(file);
    if (this.checkpointer) this.db.pragma('wal_autocheckpoint = 0');
    const db = this.db;
    this.statements = prepareStatements(db);
  }

  async dropOldCopies(): Promise<void> {
    // The log's old page images go back into the (zeroed) file, and the log is emptied.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async exportArchive() {
    return exportSqlite(this.db);
  }
  async importArchive(lines: readonly ArchiveLine[]) {
    importSqlite(this.db, lines);
  }

  async checkWritable(): Promise<void> {
    this.statements.touchHealth.run(new Date().toISOString());
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }

  async createUser(newUser: NewUser): Promise<void> {
    const user = UserRecord.parse(newUser);
    this.statements.insertUser.run(
      user.id,
      user.email,
      user.name,
      user.passwordHash,
      user.isFacilitator ? 1 : 0,
      user.organisation,
      user.sector,
      user.createdAt,
      user.deactivatedAt,
      user.lastSignInAt,
    );
  }
  async getUserById(id: string) {
    return toUser(this.statements.userById.get(id));
  }
  async getUserByEmail(email: string) {
    return toUser(this.statements.userByEmail.get(email));
  }
  async updateUser(id: string, changes: UserChanges) {
    const { email, name, passwordHash, organisation, sector, deactivatedAt, lastSignInAt } = changes;
    this.statements.updateUser.run(email ?? null, name ?? null, passwordHash ?? null, organisation ?? null, sector ?? null, deactivatedAt ?? null, lastSignInAt ?? null, id);
  }
  async listUsers() {
    return this.statements.users.all().map((row) => toUser(row)!);
  }

  async createSession(newSession: NewSession) {
    const session = SessionRecord.parse(newSession);
    this.statements.insertSession.run(session.tokenHash, session.userId, session.expiresAt, session.createdAt, session.userAgent);
  }
  async getSession(tokenHash: string): Promise<SessionRecord | null> {
    const row = this.statements.session.get(tokenHash);
    return row ? toSession(row) : null;
  }
  async deleteSession(tokenHash: string) {
    this.statements.deleteSession.run(tokenHash);
  }
  async listUserSessions(userId: string, now: string) {
    return this.statements.userSessions.all(userId, now).map(toSession);
  }
  async deleteUserSessions(userId: string, keep = '') {
    this.statements.deleteUserSessions.run(userId, keep);
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
    return row ? MembershipRecord.parse({ siteId: row.site_id, userId: row.user_id, role: row.role }) : null;
  }
  async listSiteMembers(siteId: string): Promise<MembershipRecord[]> {
    return this.statements.siteMembers.all(siteId).map((row) => MembershipRecord.parse({ siteId: row.site_id, userId: row.user_id, role: row.role }));
  }
  async listUserMemberships(userId: string): Promise<MembershipRecord[]> {
    return this.statements.userMemberships.all(userId).map((row) => MembershipRecord.parse({ siteId: row.site_id, userId: row.user_id, role: row.role }));
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
  async withdrawInvitation(siteId: string, id: string) {
    return this.statements.withdrawInvitation.run(siteId, id).changes === 1;
  }
  async consumeInvitation(id: string, acceptedAt: string) {
    return this.statements.consumeInvitation.run(acceptedAt, id).changes === 1;
  }

  async createMeeting(m: NewMeeting) {
    this.statements.insertMeeting.run(
      m.id,
      m.siteId,
      m.kind,
      m.startsAt,
      m.durationMinutes,
      m.status,
      JSON.stringify(m.attendeeIds),
      m.baseMeetingId,
      m.startedAt ?? null,
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
  async rescheduleMeeting(id: string, startsAt: string, durationMinutes: number) {
    return this.statements.rescheduleMeeting.run(startsAt, durationMinutes, id).changes === 1;
  }
  async changeMeetingStatus(id: string, from: MeetingRecord['status'], to: MeetingRecord['status']) {
    return this.statements.changeMeetingStatus.run({ to, id, from, at: new Date().toISOString() }).changes === 1;
  }
  async linkReview(reviewId: string, baseMeetingId: string) {
    return this.statements.linkReview.run(baseMeetingId, reviewId).changes === 1;
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

  async replaceMeetingSnapshot(meetingId: string, json: string) {
    this.statements.replaceSnapshot.run(json, meetingId);
  }
  async eraseInvitationsTo(email: string) {
    this.statements.deleteInvitationsTo.run(email);
  }
  async deletePreRatingsBy(userId: string) {
    this.statements.deletePreRatingsBy.run(userId);
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
  async deleteResponses(campaignId: string) {
    return this.db.transaction(() => {
      const deleted = this.statements.deleteResponses.run(campaignId).changes;
      this.statements.resetResponseCount.run(campaignId);
      return deleted;
    })();
  }
  async saveCampaign(c: SurveyCampaignRecord) {
    this.statements.saveCampaign.run(JSON.stringify(c), c.id);
  }
  async getCampaign(id: string) {
    const row = this.statements.campaign.get(id);
    return row ? SurveyCampaignRecord.parse(JSON.parse(row.json)) : null;
  }
  async getCampaignByToken(publicToken: string) {
    const row = this.statements.campaignByToken.get(publicToken);
    return row ? SurveyCampaignRecord.parse(JSON.parse(row.json)) : null;
  }
  async listSiteCampaigns(siteId: string) {
    return this.statements.siteCampaigns.all(siteId).map((row) => SurveyCampaignRecord.parse(JSON.parse(row.json)));
  }
  async hasUnusedAccessCode(campaignId: string, codeHash: string) {
    return this.statements.unusedCode.get(campaignId, codeHash) !== undefined;
  }
  async addAccessCodes(campaignId: string, codeHashes: string[]) {
    this.db.transaction(() => {
      for (const hash of codeHashes) this.statements.insertCode.run(campaignId, hash);
    })();
  }
  async submitResponse(campaignId: string, response: Omit<SurveyResponseRecord, 'seq'>, codeHash: string | null, submissionId: string | null): Promise<SubmitOutcome> {
    try {
      return this.db.transaction((): SubmitOutcome => {
        if (submissionId !== null && this.statements.recordSubmission.run(campaignId, submissionId).changes !== 1) return 'already-stored';
        // Thrown to roll back: a refused attempt keeps nothing, not even its submission id, so the
        // same submission sent again with a good code is stored.
        if (codeHash !== null && this.statements.useCode.run(campaignId, codeHash).changes !== 1) throw codeRefused;
        this.statements.insertResponse.run(campaignId, response.submittedOn, JSON.stringify(response.answers), JSON.stringify(response.context));
        this.statements.incrementResponses.run(campaignId);
        return 'stored';
      })();
    } catch (error) {
      if (error === codeRefused) return 'code-refused';
      throw error;
    }
  }
  async countResponses(campaignId: string) {
    return this.statements.countResponses.get(campaignId)?.n ?? 0;
  }
  async listResponses(campaignId: string, limit: number): Promise<SurveyResponseRecord[]> {
    return this.statements.responses.all(campaignId, limit).map((row) =>
      SurveyResponseRecord.parse({ seq: row.seq, submittedOn: row.submitted_on, answers: JSON.parse(row.answers), context: JSON.parse(row.context) }),
    );
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
    return (await this.appendDocUpdateUnlessPaused(docName, update, null))!;
  }

  async appendDocUpdateUnlessPaused(docName: string, update: Uint8Array, meetingId: string | null): Promise<string | null> {
    const result = this.statements.appendUpdateUnlessPaused.run(docName, Buffer.from(update.buffer, update.byteOffset, update.byteLength), meetingId);
    return result.changes === 1 ? String(result.lastInsertRowid) : null;
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
