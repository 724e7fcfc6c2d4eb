import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept, outbox } from '../helpers/outbox';
import { connectedSocket, request } from '../helpers/realtime';
import { startApp, type InProcessServer } from '../helpers/app';
import { demoPassword } from '../helpers/server';
import { addCalendarDays, addUkDays, ukTime } from '@shared/dates';
import { bookingIn } from '../helpers/dates';

/**
 * The evaluation surveys the server emails (guide sections 6 and 7), each looked for by calling
 * the reminder sweep with a time, as the five-minute job does with its own.
 */
let server: InProcessServer;
let facilitator: ApiClient;
const subjects = (email: string) => outbox(server.dataDir).filter((m) => m.includes(`To: ${email}`)).map((m) => /Subject: (.*)/.exec(m)![1]!);
const unfolded = (mail: string) => mail.replace(/=\r?\n/g, '').replaceAll('=3D', '=');
const mailTo = (email: string, subject: string) => unfolded(outbox(server.dataDir).find((m) => m.includes(`To: ${email}`) && m.includes(`Subject: ${subject}`))!);

/** A new site with its lead and the stakeholders named, each signed in; `ids` are their user ids. */
async function siteWith(name: string, stakeholders: string[]) {
  const siteId = (await facilitator.post('/api/sites', { name })).body.id as string;
  const domain = `${name.toLowerCase().replace(/\W+/g, '-')}.example`;
  const lead = await inviteAndAccept(server, facilitator, siteId, `lead@${domain}`, { role: 'lead', name: 'Lena Lead' });
  const people = await Promise.all(stakeholders.map((who) => inviteAndAccept(server, lead, siteId, `${who}@${domain}`, { name: who })));
  const ids = await Promise.all(people.map(async (p) => (await p.get('/api/me')).body.id as string));
  return { siteId, lead, people, ids, email: (who: string) => `${who}@${domain}` };
}

/** Starts a meeting, has `attendees` join it over socket.io (recording them as there) and closes it. */
async function hold(meetingId: string, attendees: ApiClient[]) {
  expect((await facilitator.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
  for (const attendee of attendees) {
    const socket = await connectedSocket(server.url, attendee.cookie);
    expect((await request(socket, 'meeting:join', { meetingId })).ok).toBe(true);
    socket.close();
  }
  expect((await facilitator.post(`/api/meetings/${meetingId}/close`)).status).toBe(200);
}

beforeAll(async () => {
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe('evaluation survey emails', () => {
  it('asks those who came to a review for brief feedback afterwards, once', async () => {
    const site = await siteWith('Review Feedback Borough', ['rita', 'reg']);
    const review = (await facilitator.post(`/api/sites/${site.siteId}/meetings`, { kind: 'review-3m', startsAt: bookingIn(1), durationMinutes: 90, attendeeIds: site.ids })).body;
    await hold(review.id, [site.people[0]!]);
    await server.runPeriodicJobs();
    await server.runPeriodicJobs();
    expect(subjects(site.email('rita')).filter((s) => s.startsWith('How was it?'))).toEqual(['How was it? 3-month review meeting']);
    expect(mailTo(site.email('rita'), 'How was it?')).toContain(`/sites/${site.siteId}/evaluation/feedback?meeting=${review.id}`);
    // Reg was invited but did not come.
    expect(subjects(site.email('reg')).filter((s) => s.startsWith('How was it?'))).toEqual([]);
  });

  it('emails the baseline survey two weeks before the consultation to those taking part, not a week before as it falls due', async () => {
    const site = await siteWith('Baseline Borough', ['bea', 'ben']);
    const startsAt = bookingIn(40);
    // Bea is invited; Ben is not taking part.
    expect((await facilitator.post(`/api/sites/${site.siteId}/meetings`, { kind: 'consultation', startsAt, durationMinutes: 180, attendeeIds: [site.ids[0]] })).status).toBe(201);
    const baseline = (who: string) => subjects(site.email(who)).filter((s) => s === 'Before the strategic consultation meeting: a short survey');
    await server.runPeriodicJobs(new Date(addUkDays(startsAt, -15)));
    expect(baseline('bea')).toEqual([]);
    await server.runPeriodicJobs(new Date(addUkDays(startsAt, -14)));
    expect(baseline('bea')).toHaveLength(1);
    // A week before, when the lead's own copy falls due, nobody is sent it again.
    await server.runPeriodicJobs(new Date(addUkDays(startsAt, -7)));
    expect(baseline('bea')).toHaveLength(1);
    expect(mailTo(site.email('bea'), 'Before the strategic consultation meeting')).toContain(`/sites/${site.siteId}/evaluation/baseline`);
    expect(baseline('ben')).toEqual([]);
  });

  it('emails the follow-up to everyone who took part in the consultation once an online module opens, answered baseline or not', async () => {
    const site = await siteWith('Follow-up Borough', ['ann', 'bob', 'cat']);
    const [ann, bob] = site.people as [ApiClient, ApiClient];
    const answers = Object.fromEntries(['know-contact', 'roles-clear', 'shared-planning', 'referrals-work', 'shared-learning', 'confident'].map((id) => [id, 3]));
    expect((await ann.post(`/api/sites/${site.siteId}/evaluation`, { kind: 'baseline', answers })).status).toBe(201);
    // Ann and Bob take part in the consultation; Cat does not.
    const consultation = (await facilitator.post(`/api/sites/${site.siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(1), durationMinutes: 180, attendeeIds: site.ids.slice(0, 2) })).body;
    await hold(consultation.id, [ann, bob]);
    const startsAt = bookingIn(3);
    expect((await site.lead.post(`/api/sites/${site.siteId}/tailored-sessions`, { title: 'Whole-school approach', format: 'online-module', domains: [5], startsAt, durationMinutes: 60 })).status).toBe(201);

    const followUp = (who: string) => subjects(site.email(who)).filter((s) => s === 'Follow-up Borough: the follow-up survey');
    await server.runPeriodicJobs(new Date(addUkDays(startsAt, -1)));
    expect(followUp('ann')).toEqual([]);
    // The module is never closed: it counts as taken place once it opens.
    await server.runPeriodicJobs(new Date(addUkDays(startsAt, 1)));
    await server.runPeriodicJobs(new Date(addUkDays(startsAt, 2)));
    expect(followUp('ann')).toHaveLength(1);
    expect(followUp('bob')).toHaveLength(1);
    expect(followUp('cat')).toEqual([]);
    expect(subjects(site.email('lead')).filter((s) => s.includes('follow-up'))).toEqual([]);
    expect(mailTo(site.email('bob'), 'Follow-up Borough: the follow-up survey')).toContain(`/sites/${site.siteId}/evaluation/follow-up`);
  });

  it('emails the follow-up when the sessions window ends for a site that took no sessions', async () => {
    const site = await siteWith('No Sessions Borough', ['nia']);
    const consultation = (await facilitator.post(`/api/sites/${site.siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(1), durationMinutes: 180, attendeeIds: site.ids })).body;
    await hold(consultation.id, site.people);
    const { tailoredTo } = (await site.lead.get(`/api/sites/${site.siteId}/timeline`)).body.plan as { tailoredTo: string };
    const followUp = () => subjects(site.email('nia')).filter((s) => s === 'No Sessions Borough: the follow-up survey');
    await server.runPeriodicJobs(new Date(ukTime(tailoredTo, 23)));
    expect(followUp()).toEqual([]);
    await server.runPeriodicJobs(new Date(ukTime(addCalendarDays(tailoredTo, 1), 9)));
    expect(followUp()).toHaveLength(1);
    expect(mailTo(site.email('nia'), 'No Sessions Borough: the follow-up survey')).toContain('The tailored support for No Sessions Borough is over.');
  });
});
