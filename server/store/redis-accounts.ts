import { Redis } from 'ioredis';
import type { UserChanges } from './store';
import { InvitationRecord, MembershipRecord, SessionRecord, SiteRecord, UserRecord, type NewSession, type NewUser } from './records';
import { migrateRedis } from './redis-migrations';
import type { AppliedMigration } from './schema-version';
import { consumeInvitationScript } from './redis-scripts';
import { parse } from './redis-records';

/**
 * The Redis store's connection and its accounts: people, sessions, sites, memberships and
 * invitations. `RedisStore` adds meetings, surveys and documents on the same connection.
 */
export abstract class RedisAccounts {
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
      // Such a command is dropped without ever being settled: without a deadline, whatever waits
      // on it (a board's queue of updates) waits for ever after a Redis restart. Every command
      // answers or fails within this time; the board's client then keeps its change and sends it again.
      commandTimeout: 5_000,
      lazyConnect: false,
    });
    this.prefix = options.prefix ?? 'lp:';
  }

  protected key(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  /** Brings keys written by an earlier release up to this one (`redis-migrations.ts`). */
  async migrate(migrated?: (migration: AppliedMigration) => void): Promise<void> {
    await migrateRedis(this.redis, (...parts) => this.key(...parts), migrated);
  }

  async dropOldCopies(): Promise<void> {
    // The append-only file keeps every command ever run; rewriting it keeps only today's data.
    await this.redis.bgrewriteaof().catch((error: Error) => {
      // One already running covers this too.
      if (!/already in progress|scheduled/i.test(error.message)) throw error;
    });
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
    const update = this.redis.multi().set(this.key('user', id), JSON.stringify({ ...user, ...defined }));
    if (changes.email && changes.email !== user.email) update.del(this.key('user-email', user.email)).set(this.key('user-email', changes.email), id);
    await update.exec();
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
