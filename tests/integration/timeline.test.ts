import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '@shared/dates';
import { defaultPlan } from '@shared/programme/plan';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept, outbox } from '../helpers/outbox';
import { connectedSocket, request } from '../helpers/realtime';
import { startApp, type InProcessServer } from '../helpers/app';
import { demoPassword } from '../helpers/server';
import { dayIn } from '../helpers/dates';

let server: InProcessServer;
let facilitator: ApiClient;
let lead: ApiClient;
let siteId: string;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const todo = (timeline: { todos: { id: string }[] }, id: string) => timeline.todos.find((t) => t.id === id) as { status: string; text: string; target: unknown } | undefined;
const mailsTo = (email: string) => outbox(server.dataDir).filter((m) => m.includes(`To: ${email}`));

beforeAll(async () => {
  // Reminders are looked for by calling the sweep (server.runPeriodicJobs), as the five-minute job does.
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Timeline Borough' })).body.id;
  lead = await inviteAndAccept(server, facilitator, siteId, 'lead@timeline.example', { role: 'lead', name: 'Lee Lead', organisation: 'Timeline Council', sector: 'local-authority' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe('site timeline and programme dates', () => {
  it('a new site gets the guide’s year thirteen weeks ahead; only a facilitator changes it, and only to dates in order', async () => {
    const timeline = (await lead.get(`/api/sites/${siteId}/timeline`)).body;
    expect(timeline.entries.map((e: { id: string }) => e.id)).toEqual(['confirm-consultation', 'survey-opens', 'survey-closes', 'baseline', 'consultation', 'tailored-sessions', 'review-3m', 'review-6m']);
    expect(todo(timeline, 'confirm-consultation')).toMatchObject({ text: 'Confirm the date and time of your consultation meeting', status: 'due', target: null, waiting: 'Waiting for the facilitator to suggest a date' });

    // A wave whose consultation date should have been confirmed yesterday.
    const plan = { ...defaultPlan(new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10), 'Wave 3') };
    expect((await lead.request('PUT', `/api/sites/${siteId}/programme-plan`, plan)).status).toBe(403);
    const backwards = await facilitator.request('PUT', `/api/sites/${siteId}/programme-plan`, { ...plan, review6mBy: addCalendarDays(plan.review3mBy, -1) });
    expect(backwards.status).toBe(400);
    expect(backwards.body.fields).toEqual({ review6mBy: 'The 6-month review comes after the 3-month review' });
    expect((await lead.get(`/api/sites/${siteId}/timeline`)).body.plan.wave).toBe('Wave 1');

    const saved = await facilitator.request('PUT', `/api/sites/${siteId}/programme-plan`, plan);
    expect(saved.status).toBe(200);
    const after = (await lead.get(`/api/sites/${siteId}/timeline`)).body;
    expect(after.plan).toEqual(plan);
    expect(todo(after, 'confirm-consultation')?.status).toBe('overdue');
    expect(after.nextDeadline).toMatchObject({ what: 'Deadline to confirm the date of the consultation meeting', status: 'overdue' });
    // The facilitator's home shows each site's next deadline.
    const sites = (await facilitator.get('/api/sites')).body as { id: string; nextDeadline: { status: string } }[];
    expect(sites.find((s) => s.id === siteId)?.nextDeadline).toMatchObject({ status: 'overdue' });
    expect((await lead.get('/api/sites')).body.find((s: { id: string }) => s.id === siteId).nextDeadline).toBeUndefined();
  });

  it('the lead confirms the suggested consultation date; neither a stakeholder nor the facilitator who suggested it can', async () => {
    const stakeholder = await inviteAndAccept(server, lead, siteId, 'early@timeline.example', { name: 'Early Stakeholder' });
    const meeting = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: inDays(30), durationMinutes: 180, attendeeIds: [] })).body;
    expect(todo((await facilitator.get(`/api/sites/${siteId}/timeline`)).body, 'suggest-consultation')?.status).toBe('done');

    const refused = await stakeholder.post(`/api/meetings/${meeting.id}/confirmation`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('The strategic lead confirms the date of a meeting; a facilitator may only while the site has no strategic lead');
    // The Centre suggested the date: it cannot also confirm it for the lead.
    const byFacilitator = await facilitator.post(`/api/meetings/${meeting.id}/confirmation`);
    expect(byFacilitator.status).toBe(403);
    expect(byFacilitator.body.error).toBe(refused.body.error);
    expect((await lead.get(`/api/meetings/${meeting.id}/registration`)).body.confirmation).toBeNull();
    expect(todo((await lead.get(`/api/sites/${siteId}/timeline`)).body, 'confirm-consultation')).toMatchObject({ status: 'overdue', target: { page: 'confirm-meeting', meetingId: meeting.id } });

    const confirmed = await lead.post(`/api/meetings/${meeting.id}/confirmation`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ by: 'Lee Lead' });
    const timeline = (await lead.get(`/api/sites/${siteId}/timeline`)).body;
    expect(todo(timeline, 'confirm-consultation')?.status).toBe('done');
    expect(timeline.entries.find((e: { id: string }) => e.id === 'confirm-consultation').status).toBe('done');
    // The stakeholder's own list asks them to register; not yet taking part, they are not asked for the evaluation surveys.
    const theirs = (await stakeholder.get(`/api/sites/${siteId}/timeline`)).body.todos.map((t: { text: string }) => t.text);
    expect(theirs).toEqual(['Register for the strategic consultation meeting']);
  });

  it('a facilitator confirms a date only while the site has no strategic lead', async () => {
    const leaderless = (await facilitator.post('/api/sites', { name: 'Leaderless Borough' })).body.id;
    const book = async (kind: string) => (await facilitator.post(`/api/sites/${leaderless}/meetings`, { kind, startsAt: inDays(30), durationMinutes: 90, attendeeIds: [] })).body.id as string;
    const first = await book('consultation');
    expect((await facilitator.get(`/api/meetings/${first}/registration`)).body.abilities).toContain('confirm-date');
    expect((await facilitator.post(`/api/meetings/${first}/confirmation`)).status).toBe(200);

    await inviteAndAccept(server, facilitator, leaderless, 'lead@leaderless.example', { role: 'lead' });
    const second = await book('review-3m');
    expect((await facilitator.get(`/api/meetings/${second}/registration`)).body.abilities).not.toContain('confirm-date');
    const refused = await facilitator.post(`/api/meetings/${second}/confirmation`);
    expect(refused).toMatchObject({ status: 403, body: { error: 'The strategic lead confirms the date of a meeting; a facilitator may only while the site has no strategic lead' } });
  });

  it('invitations to register go to everyone on the site with a calendar file; people who join later can register too', async () => {
    const meeting = (await lead.get(`/api/sites/${siteId}/meetings`)).body.find((m: { kind: string }) => m.kind === 'consultation');
    const sent = await lead.post(`/api/meetings/${meeting.id}/invitations`);
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({ sent: 1 });
    const [mail] = mailsTo('early@timeline.example').filter((m) => m.includes('Please register'));
    expect(mail).toMatch(/Subject: Please register: Strategic consultation meeting on/);
    expect(mail!.replace(/=\r?\n/g, '')).toContain(`/meetings/${meeting.id}/register`);
    expect(mail).toMatch(/Content-Type: text\/calendar[\s\S]*filename=event\.ics/);
    expect(Buffer.from(/filename=event\.ics\s+([A-Za-z0-9+/=\s]+?)\n--/.exec(mail!)?.[1]?.replace(/\s/g, '') ?? '', 'base64').toString()).toMatch(/BEGIN:VEVENT[\s\S]*SUMMARY:Timeline Borough: Strategic consultation meeting/);
    expect(todo((await lead.get(`/api/sites/${siteId}/timeline`)).body, 'invite-consultation')?.status).toBe('done');

    const late = await inviteAndAccept(server, lead, siteId, 'late@timeline.example', { name: 'Late Joiner', organisation: 'Hill School', sector: 'education' });
    expect((await late.post(`/api/meetings/${meeting.id}/registration`)).status).toBe(201);
    expect((await late.get(`/api/meetings/${meeting.id}`)).body.participates).toBe(true);
    expect((await lead.get(`/api/meetings/${meeting.id}/registrations`)).body).toEqual([
      expect.objectContaining({ name: 'Late Joiner', organisation: 'Hill School', sector: 'education', category: 'school-or-college' }),
    ]);
    const lateTimeline = (await late.get(`/api/sites/${siteId}/timeline`)).body;
    expect(todo(lateTimeline, `register-${meeting.id}`)?.status).toBe('done');
    // Taking part now, they are asked for the baseline survey before the meeting starts.
    expect(todo(lateTimeline, 'baseline')).toMatchObject({ text: 'Complete the baseline survey before the consultation meeting' });
    const stakeholder = (await lead.get(`/api/meetings/${meeting.id}/registration`)).body;
    expect(stakeholder).toMatchObject({ abilities: expect.arrayContaining(['see-registrations', 'confirm-date']), counts: { 'school-or-college': 1 } });
  });

  it('reminds those not yet registered before registration closes, and sends joining details to those who did', async () => {
    const session = await lead.post(`/api/sites/${siteId}/tailored-sessions`, {
      title: 'Referral pathways discussion',
      format: 'facilitated-discussion',
      domains: [2],
      startsAt: inDays(0.5),
      durationMinutes: 90,
      registrationCloseDays: 0,
    });
    expect(session.status).toBe(201);
    const meetingId = session.body.meeting.id;
    const late = ApiClient.signIn(server.url, 'late@timeline.example', 'a long enough password');
    expect((await (await late).post(`/api/meetings/${meetingId}/registration`)).status).toBe(201);
    expect((await lead.post(`/api/meetings/${meetingId}/invitations`)).body).toEqual({ sent: 1 });

    const joining = () => mailsTo('late@timeline.example').filter((m) => m.includes('Subject: Joining details: Referral pathways discussion'));
    const closing = () => mailsTo('early@timeline.example').filter((m) => m.includes('Subject: Registration closes soon: Referral pathways discussion'));
    await server.runPeriodicJobs();
    // With no joining details given yet, no "Joining details" email goes; the facilitator is asked for them.
    expect(joining()).toEqual([]);
    const asked = async () => todo((await facilitator.get(`/api/sites/${siteId}/timeline`)).body, `joining-${meetingId}`);
    expect(await asked()).toMatchObject({ text: 'Add the joining details for “Referral pathways discussion”', status: 'overdue', target: { page: 'registrations', meetingId } });
    expect((await facilitator.request('PUT', `/api/meetings/${meetingId}/joining`, { link: 'https://call.example/referrals', details: 'Passcode 4321' })).status).toBe(200);
    expect((await asked())?.status).toBe('done');
    await server.runPeriodicJobs();
    // Two more sweeps send nothing again.
    await server.runPeriodicJobs();
    await server.runPeriodicJobs();
    expect(joining()).toHaveLength(1);
    expect(joining()[0]!.replace(/=\r?\n/g, '')).toMatch(/https:\/\/call\.example\/referrals[\s\S]*Passcode 4321/);
    expect(closing()).toHaveLength(1);
    expect(mailsTo('late@timeline.example').filter((m) => m.includes('Registration closes soon'))).toHaveLength(0);
    expect(mailsTo('early@timeline.example').filter((m) => m.includes('Joining details'))).toHaveLength(0);
  });

  it('reminds those invited to a meeting three days before to rate the seven domains, unless they have', async () => {
    const ratingSite = (await facilitator.post('/api/sites', { name: 'Rating Borough' })).body.id;
    const ria = await inviteAndAccept(server, facilitator, ratingSite, 'ria@rating.example', { name: 'Ria Rated' });
    await inviteAndAccept(server, facilitator, ratingSite, 'sam@rating.example', { name: 'Sam Slow' });
    const members = (await facilitator.get(`/api/sites/${ratingSite}`)).body.members as { userId: string; role: string }[];
    const attendeeIds = members.filter((m) => m.role === 'stakeholder').map((m) => m.userId);
    // Booked outside the three-day window so that Ria rates before any sweep can ask her; moving the
    // meeting closer then brings it into the window with one of the two having rated.
    const review = (await facilitator.post(`/api/sites/${ratingSite}/meetings`, { kind: 'review-3m', startsAt: inDays(10), durationMinutes: 90, attendeeIds })).body;
    for (let domain = 1; domain <= 7; domain++) expect((await ria.request('PUT', `/api/meetings/${review.id}/pre-ratings/${domain}`, { rating: 3 })).status).toBe(204);
    expect((await facilitator.request('PATCH', `/api/meetings/${review.id}`, { startsAt: inDays(2), durationMinutes: 90 })).status).toBe(200);
    const asked = (email: string) => mailsTo(email).filter((m) => m.includes('rate the seven domains'));
    await server.runPeriodicJobs();
    expect(asked('sam@rating.example')).toHaveLength(1);
    // The next sweep does not ask again.
    await server.runPeriodicJobs();
    expect(asked('sam@rating.example')).toHaveLength(1);
    expect(asked('ria@rating.example')).toHaveLength(0);
    expect(asked('sam@rating.example')[0]!.replace(/=\r?\n/g, '')).toContain(`/meetings/${review.id}/ratings/1`);
  });

  it('emails the baseline survey before the consultation and feedback to those who came to a session; no follow-up before the consultation is held', async () => {
    const surveySite = (await facilitator.post('/api/sites', { name: 'Survey Borough' })).body.id;
    const surveyLead = await inviteAndAccept(server, facilitator, surveySite, 'lead@survey.example', { role: 'lead', name: 'Sue Lead' });
    const ann = await inviteAndAccept(server, surveyLead, surveySite, 'ann@survey.example', { name: 'Ann Answered' });
    await inviteAndAccept(server, surveyLead, surveySite, 'bob@survey.example', { name: 'Bob Busy' });
    const answers = Object.fromEntries(['know-contact', 'roles-clear', 'shared-planning', 'referrals-work', 'shared-learning', 'confident'].map((id) => [id, 3]));
    expect((await ann.post(`/api/sites/${surveySite}/evaluation`, { kind: 'baseline', answers })).status).toBe(201);

    // Taking part in a consultation a week away: Ann and Bob (the lead has not registered).
    const members = (await facilitator.get(`/api/sites/${surveySite}`)).body.members as { userId: string; role: string }[];
    const attendeeIds = members.filter((m) => m.role === 'stakeholder').map((m) => m.userId);
    expect((await facilitator.post(`/api/sites/${surveySite}/meetings`, { kind: 'consultation', startsAt: inDays(6), durationMinutes: 180, attendeeIds })).status).toBe(201);

    const session = (await surveyLead.post(`/api/sites/${surveySite}/tailored-sessions`, { title: 'Whole-school approach', format: 'online-module', domains: [5], startsAt: inDays(1), durationMinutes: 60, registrationCloseDays: 0 })).body.meeting;
    expect((await ann.post(`/api/meetings/${session.id}/registration`)).status).toBe(201);
    expect((await facilitator.post(`/api/meetings/${session.id}/start`)).status).toBe(200);
    const socket = await connectedSocket(server.url, ann.cookie);
    await request(socket, 'meeting:join', { meetingId: session.id });
    socket.close();
    expect((await facilitator.post(`/api/meetings/${session.id}/close`)).status).toBe(200);

    const subjects = (email: string) => mailsTo(email).map((m) => /Subject: (.*)/.exec(m)![1]);
    await server.runPeriodicJobs();
    expect(subjects('bob@survey.example')).toContain('Before the strategic consultation meeting: a short survey');
    expect(subjects('ann@survey.example')).toEqual(expect.arrayContaining(['How was it? Whole-school approach']));
    // The next sweep sends nobody anything twice.
    await server.runPeriodicJobs();
    // Ann answered the baseline already, and the lead is not taking part; Bob did not come to the
    // session; nobody gets anything twice.
    expect(subjects('ann@survey.example').filter((s) => s!.includes('short survey'))).toEqual([]);
    expect(subjects('lead@survey.example').filter((s) => s!.includes('short survey'))).toEqual([]);
    expect(subjects('bob@survey.example').filter((s) => s!.includes('How was it') || s!.includes('follow-up'))).toEqual([]);
    expect(subjects('bob@survey.example').filter((s) => s!.includes('short survey'))).toHaveLength(1);
    // The follow-up goes to those who took part in the consultation, which has not been held yet
    // (tests/integration/evaluation-mail.test.ts sends it).
    expect(subjects('ann@survey.example').filter((s) => s!.includes('follow-up'))).toEqual([]);
    // Quoted-printable: undo soft line breaks and the escaped "=".
    const feedback = mailsTo('ann@survey.example').find((m) => m.includes('How was it?'))!.replace(/=\r?\n/g, '').replaceAll('=3D', '=');
    expect(feedback).toContain(`/sites/${surveySite}/evaluation/feedback?meeting=${session.id}`);
    expect(feedback).not.toContain('text/calendar');
  });

  it('a session records its actions for the lead to track; bad input and non-participants are refused', async () => {
    const meetingId = (await lead.get(`/api/sites/${siteId}/tailored-sessions`)).body[0].meeting.id;
    const early = await ApiClient.signIn(server.url, 'early@timeline.example', 'a long enough password');
    expect((await early.post(`/api/meetings/${meetingId}/actions`, { what: 'Share the referral form', owner: 'CYPMHS', due: dayIn(0) })).status).toBe(403);
    const missing = await lead.post(`/api/meetings/${meetingId}/actions`, { what: '', owner: 'CYPMHS', due: 'soon' });
    expect(missing.status).toBe(400);
    expect(missing.body.fields).toEqual({ what: 'Enter what will be done', due: 'Date it is due must be a real date' });
    const late = await lead.post(`/api/meetings/${meetingId}/actions`, { what: 'Share the referral form', owner: 'CYPMHS', due: dayIn(-1) });
    expect(late).toMatchObject({ status: 422, body: { fields: { due: 'Date it is due must be today or in the future' } } });
    const added = await lead.post(`/api/meetings/${meetingId}/actions`, { what: 'Share the referral form', owner: 'CYPMHS', due: dayIn(0) });
    expect(added.status).toBe(201);
    const [action] = added.body;
    expect((await lead.request('PATCH', `/api/meetings/${meetingId}/actions/${action.id}`, { done: true })).body[0].done).toBe(true);
    expect((await lead.request('PATCH', `/api/meetings/${meetingId}/actions/nope`, { done: true })).status).toBe(422);
    expect((await lead.get(`/api/meetings/${meetingId}/registration`)).body.actions).toEqual([expect.objectContaining({ what: 'Share the referral form', done: true })]);
  });

  it('suggests every CASCADE domain for a session’s content, with its example content', async () => {
    const suggestions = (await lead.get(`/api/sites/${siteId}/tailored-sessions/suggestions`)).body;
    expect(suggestions.map((s: { domain: { id: number } }) => s.domain.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(suggestions[1].domain.exampleContent).toContain('Understanding of referral pathways and threshold');
  });
});
