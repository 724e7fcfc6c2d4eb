import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresStore } from '../../server/store/postgres-store';
import { SqliteStore } from '../../server/store/sqlite-store';
import type { Store } from '../../server/store/store';
import { now, user } from '../helpers/store-records';
import { postgresUrl, uniqueSchema } from '../helpers/postgres';

const implementations: [string, () => Store | Promise<Store>][] = [
  ['SQLite', () => new SqliteStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lp-store-')), 'test.db'))],
  ['PostgreSQL', () => PostgresStore.open(postgresUrl(), { schema: uniqueSchema() })],
];


describe.each(implementations)('Store contract: %s', (_name, makeStore) => {
  let store: Store;
  afterEach(async () => store?.close());

  it('answers a ping', async () => {
    store = await makeStore();
    await expect(store.checkWritable()).resolves.toBeUndefined();
  });

  it('stores users and finds them by id and email; emails are unique', async () => {
    store = await makeStore();
    await store.createUser(user('u1', 'a@example.org'));
    expect((await store.getUserById('u1'))?.email).toBe('a@example.org');
    expect((await store.getUserByEmail('a@example.org'))?.id).toBe('u1');
    expect(await store.getUserByEmail('nobody@example.org')).toBeNull();
    await expect(store.createUser(user('u2', 'a@example.org'))).rejects.toThrow();
    await store.updateUser('u1', { name: 'Renamed', passwordHash: 'new' });
    expect(await store.getUserById('u1')).toMatchObject({ name: 'Renamed', passwordHash: 'new', organisation: 'Org' });
    await store.updateUser('u1', { organisation: 'New Org', sector: 'cypmhs' });
    expect(await store.getUserById('u1')).toMatchObject({ name: 'Renamed', organisation: 'New Org', sector: 'cypmhs' });
  });

  it('creates, reads and deletes sessions', async () => {
    store = await makeStore();
    await store.createUser(user('u1', 'a@example.org'));
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    await store.createSession({ tokenHash: 'h1', userId: 'u1', expiresAt });
    expect(await store.getSession('h1')).toEqual({ tokenHash: 'h1', userId: 'u1', expiresAt, createdAt: '', userAgent: '' });
    await store.deleteSession('h1');
    expect(await store.getSession('h1')).toBeNull();
  });

  it('lists a person’s live sessions, newest first, and ends all but one', async () => {
    store = await makeStore();
    for (const id of ['u1', 'u2']) await store.createUser(user(id, `${id}@example.org`));
    const inAnHour = new Date(Date.now() + 3600_000).toISOString();
    await store.createSession({ tokenHash: 'old', userId: 'u1', expiresAt: new Date(Date.now() + 1000).toISOString(), createdAt: '2026-01-01T09:00:00.000Z', userAgent: 'Firefox' });
    await store.createSession({ tokenHash: 'laptop', userId: 'u1', expiresAt: inAnHour, createdAt: '2026-01-02T09:00:00.000Z', userAgent: 'Chrome' });
    await store.createSession({ tokenHash: 'phone', userId: 'u1', expiresAt: inAnHour, createdAt: '2026-01-03T09:00:00.000Z', userAgent: 'Safari' });
    await store.createSession({ tokenHash: 'other', userId: 'u2', expiresAt: inAnHour, createdAt: '2026-01-03T09:00:00.000Z' });
    expect((await store.listUserSessions('u1', now())).map((s) => s.userAgent)).toEqual(['Safari', 'Chrome', 'Firefox']);
    // An expired session is not listed.
    expect((await store.listUserSessions('u1', new Date(Date.now() + 60_000).toISOString())).map((s) => s.tokenHash)).toEqual(['phone', 'laptop']);
    await store.deleteUserSessions('u1', 'phone');
    expect(await store.getSession('laptop')).toBeNull();
    expect((await store.listUserSessions('u1', now())).map((s) => s.tokenHash)).toEqual(['phone']);
    await store.deleteUserSessions('u1');
    expect(await store.getSession('phone')).toBeNull();
    expect(await store.getSession('other')).not.toBeNull();
  });

  it('lists every account and records deactivation and the last sign-in', async () => {
    store = await makeStore();
    for (const id of ['u1', 'u2']) await store.createUser(user(id, `${id}@example.org`));
    await store.updateUser('u2', { deactivatedAt: '2026-12-01T10:00:00.000Z', lastSignInAt: '2026-11-30T10:00:00.000Z' });
    const users = await store.listUsers();
    expect(users.map((u) => [u.id, u.deactivatedAt, u.lastSignInAt])).toEqual([
      ['u1', null, null],
      ['u2', '2026-12-01T10:00:00.000Z', '2026-11-30T10:00:00.000Z'],
    ]);
  });

  it('keeps sites and memberships, listed in the order people joined', async () => {
    store = await makeStore();
    for (const id of ['u1', 'u2', 'u3']) await store.createUser(user(id, `${id}@example.org`));
    await store.createSite({ id: 's1', name: 'North', createdAt: now() });
    await store.createSite({ id: 's2', name: 'South', createdAt: now() });
    await expect(store.createSite({ id: 's3', name: 'North', createdAt: now() })).rejects.toThrow();
    expect((await store.getSiteByName('South'))?.id).toBe('s2');
    expect((await store.listSites()).map((s) => s.name)).toEqual(['North', 'South']);
    await store.putMembership({ siteId: 's1', userId: 'u2', role: 'lead' });
    await store.putMembership({ siteId: 's1', userId: 'u1', role: 'facilitator' });
    await store.putMembership({ siteId: 's1', userId: 'u3', role: 'stakeholder' });
    await store.putMembership({ siteId: 's2', userId: 'u3', role: 'lead' });
    expect((await store.listSiteMembers('s1')).map((m) => m.userId)).toEqual(['u2', 'u1', 'u3']);
    expect((await store.listUserMemberships('u3')).map((m) => [m.siteId, m.role])).toEqual([
      ['s1', 'stakeholder'],
      ['s2', 'lead'],
    ]);
    await store.putMembership({ siteId: 's1', userId: 'u3', role: 'lead' });
    expect(await store.getMembership('s1', 'u3')).toEqual({ siteId: 's1', userId: 'u3', role: 'lead' });
    expect((await store.listSiteMembers('s1')).map((m) => m.userId)).toEqual(['u2', 'u1', 'u3']);
    await store.removeMembership('s1', 'u3');
    expect(await store.getMembership('s1', 'u3')).toBeNull();
    expect((await store.listUserMemberships('u3')).map((m) => m.siteId)).toEqual(['s2']);
  });

  it('uses an invitation once only, even when two acceptances race', async () => {
    store = await makeStore();
    await store.createUser(user('u1', 'a@example.org'));
    await store.createSite({ id: 's1', name: 'North', createdAt: now() });
    const base = { siteId: 's1', role: 'stakeholder' as const, invitedBy: 'u1', createdAt: now(), acceptedAt: null };
    await store.createInvitation({ ...base, id: 'i1', email: 'b@example.org', tokenHash: 't1', expiresAt: new Date(Date.now() + 86400_000).toISOString() });
    await store.createInvitation({ ...base, id: 'i2', email: 'c@example.org', tokenHash: 't2', expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect((await store.getInvitationByTokenHash('t1'))?.email).toBe('b@example.org');
    expect((await store.listPendingInvitations('s1', now())).map((i) => i.id)).toEqual(['i1']);
    const results = await Promise.all([store.consumeInvitation('i1', now()), store.consumeInvitation('i1', now())]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.getInvitationByTokenHash('t1'))?.acceptedAt).not.toBeNull();
    expect(await store.listPendingInvitations('s1', now())).toEqual([]);
  });

  it('withdraws an unused invitation of its own site only: its link stops working', async () => {
    store = await makeStore();
    await store.createSite({ id: 's1', name: 'North', createdAt: now() });
    const base = { siteId: 's1', role: 'stakeholder' as const, invitedBy: 'u1', createdAt: now(), acceptedAt: null, expiresAt: new Date(Date.now() + 86400_000).toISOString() };
    await store.createInvitation({ ...base, id: 'w1', email: 'b@example.org', tokenHash: 'tw1' });
    await store.createInvitation({ ...base, id: 'w2', email: 'c@example.org', tokenHash: 'tw2' });
    expect(await store.withdrawInvitation('s2', 'w1')).toBe(false);
    expect(await store.withdrawInvitation('s1', 'w1')).toBe(true);
    expect(await store.withdrawInvitation('s1', 'w1')).toBe(false);
    expect(await store.getInvitationByTokenHash('tw1')).toBeNull();
    expect((await store.listPendingInvitations('s1', now())).map((i) => i.id)).toEqual(['w2']);
    await store.consumeInvitation('w2', now());
    expect(await store.withdrawInvitation('s1', 'w2')).toBe(false);
  });

  it('appends document updates and compacts them into a snapshot without losing later ones', async () => {
    store = await makeStore();
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    const text = source.getText('t');
    text.insert(0, 'hello');
    text.insert(5, ' world');
    let head = '';
    for (const u of updates) head = await store.appendDocUpdate('site:s1:doc', u);

    const loaded = await store.loadDoc('site:s1:doc');
    expect(loaded.snapshot).toBeNull();
    expect(loaded.updates).toHaveLength(2);
    expect(loaded.head).toBe(head);

    await store.compactDoc('site:s1:doc', Y.encodeStateAsUpdate(source), loaded.head);
    text.insert(11, '!');
    await store.appendDocUpdate('site:s1:doc', updates[updates.length - 1]!);

    const again = await store.loadDoc('site:s1:doc');
    expect(again.snapshot).not.toBeNull();
    expect(again.updates).toHaveLength(1);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, again.snapshot!);
    for (const u of again.updates) Y.applyUpdate(restored, u);
    expect(restored.getText('t').toString()).toBe('hello world!');

    // An older compaction arriving late must not replace the newer snapshot.
    await store.compactDoc('site:s1:doc', Y.encodeStateAsUpdate(new Y.Doc()), loaded.head);
    const still = await store.loadDoc('site:s1:doc');
    const check = new Y.Doc();
    Y.applyUpdate(check, still.snapshot!);
    for (const u of still.updates) Y.applyUpdate(check, u);
    expect(check.getText('t').toString()).toBe('hello world!');
  });

  it('stores a change to a meeting document only while its meeting is not paused, read as it stores it', async () => {
    store = await makeStore();
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (const word of ['before', 'during', 'after']) doc.getMap('m').set(word, true);
    const name = 'site:s1:meeting:m1:goals';
    const facilitation = (version: number, paused: unknown) => JSON.stringify({ version, phase: 'welcome', ...(paused === undefined ? {} : { paused }) });

    // No facilitation state yet, then one that is running (paused null): stored.
    expect(await store.appendDocUpdateUnlessPaused(name, updates[0]!, 'm1')).not.toBeNull();
    expect(await store.saveVersioned('facilitation', 'm1', 0, 1, facilitation(1, null))).toBe(true);
    const first = await store.appendDocUpdateUnlessPaused(name, updates[0]!, 'm1');
    expect(first).not.toBeNull();
    // Paused: refused, nothing stored.
    expect(await store.saveVersioned('facilitation', 'm1', 1, 2, facilitation(2, { message: 'Back in five', at: '2027-01-12T10:00:00.000Z' }))).toBe(true);
    expect(await store.appendDocUpdateUnlessPaused(name, updates[1]!, 'm1')).toBeNull();
    // Another meeting's pause is not this one's.
    expect(await store.appendDocUpdateUnlessPaused('site:s1:meeting:m2:goals', updates[1]!, 'm2')).not.toBeNull();
    // Resumed: stored again, after the one stored before the pause.
    expect(await store.saveVersioned('facilitation', 'm1', 2, 3, facilitation(3, undefined))).toBe(true);
    const last = await store.appendDocUpdateUnlessPaused(name, updates[2]!, 'm1');
    expect(Number(last)).toBeGreaterThan(Number(first));
    const stored = await store.loadDoc(name);
    expect(stored.updates.map((u) => Buffer.from(u).toString('hex'))).toEqual([updates[0], updates[0], updates[2]].map((u) => Buffer.from(u!).toString('hex')));
    expect(stored.head).toBe(last);
  });

  it('keeps documents apart and returns an empty document for an unknown name', async () => {
    store = await makeStore();
    const empty = await store.loadDoc('site:s1:never');
    expect(empty.snapshot).toBeNull();
    expect(empty.updates).toEqual([]);
    const doc = new Y.Doc();
    const appended: Promise<unknown>[] = [];
    doc.on('update', (u: Uint8Array) => appended.push(store.appendDocUpdate('site:s1:a', u)));
    doc.getMap('m').set('k', 1);
    await Promise.all(appended);
    expect(appended).toHaveLength(1);
    expect((await store.loadDoc('site:s1:a')).updates).toHaveLength(1);
    expect((await store.loadDoc('site:s1:b')).updates).toHaveLength(0);
  });

  it('keeps meetings, moving status only from the expected one', async () => {
    store = await makeStore();
    await store.createSite({ id: 's1', name: 'North', createdAt: now() });
    await store.createUser(user('u1', 'a@example.org'));
    const base = { siteId: 's1', kind: 'consultation' as const, durationMinutes: 180, status: 'scheduled' as const, attendeeIds: ['u1'], baseMeetingId: null, createdBy: 'u1', createdAt: now() };
    await store.createMeeting({ ...base, id: 'm2', startsAt: '2027-01-20T10:00:00.000Z' });
    await store.createMeeting({ ...base, id: 'm1', startsAt: '2027-01-10T10:00:00.000Z' });
    expect((await store.listSiteMeetings('s1')).map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(await store.getMeeting('m1')).toMatchObject({ attendeeIds: ['u1'], baseMeetingId: null });
    const moves = await Promise.all([store.changeMeetingStatus('m1', 'scheduled', 'live'), store.changeMeetingStatus('m1', 'scheduled', 'live')]);
    expect(moves.filter(Boolean)).toHaveLength(1);
    // Going live records when, once.
    expect(Date.now() - Date.parse((await store.getMeeting('m1'))!.startedAt!)).toBeLessThan(60_000);
    expect((await store.getMeeting('m2'))!.startedAt).toBeNull();
    expect(await store.changeMeetingStatus('m1', 'scheduled', 'closed')).toBe(false);
    expect((await store.getMeeting('m1'))?.status).toBe('live');
    await Promise.all([store.addMeetingAttendee('m1', 'u2'), store.addMeetingAttendee('m1', 'u2'), store.addMeetingAttendee('m1', 'u1')]);
    expect((await store.getMeeting('m1'))?.attendeeIds).toEqual(['u1', 'u2']);
    await store.createMeeting({ ...base, id: 'm3', attendeeIds: [], startsAt: '2027-01-30T10:00:00.000Z' });
    await store.addMeetingAttendee('m3', 'u1');
    expect(await store.getMeeting('m3')).toMatchObject({ attendeeIds: ['u1'], baseMeetingId: null, durationMinutes: 180 });
    // Only a meeting that has not started moves; listing follows its new date.
    expect(await store.rescheduleMeeting('m3', '2027-01-05T09:00:00.000Z', 90)).toBe(true);
    expect(await store.getMeeting('m3')).toMatchObject({ startsAt: '2027-01-05T09:00:00.000Z', durationMinutes: 90, attendeeIds: ['u1'], status: 'scheduled' });
    expect((await store.listSiteMeetings('s1')).map((m) => m.id)[0]).toBe('m3');
    expect(await store.rescheduleMeeting('m1', '2027-01-05T09:00:00.000Z', 90)).toBe(false);
    expect(await store.rescheduleMeeting('no-such-meeting', '2027-01-05T09:00:00.000Z', 90)).toBe(false);
    // A review is linked to the meeting it reviews until it closes.
    await store.createMeeting({ ...base, id: 'r1', kind: 'review-3m', attendeeIds: [], startsAt: '2027-04-10T10:00:00.000Z' });
    expect(await store.linkReview('r1', 'm1')).toBe(true);
    expect(await store.getMeeting('r1')).toMatchObject({ baseMeetingId: 'm1', attendeeIds: [], kind: 'review-3m' });
    expect(await store.changeMeetingStatus('r1', 'scheduled', 'live')).toBe(true);
    expect(await store.changeMeetingStatus('r1', 'live', 'closed')).toBe(true);
    expect(await store.linkReview('r1', 'm2')).toBe(false);
    expect((await store.getMeeting('r1'))?.baseMeetingId).toBe('m1');
    expect(await store.linkReview('no-such-meeting', 'm1')).toBe(false);
  });

  it('keeps a meeting with nobody invited a meeting with an empty list of attendees after changing its status', async () => {
    store = await makeStore();
    await store.createSite({ id: 's1', name: 'North', createdAt: now() });
    await store.createMeeting({ id: 'm1', siteId: 's1', kind: 'consultation', startsAt: now(), durationMinutes: 60, status: 'scheduled', attendeeIds: [], baseMeetingId: null, createdBy: 'x', createdAt: now() });
    expect(await store.changeMeetingStatus('m1', 'scheduled', 'live')).toBe(true);
    expect((await store.getMeeting('m1'))!.attendeeIds).toEqual([]);
    expect((await store.listSiteMeetings('s1'))[0]!.attendeeIds).toEqual([]);
  });

  it('keeps pre-meeting ratings per person and domain, replacing on change', async () => {
    store = await makeStore();
    await store.createSite({ id: 's1', name: 'North', createdAt: now() });
    await store.createMeeting({ id: 'm1', siteId: 's1', kind: 'consultation', startsAt: now(), durationMinutes: 60, status: 'scheduled', attendeeIds: [], baseMeetingId: null, createdBy: 'x', createdAt: now() });
    await store.putPreRating({ meetingId: 'm1', userId: 'b', domain: 2, rating: 3, comment: '', updatedAt: now() });
    await store.putPreRating({ meetingId: 'm1', userId: 'a', domain: 1, rating: null, comment: 'not sure', updatedAt: now() });
    await store.putPreRating({ meetingId: 'm1', userId: 'b', domain: 2, rating: 4, comment: 'changed', updatedAt: now() });
    expect((await store.listPreRatings('m1')).map((r) => [r.userId, r.domain, r.rating, r.comment])).toEqual([
      ['a', 1, null, 'not sure'],
      ['b', 2, 4, 'changed'],
    ]);
  });

  it('saves facilitation state by compare-and-set, so two writers cannot both win', async () => {
    store = await makeStore();
    await store.createSite({ id: 's1', name: 'North', createdAt: now() });
    await store.createMeeting({ id: 'm1', siteId: 's1', kind: 'consultation', startsAt: now(), durationMinutes: 60, status: 'live', attendeeIds: [], baseMeetingId: null, createdBy: 'x', createdAt: now() });
    expect(await store.getVersioned('facilitation', 'm1')).toBeNull();
    const first = await Promise.all([store.saveVersioned('facilitation', 'm1', 0, 1, '{"a":1}'), store.saveVersioned('facilitation', 'm1', 0, 1, '{"a":2}')]);
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(await store.saveVersioned('facilitation', 'm1', 0, 1, '{"a":3}')).toBe(false);
    expect(await store.saveVersioned('facilitation', 'm1', 1, 2, '{"b":1}')).toBe(true);
    expect(await store.getVersioned('facilitation', 'm1')).toEqual({ json: '{"b":1}', version: 2 });
    expect(await store.getVersioned('goal-book', 'm1')).toBeNull();
  });

  it('keeps the first time someone joined, and a snapshot written once', async () => {
    store = await makeStore();
    await store.createSite({ id: 's1', name: 'North', createdAt: now() });
    await store.createMeeting({ id: 'm1', siteId: 's1', kind: 'consultation', startsAt: now(), durationMinutes: 60, status: 'live', attendeeIds: [], baseMeetingId: null, createdBy: 'x', createdAt: now() });
    await store.recordAttendance({ meetingId: 'm1', userId: 'u2', firstJoinedAt: '2027-01-10T10:05:00.000Z' });
    await store.recordAttendance({ meetingId: 'm1', userId: 'u1', firstJoinedAt: '2027-01-10T10:01:00.000Z' });
    await store.recordAttendance({ meetingId: 'm1', userId: 'u1', firstJoinedAt: '2027-01-10T10:30:00.000Z' });
    expect((await store.listAttendance('m1')).map((a) => [a.userId, a.firstJoinedAt])).toEqual([
      ['u1', '2027-01-10T10:01:00.000Z'],
      ['u2', '2027-01-10T10:05:00.000Z'],
    ]);
    expect(await store.saveMeetingSnapshot('m1', '{"v":1}')).toBe(true);
    expect(await store.saveMeetingSnapshot('m1', '{"v":2}')).toBe(false);
    expect(await store.getMeetingSnapshot('m1')).toBe('{"v":1}');
  });

  it('keeps survey campaigns, uses each access code once, and stores responses in order', async () => {
    store = await makeStore();
    await store.createSite({ id: 's1', name: 'North', createdAt: now() });
    const campaign = {
      id: 'c1', siteId: 's1', instrumentId: 'demo', instrumentVersion: '1', publicToken: 'tok-1', opensAt: now(), closesAt: now(),
      accessMode: 'codes' as const, threshold: 10, createdBy: 'u', createdAt: now(), dateChanges: [], answersDeletedOn: null,
    };
    await store.createCampaign(campaign);
    expect(await store.getCampaignByToken('tok-1')).toEqual(campaign);
    expect((await store.listSiteCampaigns('s1')).map((c) => c.id)).toEqual(['c1']);
    await store.addAccessCodes('c1', ['h1', 'h2']);
    const response = (n: number) => ({ submittedOn: '2026-11-20', answers: { a: n }, context: { setting: 'primary' } });
    const raced = await Promise.all([store.submitResponse('c1', response(1), 'h1', null), store.submitResponse('c1', response(2), 'h1', null)]);
    expect(raced.sort()).toEqual(['code-refused', 'stored']);
    expect(await store.submitResponse('c1', response(3), 'unknown', null)).toBe('code-refused');
    expect(await store.submitResponse('c1', response(4), null, 'submission-0000001')).toBe('stored');
    // The same submission sent again (a retry, or a command re-sent after a Redis restart) is stored once.
    expect(await store.submitResponse('c1', response(4), null, 'submission-0000001')).toBe('already-stored');
    expect(await store.submitResponse('c1', response(5), 'h2', 'submission-0000001')).toBe('already-stored');
    expect(await store.countResponses('c1')).toBe(2);
    const listed = await store.listResponses('c1', 10);
    expect(listed.map((r) => r.answers.a)).toHaveLength(2);
    expect(listed[1]!.answers).toEqual({ a: 4 });
    expect((await store.listResponses('c1', 1)).length).toBe(1);
    expect(Object.keys(listed[0]!).sort()).toEqual(['answers', 'context', 'seq', 'submittedOn']);
  });

  it('saves survey releases by compare-and-set', async () => {
    store = await makeStore();
    await store.createSite({ id: 's1', name: 'North', createdAt: now() });
    await store.createCampaign({ id: 'c1', siteId: 's1', instrumentId: 'demo', instrumentVersion: '1', publicToken: 't', opensAt: now(), closesAt: now(), accessMode: 'open', threshold: 10, createdBy: 'u', createdAt: now(), dateChanges: [], answersDeletedOn: null });
    expect(await store.getReleases('c1')).toEqual([]);
    const first = [{ size: 10, figures: ['', 'setting=primary'] }];
    expect(await store.saveReleases('c1', first, null)).toBe(true);
    expect(await store.saveReleases('c1', first, null)).toBe(false);
    const second = [...first, { size: 20, figures: [''] }];
    expect(await store.saveReleases('c1', second, 12)).toBe(false);
    expect(await store.saveReleases('c1', second, 10)).toBe(true);
    expect(await store.getReleases('c1')).toEqual(second);
  });

  it('deletes a campaign’s responses under the retention rule, keeping its releases', async () => {
    store = await makeStore();
    await store.createSite({ id: 's1', name: 'North', createdAt: now() });
    await store.createCampaign({ id: 'c1', siteId: 's1', instrumentId: 'demo', instrumentVersion: '1', publicToken: 't', opensAt: now(), closesAt: now(), accessMode: 'open', threshold: 10, createdBy: 'u', createdAt: now(), dateChanges: [], answersDeletedOn: null });
    for (let n = 0; n < 3; n++) await store.submitResponse('c1', { submittedOn: '2026-11-20', answers: { a: n }, context: {} }, null, `sub-${n}`);
    await store.saveReleases('c1', [{ size: 3, figures: [''] }], null);
    expect(await store.deleteResponses('c1')).toBe(3);
    expect(await store.countResponses('c1')).toBe(0);
    expect(await store.listResponses('c1', 10)).toEqual([]);
    expect(await store.getReleases('c1')).toEqual([{ size: 3, figures: [''] }]);
    expect(await store.deleteResponses('c1')).toBe(0);
  });

  it('keeps imported instruments by id and version', async () => {
    store = await makeStore();
    await store.saveInstrument('licensed', '1', '{"a":1}');
    await store.saveInstrument('licensed', '2', '{"a":2}');
    expect(await store.getInstrument('licensed', '2')).toBe('{"a":2}');
    expect((await store.listInstruments()).map((i) => i.version)).toEqual(['1', '2']);
  });
});

