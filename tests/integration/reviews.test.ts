import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard } from '@shared/cascade/board';
import type { MeetingDetail } from '@shared/meetings/detail';
import { meetingBoardDocName } from '@shared/meetings/meeting';
import { collabClient, whenSynced } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

/**
 * The reviews keep the thread: booked on the site's first day, before the consultation is held,
 * each review is linked when it starts to the meeting before it, opens with that meeting's board
 * and agreed ratings, and lets in every member of the site, registered or not.
 */
let server: RunningServer;
let facilitator: ApiClient;
let facilitatorSocket: ClientSocket;
let siteId: string;
const people: Record<'gail' | 'sam', { api: ApiClient; id: string }> = {} as never;
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

async function act(meetingId: string, action: unknown) {
  const reply = await request(facilitatorSocket, 'meeting:action', { meetingId, action });
  expect(reply.ok, `${JSON.stringify(action)}: ${reply.error}`).toBe(true);
}

/** Starts a meeting, agrees the same rating for all seven domains, and closes it. */
async function holdWithAgreedRating(meetingId: string, rating: number, during?: () => Promise<void>) {
  expect((await facilitator.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
  expect((await request(facilitatorSocket, 'meeting:join', { meetingId })).ok).toBe(true);
  await act(meetingId, { type: 'set-phase', phase: 'domain-review' });
  await during?.();
  for (let domain = 1; domain <= 7; domain++) {
    await act(meetingId, { type: 'reveal-ratings', domain });
    await act(meetingId, { type: 'record-agreed-rating', domain, rating, rationale: `Agreed ${rating}` });
  }
}

const detail = async (meetingId: string) => (await facilitator.get(`/api/meetings/${meetingId}`)).body as MeetingDetail;
/** Each earlier meeting's kind and its agreed ratings, domain by domain. */
const ratingsOf = (shown: MeetingDetail) => shown.earlier.map((e) => [e.kind, e.agreed.map((a) => a.rating)]);

beforeAll(async () => {
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Review Borough' })).body.id;
  for (const [key, name] of [['gail', 'Gail Goalowner'], ['sam', 'Sam Stakes']] as const) {
    const api = await inviteAndAccept(server, facilitator, siteId, `${key}@review.example`, { name });
    people[key] = { api, id: (await api.get('/api/me')).body.id };
  }
  facilitatorSocket = await connectedSocket(server.url, facilitator.cookie);
});
afterAll(async () => {
  facilitatorSocket?.close();
  await server?.stop();
});

describe('reviews booked on the first day', () => {
  let consultation: string;
  let threeMonth: string;
  let sixMonth: string;

  it('are scheduled before the consultation is held: one names it, the other leaves it to be worked out', async () => {
    consultation = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: hoursFromNow(1), durationMinutes: 180, attendeeIds: [people.gail.id, people.sam.id] })).body.id;
    const booked = await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'review-3m', startsAt: hoursFromNow(2), durationMinutes: 90, attendeeIds: [people.sam.id], baseMeetingId: consultation });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    threeMonth = booked.body.id;
    sixMonth = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'review-6m', startsAt: hoursFromNow(3), durationMinutes: 90, attendeeIds: [] })).body.id;
    // A review cannot look back at a meeting after it, or at one of another kind.
    const later = await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'review-extra', startsAt: hoursFromNow(0.5), durationMinutes: 90, attendeeIds: [], baseMeetingId: sixMonth });
    expect(later.status).toBe(400);
    expect(later.body.fields).toEqual({ baseMeetingId: 'Choose an earlier consultation or review of this site' });
  });

  it('the 3-month review opens with the consultation’s board and agreed ratings, and lets in the goal owner who did not register', async () => {
    await holdWithAgreedRating(consultation, 2, async () => {
      const sam = await connectedSocket(server.url, people.sam.api.cookie);
      expect((await request(sam, 'meeting:join', { meetingId: consultation })).ok).toBe(true);
      const note = await request(sam, 'meeting:action', { meetingId: consultation, action: { type: 'add-note', noteId: 'note-from-consultation', domain: 2, list: 'strength', text: 'Named link worker in half the schools' } });
      expect(note.ok, note.error).toBe(true);
      sam.close();
    });
    expect((await facilitator.post(`/api/meetings/${consultation}/close`)).status).toBe(200);
    // Named when it was booked, and now held: the review shows its ratings even before it starts.
    expect(ratingsOf(await detail(threeMonth))).toEqual([['consultation', [2, 2, 2, 2, 2, 2, 2]]]);
    expect((await detail(sixMonth)).earlier).toEqual([]);

    await holdWithAgreedRating(threeMonth, 3, async () => {
      expect((await detail(threeMonth)).meeting.baseMeetingId).toBe(consultation);
      expect(ratingsOf(await detail(threeMonth))).toEqual([['consultation', [2, 2, 2, 2, 2, 2, 2]]]);
      const board = collabClient(server.wsUrl, meetingBoardDocName(siteId, threeMonth), facilitator.cookie);
      await whenSynced(board);
      expect(readBoard(board.doc).map((n) => n.text)).toEqual(['Named link worker in half the schools']);
      board.destroy();
      // Gail registered for nothing, and owns goal 1: a review is open to every member of the site.
      const gail = await connectedSocket(server.url, people.gail.api.cookie);
      expect((await request(gail, 'meeting:join', { meetingId: threeMonth })).ok).toBe(true);
      gail.close();
      expect(((await people.gail.api.get(`/api/meetings/${threeMonth}`)).body as { participates: boolean }).participates).toBe(true);
    });
    expect((await facilitator.post(`/api/meetings/${threeMonth}/close`)).status).toBe(200);
    // The register lists her as there.
    const snapshot = (await facilitator.get(`/api/meetings/${threeMonth}/snapshot`)).body as { attendance: { userId: string }[] };
    expect(snapshot.attendance.map((a) => a.userId)).toContain(people.gail.id);
  });

  it('the 6-month review, booked with no meeting named, looks back at the 3-month review', async () => {
    await holdWithAgreedRating(sixMonth, 4, async () => {
      expect((await detail(sixMonth)).meeting.baseMeetingId).toBe(threeMonth);
      // The consultation's ratings as well as the 3-month review's: the history, the latest last.
      expect(ratingsOf(await detail(sixMonth))).toEqual([
        ['consultation', [2, 2, 2, 2, 2, 2, 2]],
        ['review-3m', [3, 3, 3, 3, 3, 3, 3]],
      ]);
    });
    expect((await facilitator.post(`/api/meetings/${sixMonth}/close`)).status).toBe(200);
  });

  it('a consultation stays for those invited', async () => {
    const another = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: hoursFromNow(5), durationMinutes: 180, attendeeIds: [people.sam.id] })).body.id;
    expect((await facilitator.post(`/api/meetings/${another}/start`)).status).toBe(200);
    const gail = await connectedSocket(server.url, people.gail.api.cookie);
    expect(await request(gail, 'meeting:join', { meetingId: another })).toMatchObject({ ok: false, error: 'You are not invited to this meeting' });
    gail.close();
  });
});

describe('the call’s joining details', () => {
  it('are given to whoever takes part, registered or not, and to nobody else', async () => {
    const joining = { link: 'https://video.example/join/abc', details: 'Passcode 4242' };
    const book = async (kind: string, attendeeIds: string[]) => (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind, startsAt: hoursFromNow(48), durationMinutes: 90, attendeeIds })).body.id as string;
    const review = await book('review-3m', []);
    const consultationFor = await book('consultation', [people.gail.id]);
    for (const meetingId of [review, consultationFor]) expect((await facilitator.request('PUT', `/api/meetings/${meetingId}/joining`, joining)).status).toBe(200);
    const seenBy = async (api: ApiClient, meetingId: string) => (await api.get(`/api/meetings/${meetingId}/registration`)).body.joining;
    // Any member may join a review, so any member is told how, without registering.
    expect(await seenBy(people.sam.api, review)).toEqual(joining);
    // At a consultation: the invited, not a member who was not.
    expect(await seenBy(people.gail.api, consultationFor)).toEqual(joining);
    expect(await seenBy(people.sam.api, consultationFor)).toBeNull();
    const outsider = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
    expect((await outsider.get(`/api/meetings/${review}/registration`)).status).toBe(403);
  });
});

