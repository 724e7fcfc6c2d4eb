import type { AttendanceRecord, SubmitOutcome, Store, StoredDoc, VersionedKind } from './store';
import { InvitationRecord, MeetingRecord, PreRatingRecord, SurveyCampaignRecord, SurveyResponseRecord, type NewMeeting } from './records';
import { parseReleaseHistory } from './release-history';
import { RedisAccounts } from './redis-accounts';
import { parse } from './redis-records';
import { addAttendeeScript, changeStatusScript, linkReviewScript, rescheduleScript, compactScript, saveReleaseScript, saveVersionedScript, submitResponseScript } from './redis-scripts';
import type { ReleaseHistory } from '@shared/survey/anonymity';

const toBytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** Lua's cjson writes an empty list as `{}` when a script re-encodes a meeting: read it back as a list. */
function parseMeeting(raw: string): MeetingRecord {
  const meeting = JSON.parse(raw) as { attendeeIds?: unknown };
  return MeetingRecord.parse({ ...meeting, attendeeIds: Array.isArray(meeting.attendeeIds) ? meeting.attendeeIds : [] });
}

/**
 * The same data in Redis. Every method resolves after Redis has replied, i.e. after the
 * write is in Redis's AOF (when the server runs with appendonly yes, as README asks).
 */
export class RedisStore extends RedisAccounts implements Store {
  readonly kind = 'redis' as const;

  async createMeeting(newMeeting: NewMeeting): Promise<void> {
    const meeting = MeetingRecord.parse(newMeeting);
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
    return (await this.redis.eval(changeStatusScript, 1, this.key('meeting', id), from, to, new Date().toISOString())) === 1;
  }
  async linkReview(reviewId: string, baseMeetingId: string): Promise<boolean> {
    return (await this.redis.eval(linkReviewScript, 1, this.key('meeting', reviewId), baseMeetingId)) === 1;
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
  async replaceMeetingSnapshot(meetingId: string, json: string): Promise<void> {
    await this.redis.set(this.key('meeting-snapshot', meetingId), json, 'XX');
  }
  async eraseInvitationsTo(email: string): Promise<void> {
    for (const site of await this.listSites()) {
      const ids = await this.redis.zrange(this.key('site-invitations', site.id), 0, -1);
      if (!ids.length) continue;
      const raws = await this.redis.mget(ids.map((id) => this.key('invitation', id)));
      for (const raw of raws) {
        const invitation = raw ? parse(InvitationRecord, raw) : null;
        if (invitation?.email !== email) continue;
        await this.redis
          .multi()
          .del(this.key('invitation', invitation.id), this.key('invitation-token', invitation.tokenHash))
          .zrem(this.key('site-invitations', site.id), invitation.id)
          .exec();
      }
    }
  }
  async deletePreRatingsBy(userId: string, meetingIds: readonly string[]): Promise<void> {
    for (const meetingId of meetingIds) {
      const fields = (await this.redis.hkeys(this.key('pre-ratings', meetingId))).filter((field) => field.startsWith(`${userId}|`));
      if (fields.length) await this.redis.hdel(this.key('pre-ratings', meetingId), ...fields);
    }
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
  async deleteResponses(campaignId: string): Promise<number> {
    const [[, count]] = (await this.redis.multi().llen(this.key('campaign-responses', campaignId)).del(this.key('campaign-responses', campaignId)).exec()) as [[null, number], [null, number]];
    return count;
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

