import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept, outbox, testPassword } from '../helpers/outbox';
import { moveClockTo, restoreClock } from '../helpers/clock';
import { addCalendarDays, addUkDays, ukDay, ukDaysBetween, ukTime } from '@shared/dates';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

let server: RunningServer;
let facilitator: ApiClient;
let lead: ApiClient;
let schools: ApiClient[];
let clinicians: ApiClient[];
let siteId: string;
let workshopId: string;
let discussionId: string;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const session = (title: string, format: string, startsAt = inDays(30)) => ({ title, format, domains: [2, 6], startsAt, durationMinutes: 120 });

/** Site members of one sector: schools, or mental health professionals. */
function members(prefix: string, count: number, sector: string): Promise<ApiClient[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      inviteAndAccept(server, facilitator, siteId, `${prefix}${i}@programme.example`, { name: `${prefix} ${i}`, organisation: `${prefix} organisation ${i % 3}`, sector }),
    ),
  );
}

const register = (who: ApiClient, meetingId: string) => who.post(`/api/meetings/${meetingId}/registration`);

beforeAll(async () => {
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Programme Borough' })).body.id;
  lead = await inviteAndAccept(server, facilitator, siteId, 'lead@programme.example', { role: 'lead', name: 'Lee Lead', organisation: 'Borough Council', sector: 'local-authority' });
  // Everyone on the site when a session is chosen is invited to it.
  schools = await members('school', 51, 'education');
  clinicians = await members('clinician', 21, 'cypmhs');
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe('tailored support sessions and registration', () => {
  it('the lead chooses up to three sessions; a fourth is refused and nothing changes', async () => {
    const created = [];
    for (const [title, format] of [['Joint working workshop', 'large-workshop'], ['Referral pathways discussion', 'facilitated-discussion'], ['Whole-school approach module', 'online-module']]) {
      const reply = await lead.post(`/api/sites/${siteId}/tailored-sessions`, session(title!, format!));
      expect(reply.status).toBe(201);
      created.push(reply.body);
    }
    [workshopId, discussionId] = created.map((c) => c.meeting.id);
    const fourth = await lead.post(`/api/sites/${siteId}/tailored-sessions`, session('One too many', 'facilitated-discussion'));
    expect(fourth.status).toBe(422);
    expect(fourth.body.error).toBe('A site chooses up to 3 tailored support sessions, and this site has chosen 3');
    const listed = (await lead.get(`/api/sites/${siteId}/tailored-sessions`)).body;
    expect(listed.map((s: { session: { title: string } }) => s.session.title)).toEqual(['Joint working workshop', 'Referral pathways discussion', 'Whole-school approach module']);
    expect((await lead.post(`/api/sites/${siteId}/tailored-sessions`, session('x', 'lecture'))).status).toBe(400);
    expect((await schools[0]!.post(`/api/sites/${siteId}/tailored-sessions`, session('x', 'online-module'))).status).toBe(403);
    // Nor can a fourth come in as an ordinary meeting.
    const asMeeting = await lead.post(`/api/sites/${siteId}/meetings`, { kind: 'tailored-support', startsAt: inDays(30), durationMinutes: 120, attendeeIds: [] });
    expect(asMeeting.status).toBe(422);
    expect((await lead.get(`/api/sites/${siteId}/tailored-sessions`)).body).toHaveLength(3);
  });

  it('a large workshop takes 50 schools and colleges and 20 mental health professionals, counted separately', async () => {
    for (const school of schools.slice(0, 50)) expect((await register(school, workshopId)).status).toBe(201);
    for (const clinician of clinicians.slice(0, 20)) expect((await register(clinician, workshopId)).status).toBe(201);
    const fiftyFirst = await register(schools[50]!, workshopId);
    expect(fiftyFirst.status).toBe(422);
    expect(fiftyFirst.body.error).toBe('All 50 places for schools and colleges at this large workshop are taken');
    const twentyFirst = await register(clinicians[20]!, workshopId);
    expect(twentyFirst.status).toBe(422);
    expect(twentyFirst.body.error).toBe('All 20 places for mental health professionals at this large workshop are taken');
    // Registering twice takes no second place.
    expect((await register(schools[0]!, workshopId)).status).toBe(201);
    const registrations = (await lead.get(`/api/meetings/${workshopId}/registrations`)).body as { sector: string; organisation: string }[];
    expect(registrations).toHaveLength(70);
    expect(registrations.filter((r) => r.sector === 'education')).toHaveLength(50);
    expect(new Set(registrations.map((r) => r.organisation)).size).toBe(6);
    expect((await schools[0]!.get(`/api/meetings/${workshopId}/registrations`)).status).toBe(403);
  });

  it('a facilitated discussion takes 20 people in all', async () => {
    const people = [...schools.slice(0, 10), ...clinicians.slice(0, 10)];
    for (const person of people) expect((await register(person, discussionId)).status).toBe(201);
    const extra = await register(schools[10]!, discussionId);
    expect(extra.status).toBe(422);
    expect(extra.body.error).toBe('This facilitated discussion is full (20 places)');
    // Someone who cannot come gives their place up, and it can be taken.
    expect((await people[0]!.delete(`/api/meetings/${discussionId}/registration`)).status).toBe(204);
    expect((await people[0]!.get(`/api/meetings/${discussionId}/registration`)).body.registered).toBe(false);
    expect((await register(schools[10]!, discussionId)).status).toBe(201);
    expect((await register(people[0]!, discussionId)).status).toBe(422);
  });

  it('registration closes a week before a consultation booked in good time, but not before one booked at shorter notice starts; once closed, it is refused and nothing changes', async () => {
    const soon = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: inDays(3), durationMinutes: 180, attendeeIds: [] })).body;
    const later = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: inDays(20), durationMinutes: 180, attendeeIds: [] })).body;
    // Booked three days ahead, the week before has already gone: it is open until it starts.
    expect((await lead.get(`/api/meetings/${soon.id}/registration`)).body).toMatchObject({ open: true, closesAt: soon.startsAt });
    expect((await lead.get(`/api/meetings/${later.id}/registration`)).body).toMatchObject({ open: true, closesAt: addUkDays(later.startsAt, -7) });
    expect((await register(lead, later.id)).status).toBe(201);
    try {
      moveClockTo(addUkDays(later.startsAt, -3));
      const late = await ApiClient.signIn(server.url, 'school3@programme.example', testPassword);
      expect((await late.get(`/api/meetings/${later.id}/registration`)).body.open).toBe(false);
      const refused = await register(late, later.id);
      expect(refused.status).toBe(422);
      expect(refused.body.error).toBe('Registration for this strategic consultation meeting has closed');
    } finally {
      restoreClock();
    }
    expect((await lead.get(`/api/meetings/${later.id}/registrations`)).body.map((r: { name: string }) => r.name)).toEqual(['Lee Lead']);
  });

  it('every event has a calendar file', async () => {
    const ics = await schools[1]!.get(`/api/meetings/${workshopId}/calendar.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/text\/calendar/);
    expect(String(ics.body)).toMatch(/BEGIN:VEVENT[\s\S]*SUMMARY:Programme Borough: Joint working workshop[\s\S]*END:VEVENT/);
    expect((await new ApiClient(server.url).get(`/api/meetings/${workshopId}/calendar.ics`)).status).toBe(401);
  });

  it('moving a meeting emails those registered a calendar file that replaces the old entry, and keeps registration closing a week before', async () => {
    const startsAt = ukTime(addCalendarDays(ukDay(new Date()), 40), 10);
    const meeting = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'review-3m', startsAt, durationMinutes: 90, attendeeIds: [] })).body;
    expect((await register(schools[2]!, meeting.id)).status).toBe(201);
    const before = (await lead.get(`/api/meetings/${meeting.id}/registration`)).body.closesAt;
    expect((await schools[2]!.request('PATCH', `/api/meetings/${meeting.id}`, { startsAt, durationMinutes: 60 })).status).toBe(403);
    expect((await lead.request('PATCH', `/api/meetings/${meeting.id}`, { startsAt: 'next week', durationMinutes: 60 })).status).toBe(400);

    // Moved across the end of British Summer Time or not, it keeps its 10am start.
    const newStart = ukTime(addCalendarDays(ukDay(new Date()), 47), 10);
    const mailsBefore = outbox(server.dataDir).length;
    const moved = await lead.request('PATCH', `/api/meetings/${meeting.id}`, { startsAt: newStart, durationMinutes: 60 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ startsAt: newStart, durationMinutes: 60 });
    const after = (await lead.get(`/api/meetings/${meeting.id}/registration`)).body;
    expect(ukDaysBetween(before, startsAt)).toBe(ukDaysBetween(after.closesAt, newStart));
    expect(after.confirmation).toMatchObject({ by: 'Lee Lead' });

    const mails = outbox(server.dataDir).slice(mailsBefore);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!.replace(/=\r?\n/g, '');
    expect(mail).toContain('To: school2@programme.example');
    expect(mail).toMatch(/Subject: Moved: 3-month review meeting is now on/);
    const ics = Buffer.from(/Content-Type: text\/calendar[\s\S]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(mails[0]!)![1]!.replace(/\s/g, ''), 'base64').toString();
    expect(ics).toContain(`UID:${meeting.id}@link-programme`);
    expect(ics).toContain('SEQUENCE:1');
    const calendar = String((await schools[2]!.get(`/api/meetings/${meeting.id}/calendar.ics`)).body);
    expect(calendar).toContain('SEQUENCE:1');

    // Once it has started it stays where it is.
    expect((await facilitator.post(`/api/meetings/${meeting.id}/start`)).status).toBe(200);
    expect((await lead.request('PATCH', `/api/meetings/${meeting.id}`, { startsAt, durationMinutes: 60 })).status).toBe(409);
  });

  it('joining details are shown and sent only to those registered, and to those who run the event', async () => {
    // A consultation, where registering is what lets someone in (any member may join a review:
    // reviews.test.ts checks that they are all told how).
    const meeting = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: inDays(45), durationMinutes: 180, attendeeIds: [] })).body;
    expect((await register(schools[3]!, meeting.id)).status).toBe(201);
    expect((await schools[4]!.request('PUT', `/api/meetings/${meeting.id}/joining`, { link: 'https://teams.example/meet/1', details: '' })).status).toBe(403);
    const bad = await lead.request('PUT', `/api/meetings/${meeting.id}/joining`, { link: 'teams.example/meet/1', details: '' });
    expect(bad).toMatchObject({ status: 400, body: { fields: { link: 'Enter the link to join, starting with https://' } } });
    const joining = { link: 'https://teams.example/meet/1', details: 'Meeting ID 123 456\nPasscode river' };
    expect((await lead.request('PUT', `/api/meetings/${meeting.id}/joining`, joining)).status).toBe(200);

    expect((await schools[3]!.get(`/api/meetings/${meeting.id}/registration`)).body.joining).toEqual(joining);
    expect((await lead.get(`/api/meetings/${meeting.id}/registration`)).body.joining).toEqual(joining);
    expect((await schools[4]!.get(`/api/meetings/${meeting.id}/registration`)).body.joining).toBeNull();
    expect(String((await schools[3]!.get(`/api/meetings/${meeting.id}/calendar.ics`)).body)).toContain('https://teams.example/meet/1');
    expect(String((await schools[4]!.get(`/api/meetings/${meeting.id}/calendar.ics`)).body)).not.toContain('teams.example');

    // Moving the meeting emails them again, with how to join.
    const mailsBefore = outbox(server.dataDir).length;
    expect((await lead.request('PATCH', `/api/meetings/${meeting.id}`, { startsAt: inDays(46), durationMinutes: 180 })).status).toBe(200);
    const mail = outbox(server.dataDir).slice(mailsBefore).join('\n').replace(/=\r?\n/g, '');
    expect(mail).toContain('To: school3@programme.example');
    expect(mail).toContain('https://teams.example/meet/1');
    expect(mail).not.toContain('To: school4@programme.example');
  });

  it('cancelling a session tells those registered, takes it out of their calendars and frees its place', async () => {
    const before = (await lead.get(`/api/sites/${siteId}/tailored-sessions`)).body.length;
    const created = await lead.post(`/api/sites/${siteId}/tailored-sessions`, session('Cancelled in the end', 'online-module', inDays(50)));
    const meetingId = created.status === 201 ? created.body.meeting.id : null;
    // The site may already have chosen its three: then cancel one of those.
    const target = meetingId ?? (await lead.get(`/api/sites/${siteId}/tailored-sessions`)).body[0].meeting.id;
    expect((await register(clinicians[5]!, target)).status).toBe(201);
    const mailsBefore = outbox(server.dataDir).length;
    expect((await clinicians[6]!.post(`/api/meetings/${target}/cancel`)).status).toBe(403);
    expect((await lead.post(`/api/meetings/${target}/cancel`)).status).toBe(200);
    expect((await lead.post(`/api/meetings/${target}/cancel`)).status).toBe(409);
    const mail = outbox(server.dataDir).slice(mailsBefore).join('\n');
    expect(mail).toContain('To: clinician5@programme.example');
    expect(mail).toMatch(/Subject: Cancelled: /);
    const ics = Buffer.from(/Content-Type: text\/calendar[\s\S]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(mail)![1]!.replace(/\s/g, ''), 'base64').toString();
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('STATUS:CANCELLED');
    const sessions = (await lead.get(`/api/sites/${siteId}/tailored-sessions`)).body as { meeting: { id: string } }[];
    expect(sessions.map((s) => s.meeting.id)).not.toContain(target);
    expect(sessions.length).toBe(meetingId ? before : before - 1);
    // Its place is free again.
    expect((await lead.post(`/api/sites/${siteId}/tailored-sessions`, session('Chosen instead', 'online-module', inDays(55)))).status).toBe(201);
    expect((await register(clinicians[5]!, target)).status).toBe(422);
  });
});
