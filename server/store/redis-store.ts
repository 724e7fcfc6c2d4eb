import { Redis } from 'ioredis';
import type { z } from 'zod';
import type { AttendanceRecord, SubmitOutcome, Store, StoredDoc, UserChanges, VersionedKind } from './store';
import { InvitationRecord, MeetingRecord, MembershipRecord, PreRatingRecord, SessionRecord, SiteRecord, SurveyCampaignRecord, SurveyResponseRecord, UserRecord, type NewSession, type NewUser } from './records';
import { parseReleaseHistory } from './release-history';
import { migrateRedis } from './redis-migrations';
import { addAttendeeScript, changeStatusScript, rescheduleScript, compactScript, consumeInvitationScript, saveReleaseScript, saveVersionedScript, submitResponseScript } from './redis-scripts';
import type { ReleaseHistory } from '@shared/survey/anonymity';

const toBytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** Parses a stored record with its schema: what does not fit fails here, not where it is used. */
const parse = <T>(schema: z.ZodType<T, unknown>, raw: string): T => schema.parse(JSON.parse(raw));

/** Lua's cjson writes an empty list as `{}` when a script re-encodes a meeting: read it back as a list. */
function parseMeeting(raw: string): MeetingRecord {
  const meeting = JSON.parse(raw) as { attendeeIds?: unknown };
  return MeetingRecord.parse({ ...meeting, attendeeIds: Array.isArray(meeting.attendeeIds) ? meeting.attendeeIds : [] });
}

/**
 * The same data in Redis. Every method resolves after Redis has replied, i.e. after the
 * write is in Redis's AOF (when the server runs with appendonly yes, as README asks).
 */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  readonly redis: Redis;
  private readonly prefix: string;

  constructor(url: string, options: { prefix?: string } = {}) {
    this.redis = new Redis(url, {
      // While Redis is away, fail fast (after one reconnection attempt) instead of queueing:
      // people are told to try again, and nothing waits on a store that may not come back.
      maxRetriesPerRequest: 1,
      // A command Redis ran but never answered must not be sent again on reconnect: it would
      // run twice. It fails instead, and the caller's retry is made safe by idempotency keys.
      autoResendUnfulfilledCommands: false,
      lazyConnect: false,
    });
    this.prefix = options.prefix ?? 'lp:';
  }

  private key(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  /** Brings keys written by an earlier release up to this one (`redis-migrations.ts`). */
  async migrate(): Promise<void> {
    await migrateRedis(this.redis, (...parts) => this.key(...parts));
  }

  async checkWritable(): Promise<void> {
    await this.redis.set(this.key('health'), new Date().toISOString());
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  async createUser(newUser: NewUser): Promise<void> {
    const user = UserRecord.parse(newUser);
    const claimed = await this.redis.set(this.key('user-email', user.email), user.id, 'NX');
    if (claimed !== 'OK') throw new Error(`A user with email ${user.email} already exists`);
    await this.redis.multi().set(this.key('user', user.id), JSON.stringify(user)).zadd(this.key('users', 'all'), Date.parse(user.createdAt), user.id).exec();
  }
  async listUsers(): Promise<UserRecord[]> {
    const ids = await this.redis.zrange(this.key('users', 'all'), 0, -1);
    if (!ids.length) return [];
    const raws = await this.redis.mget(ids.map((id) => this.key('user', id)));
    return raws.filter((raw): raw is string => raw !== null).map((raw) => parse(UserRecord, raw));
  }
  async getUserById(id: string): Promise<UserRecord | null> {
    const raw = await this.redis.get(this.key('user', id));
    return raw ? parse(UserRecord, raw) : null;
  }
  async getUserByEmail(email: string): Promise<UserRecord | null> {
    const id = await this.redis.get(this.key('user-email', email));
    return id ? this.getUserById(id) : null;
  }
  async updateUser(id: string, changes: UserChanges): Promise<void> {
    const user = await this.getUserById(id);
    if (!user) return;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    await this.redis.set(this.key('user', id), JSON.stringify({ ...user, ...defined }));
  }

  async createSession(newSession: NewSession): Promise<void> {
    const session = SessionRecord.parse(newSession);
    const expiresAtMs = Date.parse(session.expiresAt);
    await this.redis
      .multi()
      .set(this.key('session', session.tokenHash), JSON.stringify(session), 'PXAT', expiresAtMs)
      .zadd(this.key('user-sessions', session.userId), expiresAtMs, session.tokenHash)
      .exec();
  }
  async listUserSessions(userId: string, now: string): Promise<SessionRecord[]> {
    const indexKey = this.key('user-sessions', userId);
    // Expired sessions leave the index here; their keys expired by themselves.
    await this.redis.zremrangebyscore(indexKey, '-inf', Date.parse(now));
    const hashes = await this.redis.zrange(indexKey, 0, -1);
    if (!hashes.length) return [];
    const raws = await this.redis.mget(hashes.map((hash) => this.key('session', hash)));
    return raws
      .filter((raw): raw is string => raw !== null)
      .map((raw) => parse(SessionRecord, raw))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
  async deleteUserSessions(userId: string, keep = ''): Promise<void> {
    const indexKey = this.key('user-sessions', userId);
    const ended = (await this.redis.zrange(indexKey, 0, -1)).filter((hash) => hash !== keep);
    if (!ended.length) return;
    await this.redis
      .multi()
      .del(...ended.map((hash) => this.key('session', hash)))
      .zrem(indexKey, ...ended)
      .exec();
  }
  async getSession(tokenHash: string): Promise<SessionRecord | null> {
    const raw = await this.redis.get(this.key('session', tokenHash));
    return raw ? parse(SessionRecord, raw) : null;
  }
  async deleteSession(tokenHash: string): Promise<void> {
    const session = await this.getSession(tokenHash);
    const ending = this.redis.multi().del(this.key('session', tokenHash));
    if (session) ending.zrem(this.key('user-sessions', session.userId), tokenHash);
    await ending.exec();
  }

  async createSite(site: SiteRecord): Promise<void> {
    const claimed = await this.redis.set(this.key('site-name', site.name), site.id, 'NX');
    if (claimed !== 'OK') throw new Error(`A site named ${site.name} already exists`);
    await this.redis.multi().set(this.key('site', site.id), JSON.stringify(site)).zadd(this.key('sites', 'all'), Date.parse(site.createdAt), site.id).exec();
  }
  async listSites(): Promise<SiteRecord[]> {
    const ids = await this.redis.zrange(this.key('sites', 'all'), 0, -1);
    if (!ids.length) return [];
    const raws = await this.redis.mget(ids.map((id) => this.key('site', id)));
    return raws.filter((raw): raw is string => raw !== null).map((raw) => parse(SiteRecord, raw));
  }
  async getSite(id: string): Promise<SiteRecord | null> {
    const raw = await this.redis.get(this.key('site', id));
    return raw ? parse(SiteRecord, raw) : null;
  }
  async getSiteByName(name: string): Promise<SiteRecord | null> {
    const id = await this.redis.get(this.key('site-name', name));
    return id ? this.getSite(id) : null;
  }

  // Memberships are kept twice (by site and by user) with a sequence number, so both
  // listings come back in the order people joined, as SQLite's do.
  async putMembership(m: MembershipRecord): Promise<void> {
    const existing = await this.redis.hget(this.key('site-members', m.siteId), m.userId);
    const seq = existing ? existing.split('|')[0]! : String(await this.redis.incr(this.key('membership-seq')));
    const value = `${seq}|${m.role}`;
    await this.redis
      .multi()
      .hset(this.key('site-members', m.siteId), m.userId, value)
      .hset(this.key('user-sites', m.userId), m.siteId, value)
      .exec();
  }
  async removeMembership(siteId: string, userId: string): Promise<void> {
    await this.redis
      .multi()
      .hdel(this.key('site-members', siteId), userId)
      .hdel(this.key('user-sites', userId), siteId)
      .exec();
  }
  async getMembership(siteId: string, userId: string): Promise<MembershipRecord | null> {
    const value = await this.redis.hget(this.key('site-members', siteId), userId);
    return value ? MembershipRecord.parse({ siteId, userId, role: value.split('|')[1] }) : null;
  }
  async listSiteMembers(siteId: string): Promise<MembershipRecord[]> {
    const all = await this.redis.hgetall(this.key('site-members', siteId));
    return sortBySeq(all).map(([userId, role]) => MembershipRecord.parse({ siteId, userId, role }));
  }
  async listUserMemberships(userId: string): Promise<MembershipRecord[]> {
    const all = await this.redis.hgetall(this.key('user-sites', userId));
    return sortBySeq(all).map(([siteId, role]) => MembershipRecord.parse({ siteId, userId, role }));
  }

  async createInvitation(invitation: InvitationRecord): Promise<void> {
    await this.redis
      .multi()
      .set(this.key('invitation', invitation.id), JSON.stringify(invitation))
      .set(this.key('invitation-token', invitation.tokenHash), invitation.id)
      .zadd(this.key('site-invitations', invitation.siteId), Date.parse(invitation.createdAt), invitation.id)
      .exec();
  }
  async getInvitationByTokenHash(tokenHash: string): Promise<InvitationRecord | null> {
    const id = await this.redis.get(this.key('invitation-token', tokenHash));
    if (!id) return null;
    const raw = await this.redis.get(this.key('invitation', id));
    return raw ? parse(InvitationRecord, raw) : null;
  }
  async listPendingInvitations(siteId: string, now: string): Promise<InvitationRecord[]> {
    const ids = await this.redis.zrange(this.key('site-invitations', siteId), 0, -1);
    if (!ids.length) return [];
    const raws = await this.redis.mget(ids.map((id) => this.key('invitation', id)));
    return raws
      .filter((raw): raw is string => raw !== null)
      .map((raw) => parse(InvitationRecord, raw))
      .filter((invitation) => invitation.acceptedAt === null && invitation.expiresAt > now);
  }
  async withdrawInvitation(siteId: string, id: string): Promise<boolean> {
    const raw = await this.redis.get(this.key('invitation', id));
    const invitation = raw ? parse(InvitationRecord, raw) : null;
    if (!invitation || invitation.siteId !== siteId || invitation.acceptedAt !== null) return false;
    // Marked used first (atomically, so an acceptance racing it loses or wins cleanly), then removed.
    if (!(await this.consumeInvitation(id, new Date().toISOString()))) return false;
    await this.redis
      .multi()
      .del(this.key('invitation', id), this.key('invitation-token', invitation.tokenHash))
      .zrem(this.key('site-invitations', siteId), id)
      .exec();
    return true;
  }
  async consumeInvitation(id: string, acceptedAt: string): Promise<boolean> {
    const result = await this.redis.eval(consumeInvitationScript, 1, this.key('invitation', id), acceptedAt);
    return result === 1;
  }

  async createMeeting(meeting: MeetingRecord): Promise<void> {
    await this.redis
      .multi()
      .set(this.key('meeting', meeting.id), JSON.stringify(meeting))
      .zadd(this.key('site-meetings', meeting.siteId), Date.parse(meeting.startsAt), meeting.id)
      .exec();
  }
  async getMeeting(id: string): Promise<MeetingRecord | null> {
    const raw = await this.redis.get(this.key('meeting', id));
    return raw ? parseMeeting(raw) : null;
  }
  async listSiteMeetings(siteId: string): Promise<MeetingRecord[]> {
    const ids = await this.redis.zrange(this.key('site-meetings', siteId), 0, -1);
    if (!ids.length) return [];
    const raws = await this.redis.mget(ids.map((id) => this.key('meeting', id)));
    return raws.filter((raw): raw is string => raw !== null).map(parseMeeting);
  }
  async rescheduleMeeting(id: string, startsAt: string, durationMinutes: number): Promise<boolean> {
    // The site never changes, so reading it first is safe; the move and the index change are one script.
    const meeting = await this.getMeeting(id);
    if (!meeting) return false;
    const keys = [this.key('meeting', id), this.key('site-meetings', meeting.siteId)];
    return (await this.redis.eval(rescheduleScript, 2, ...keys, startsAt, String(durationMinutes), String(Date.parse(startsAt)), id)) === 1;
  }
  async changeMeetingStatus(id: string, from: MeetingRecord['status'], to: MeetingRecord['status']): Promise<boolean> {
    return (await this.redis.eval(changeStatusScript, 1, this.key('meeting', id), from, to)) === 1;
  }
  async addMeetingAttendee(meetingId: string, userId: string): Promise<void> {
    await this.redis.eval(addAttendeeScript, 1, this.key('meeting', meetingId), userId);
  }

  async putPreRating(rating: PreRatingRecord): Promise<void> {
    await this.redis.hset(this.key('pre-ratings', rating.meetingId), `${rating.userId}|${rating.domain}`, JSON.stringify(rating));
  }
  async listPreRatings(meetingId: string): Promise<PreRatingRecord[]> {
    const all = await this.redis.hgetall(this.key('pre-ratings', meetingId));
    return Object.values(all)
      .map((raw) => parse(PreRatingRecord, raw))
      .sort((a, b) => a.userId.localeCompare(b.userId) || a.domain - b.domain);
  }

  async getVersioned(kind: VersionedKind, id: string): Promise<{ json: string; version: number } | null> {
    const [version, json] = await this.redis.hmget(this.key(kind, id), 'version', 'state');
    return version && json ? { json, version: Number(version) } : null;
  }
  async saveVersioned(kind: VersionedKind, id: string, expectedVersion: number, version: number, json: string): Promise<boolean> {
    const saved = await this.redis.eval(saveVersionedScript, 1, this.key(kind, id), expectedVersion, version, json);
    return saved === 1;
  }

  async recordAttendance(entry: AttendanceRecord): Promise<void> {
    await this.redis.hsetnx(this.key('attendance', entry.meetingId), entry.userId, entry.firstJoinedAt);
  }
  async listAttendance(meetingId: string): Promise<AttendanceRecord[]> {
    const all = await this.redis.hgetall(this.key('attendance', meetingId));
    return Object.entries(all)
      .map(([userId, firstJoinedAt]) => ({ meetingId, userId, firstJoinedAt }))
      .sort((a, b) => a.firstJoinedAt.localeCompare(b.firstJoinedAt) || a.userId.localeCompare(b.userId));
  }

  async saveMeetingSnapshot(meetingId: string, json: string): Promise<boolean> {
    return (await this.redis.set(this.key('meeting-snapshot', meetingId), json, 'NX')) === 'OK';
  }
  async getMeetingSnapshot(meetingId: string): Promise<string | null> {
    return this.redis.get(this.key('meeting-snapshot', meetingId));
  }

  async saveInstrument(id: string, version: string, json: string): Promise<void> {
    await this.redis.hset(this.key('instruments'), `${id}@${version}`, json);
  }
  async getInstrument(id: string, version: string): Promise<string | null> {
    return this.redis.hget(this.key('instruments'), `${id}@${version}`);
  }
  async listInstruments(): Promise<{ id: string; version: string; json: string }[]> {
    const all = await this.redis.hgetall(this.key('instruments'));
    return Object.entries(all)
      .map(([key, json]) => ({ id: key.slice(0, key.lastIndexOf('@')), version: key.slice(key.lastIndexOf('@') + 1), json }))
      .sort((a, b) => a.id.localeCompare(b.id) || a.version.localeCompare(b.version));
  }

  async createCampaign(campaign: SurveyCampaignRecord): Promise<void> {
    const claimed = await this.redis.set(this.key('campaign-token', campaign.publicToken), campaign.id, 'NX');
    if (claimed !== 'OK') throw new Error('Survey link already in use');
    await this.redis
      .multi()
      .set(this.key('campaign', campaign.id), JSON.stringify(campaign))
      .rpush(this.key('site-campaigns', campaign.siteId), campaign.id)
      .exec();
  }
  async saveCampaign(campaign: SurveyCampaignRecord): Promise<void> {
    await this.redis.set(this.key('campaign', campaign.id), JSON.stringify(campaign), 'XX');
  }
  async getCampaign(id: string): Promise<SurveyCampaignRecord | null> {
    const raw = await this.redis.get(this.key('campaign', id));
    return raw ? parse(SurveyCampaignRecord, raw) : null;
  }
  async getCampaignByToken(publicToken: string): Promise<SurveyCampaignRecord | null> {
    const id = await this.redis.get(this.key('campaign-token', publicToken));
    return id ? this.getCampaign(id) : null;
  }
  async listSiteCampaigns(siteId: string): Promise<SurveyCampaignRecord[]> {
    const ids = await this.redis.lrange(this.key('site-campaigns', siteId), 0, -1);
    if (!ids.length) return [];
    const raws = await this.redis.mget(ids.map((id) => this.key('campaign', id)));
    return raws.filter((raw): raw is string => raw !== null).map((raw) => parse(SurveyCampaignRecord, raw));
  }
  async hasUnusedAccessCode(campaignId: string, codeHash: string): Promise<boolean> {
    return (await this.redis.sismember(this.key('campaign-codes', campaignId), codeHash)) === 1;
  }
  async addAccessCodes(campaignId: string, codeHashes: string[]): Promise<void> {
    if (codeHashes.length) await this.redis.sadd(this.key('campaign-codes', campaignId), ...codeHashes);
  }
  async submitResponse(campaignId: string, response: Omit<SurveyResponseRecord, 'seq'>, codeHash: string | null, submissionId: string | null): Promise<SubmitOutcome> {
    const outcome = await this.redis.eval(
      submitResponseScript,
      3,
      this.key('campaign-codes', campaignId),
      this.key('campaign-responses', campaignId),
      this.key('campaign-submissions', campaignId),
      JSON.stringify(response),
      codeHash ?? '',
      submissionId ?? '',
    );
    return outcome === 2 ? 'already-stored' : outcome === 1 ? 'stored' : 'code-refused';
  }
  async countResponses(campaignId: string): Promise<number> {
    return this.redis.llen(this.key('campaign-responses', campaignId));
  }
  async listResponses(campaignId: string, limit: number): Promise<SurveyResponseRecord[]> {
    if (limit <= 0) return [];
    const raws = await this.redis.lrange(this.key('campaign-responses', campaignId), 0, limit - 1);
    return raws.map((raw, index) => SurveyResponseRecord.parse({ seq: index + 1, ...(JSON.parse(raw) as object) }));
  }
  async getReleases(campaignId: string): Promise<ReleaseHistory> {
    const json = await this.redis.hget(this.key('campaign-release', campaignId), 'json');
    return json ? parseReleaseHistory(json) : [];
  }
  async saveReleases(campaignId: string, history: ReleaseHistory, expectedSize: number | null): Promise<boolean> {
    const saved = await this.redis.eval(
      saveReleaseScript,
      1,
      this.key('campaign-release', campaignId),
      expectedSize === null ? '' : String(expectedSize),
      String(history.at(-1)!.size),
      JSON.stringify(history),
    );
    return saved === 1;
  }

  async appendDocUpdate(docName: string, update: Uint8Array): Promise<string> {
    const id = await this.redis.xadd(this.key('doc-log', docName), '*', 'u', Buffer.from(update));
    return id!;
  }

  async loadDoc(docName: string): Promise<StoredDoc> {
    const results = await this.redis
      .multi()
      .hgetallBuffer(this.key('doc-snapshot', docName))
      .xrangeBuffer(this.key('doc-log', docName), '-', '+')
      .exec();
    if (!results) throw new Error('Redis transaction was aborted');
    const [snapshotResult, logResult] = results;
    if (snapshotResult?.[0]) throw snapshotResult[0];
    if (logResult?.[0]) throw logResult[0];
    const snapshot = snapshotResult![1] as Record<string, Buffer>;
    const entries = logResult![1] as [Buffer, Buffer[]][];
    const lastEntry = entries[entries.length - 1];
    const head = lastEntry ? lastEntry[0].toString() : (snapshot.head?.toString() ?? '0-0');
    return {
      snapshot: snapshot.snapshot ? toBytes(snapshot.snapshot) : null,
      updates: entries.map(([, fields]) => toBytes(fields[1]!)),
      head,
    };
  }

  async compactDoc(docName: string, snapshot: Uint8Array, head: string): Promise<void> {
    if (!/^\d+-\d+$/.test(head)) throw new Error(`Invalid document head: ${head}`);
    await this.redis.eval(
      compactScript,
      2,
      this.key('doc-snapshot', docName),
      this.key('doc-log', docName),
      Buffer.from(snapshot),
      head,
    );
  }
}

function sortBySeq(all: Record<string, string>): [string, MembershipRecord['role']][] {
  return Object.entries(all)
    .map(([id, value]) => {
      const [seq, role] = value.split('|');
      return { id, seq: Number(seq), role: role as MembershipRecord['role'] };
    })
    .sort((a, b) => a.seq - b.seq)
    .map(({ id, role }) => [id, role]);
}
