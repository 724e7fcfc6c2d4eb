import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, policy, refusalFor, type Ability, type Actor } from '@shared/policy';
import type { SiteRole } from '@shared/roles';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept, testPassword } from '../helpers/outbox';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';
import { bookingIn } from '../helpers/dates';
import { holdMeetingWith } from '../helpers/held-meeting';
import { disconnectCrew, holdConsultation, meetingCrew } from '../helpers/programme';
import { everyone, programmePlan, rows, type Call, type Fixture, type Row, type Who } from '../helpers/policy-requests';

/**
 * Every route and socket event, from one table (tests/helpers/policy-requests.ts), tried by every
 * kind of person with a valid request: each answer must be what shared/policy.ts says — a 403 in
 * the rule's words when it refuses; below 500 and not 403 when it allows — and, for what changes
 * something or shows what only some may see, the effect must be there after an allowed request
 * and absent after a refused one.
 */
const people: Record<Who, { role: SiteRole | null; attends: boolean; facilitatorAccount: boolean }> = {
  facilitator: { role: 'facilitator', attends: false, facilitatorAccount: true },
  lead: { role: 'lead', attends: false, facilitatorAccount: false },
  attendee: { role: 'stakeholder', attends: true, facilitatorAccount: false },
  stakeholder: { role: 'stakeholder', attends: false, facilitatorAccount: false },
  outsider: { role: null, attends: false, facilitatorAccount: false },
};
// The policy site has a strategic lead, so a facilitator does not stand in to confirm a meeting's date.
const actorOf = (who: Who): Actor => ({ ...people[who], siteHasLead: true });

/**
 * Routes outside the policy: signing in and out, password links and invitations by token, the
 * schools' survey; and "sign out everywhere", which would end these people's sessions (it is
 * tested in administration.test.ts).
 */
const unguarded = ['POST /auth/login', 'POST /auth/logout', 'POST /auth/forgotten-password', 'POST /auth/set-password', 'POST /me/sign-out-everywhere', 'POST /invitations/accept', 'POST /invitations/lookup', 'GET /public/surveys/:token', 'POST /public/surveys/:token/access-code', 'POST /public/surveys/:token/responses'];

let server: RunningServer;
const clients = {} as Record<Who, ApiClient>;
let ids: Fixture['ids'] & { live: string };
let fixture: Fixture;

beforeAll(async () => {
  server = await startApp();
  clients.facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  clients.outsider = await ApiClient.signIn(server.url, 'stakeholder2@demo.example', demoPassword);
  const site = (await clients.facilitator.post('/api/sites', { name: 'Policy Borough' })).body.id;
  clients.lead = await inviteAndAccept(server, clients.facilitator, site, 'lead@policy.example', { role: 'lead' });
  clients.attendee = await inviteAndAccept(server, clients.facilitator, site, 'attendee@policy.example');
  clients.stakeholder = await inviteAndAccept(server, clients.facilitator, site, 'stakeholder@policy.example');
  const members = (await clients.facilitator.get(`/api/sites/${site}`)).body.members as { userId: string; email: string }[];
  const idOf = (who: Who) => members.find((m) => m.email === `${who}@policy.example`)!.userId;
  const [attendeeId, stakeholderId] = [idOf('attendee'), idOf('stakeholder')];
  expect((await clients.facilitator.request('PUT', `/api/sites/${site}/programme-plan`, programmePlan('Wave 2'))).status).toBe(200);
  // A consultation held to the end with the two stakeholders, which locks the site's three goals
  // (first: the goals' due dates must come before the site's 6-month review, booked below).
  const consultation = await clients.facilitator.post(`/api/sites/${site}/meetings`, { kind: 'consultation', startsAt: bookingIn(2), durationMinutes: 120, attendeeIds: [attendeeId, stakeholderId] });
  const crew = await meetingCrew(server, site, clients.facilitator, [clients.attendee, clients.stakeholder]);
  await holdConsultation(crew, consultation.body.id);
  disconnectCrew(crew);
  const schedule = async (kind = 'review-extra') => {
    const reply = await clients.facilitator.post(`/api/sites/${site}/meetings`, { kind, startsAt: bookingIn(37), durationMinutes: 120, attendeeIds: [attendeeId] });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body.id as string;
  };
  const [meeting, other, live] = [await schedule('consultation'), await schedule('review-3m'), await schedule('review-6m')];
  expect((await clients.facilitator.post(`/api/meetings/${live}/start`)).status).toBe(200);
  // A meeting held with the attendee present: it has a register and a report to send.
  const closed = await holdMeetingWith(server, clients.facilitator, site, [clients.attendee]);
  // A tailored support session the attendee has registered for, which makes them one of its attendees.
  const session = await clients.facilitator.post(`/api/sites/${site}/tailored-sessions`, { title: 'Policy session', format: 'large-workshop', domains: [1], startsAt: bookingIn(45), durationMinutes: 120 });
  expect(session.status, JSON.stringify(session.body)).toBe(201);
  const tailored = session.body.meeting.id as string;
  expect((await clients.attendee.post(`/api/meetings/${tailored}/registration`)).status).toBeLessThan(300);
  // Surveys open since yesterday, so the access codes handed out can be tried on the public survey.
  const survey = async (accessMode: string) => {
    const reply = await clients.facilitator.post(`/api/sites/${site}/surveys`, { accessMode, opensAt: bookingIn(-1), closesAt: bookingIn(90) });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body.id as string;
  };
  const [campaign, personal] = [await survey('codes'), await survey('personal')];
  ids = { site, meeting, other, live, closed, tailored, campaign, personal, goal: 'goal-000', attendeeId };
  fixture = {
    server,
    clients,
    ids,
    schedule,
    emails: { facilitator: 'facilitator@demo.example', outsider: 'stakeholder2@demo.example', lead: 'lead@policy.example', attendee: 'attendee@policy.example', stakeholder: 'stakeholder@policy.example' },
    passwords: { facilitator: demoPassword, outsider: demoPassword, lead: testPassword, attendee: testPassword, stakeholder: testPassword },
  };
});
afterAll(async () => {
  await server?.stop();
});

const fill = (template: string, fresh: string) => template.replace(/:(site|meeting|other|tailored|campaign|personal|closed|goal|fresh)\b/g, (_, key: string) => (key === 'fresh' ? fresh : ids[key as keyof typeof ids]));
const mutating = (row: Row) => row.method !== 'GET';
const allowedFor = (who: Who, ability: Row['ability']) => ability === 'signed-in' || can(actorOf(who), ability);

/** One cell of the table: `who` sends the row's request; what went differently from the policy is added to `mismatches`. */
async function tryCell(row: Row, who: Who, n: number, mismatches: string[]) {
  const c: Call = { ...fixture, who, n, fresh: '' };
  c.fresh = row.setup ? await row.setup(c) : '';
  const before = await row.before?.(c);
  const body = row.body ? await row.body(c) : mutating(row) ? {} : undefined;
  const reply = await clients[who].request(row.method, `/api${fill(row.path, c.fresh)}`, body);
  const allowed = allowedFor(who, row.ability);
  const ability = row.ability as Ability;
  const refusedAsExpected = reply.status === 403 && (actorOf(who).role === null || policy[ability].scope === 'account' || reply.body.error === refusalFor(ability));
  const cell = `${who} ${row.method} ${row.path} (${row.ability}): ${reply.status} ${(JSON.stringify(reply.body) ?? '').slice(0, 160)}`;
  if (allowed ? reply.status >= 500 || reply.status === 403 : !refusedAsExpected) mismatches.push(cell);
  else if (row.effect && (await row.effect(c, reply, before)) !== allowed) mismatches.push(`${allowed ? 'allowed but it did not happen' : 'refused but it happened'}: ${cell}`);
}

describe('the policy table, route by route and person by person', () => {
  it('lists every route the server has (or says why one is outside the policy)', () => {
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
    const declared = sources(path.resolve(import.meta.dirname, '../../server')).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/router\.(get|post|put|patch|delete)\('([^']+)'/g)].map((m) => `${m[1]!.toUpperCase()} ${m[2]}`),
    );
    const normalise = (route: string) => route.replace(/:[A-Za-z]+/g, ':id').replace(/\/(no-such-[a-z]+|goal-none|2)(?=\/|$)/g, '/:id');
    const listed = new Set([...rows.map(({ method, path: p }) => normalise(`${method} ${p}`)), ...unguarded.map(normalise)]);
    expect(declared.map(normalise).filter((route) => !listed.has(route))).toEqual([]);
  });

  it('checks what every mutating route does, or says why it cannot', () => {
    expect(rows.filter((row) => mutating(row) && !row.effect && !row.unchecked).map((row) => `${row.method} ${row.path}`)).toEqual([]);
  });

  it('answers each route as the policy says, in the policy’s words, and does what it allows (and only that)', async () => {
    const mismatches: string[] = [];
    for (const row of rows) {
      for (const [n, who] of everyone.entries()) {
        try {
          await tryCell(row, who, n, mismatches);
        } catch (error) {
          mismatches.push(`${who} ${row.method} ${row.path}: the check itself failed: ${String(error)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers each socket event as the policy says', async () => {
    const sockets = {} as Record<Who, ClientSocket>;
    for (const who of Object.keys(people) as Who[]) sockets[who] = await connectedSocket(server.url, clients[who].cookie);
    // The live meeting is a review, which every member of the site may join (the policy's openToMembers).
    const inReview = (who: Who): Actor => ({ ...actorOf(who), openToMembers: true });
    const events: [event: string, payload: unknown, ability: Ability, actor: (who: Who) => Actor][] = [
      ['site:join', { siteId: ids.site }, 'see-site', actorOf],
      ['survey:watch', { campaignId: ids.campaign }, 'hand-out-survey-access', actorOf],
      ['meeting:join', { meetingId: ids.live }, 'take-part', inReview],
      ['meeting:action', { meetingId: ids.live, action: { type: 'focus', domain: 2 } }, 'drive-meeting', inReview],
    ];
    const mismatches: string[] = [];
    for (const [event, payload, ability, actor] of events) {
      for (const who of Object.keys(people) as Who[]) {
        const reply = await request(sockets[who], event as never, payload);
        const refused = !reply.ok && (/not a member|not invited|only a facilitator|no access|do not have access/i.test(reply.error) || reply.error === refusalFor(ability));
        if (can(actor(who), ability) === refused) mismatches.push(`${who} ${event} (${ability}): ${JSON.stringify(reply).slice(0, 100)}`);
      }
    }
    for (const socket of Object.values(sockets)) socket.close();
    expect(mismatches).toEqual([]);
  });
});
