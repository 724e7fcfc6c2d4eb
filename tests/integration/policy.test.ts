import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, policy, refusalFor, type Ability, type Actor } from '@shared/policy';
import type { SiteRole } from '@shared/roles';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { demoPassword, startServer, type RunningServer } from '../helpers/server';

/**
 * Every route and socket event, from one table, tried by every kind of person: each answer must
 * be what shared/policy.ts says — a 403 in the rule's words when it refuses, anything else when
 * it allows (requests carry no body, so an allowed one is usually refused later as a 400).
 */
type Who = 'facilitator' | 'lead' | 'attendee' | 'stakeholder' | 'outsider';
const people: Record<Who, { role: SiteRole | null; attends: boolean; facilitatorAccount: boolean }> = {
  facilitator: { role: 'facilitator', attends: false, facilitatorAccount: true },
  lead: { role: 'lead', attends: false, facilitatorAccount: false },
  attendee: { role: 'stakeholder', attends: true, facilitatorAccount: false },
  stakeholder: { role: 'stakeholder', attends: false, facilitatorAccount: false },
  outsider: { role: null, attends: false, facilitatorAccount: false },
};
const actorOf = (who: Who): Actor => people[who];

type Route = [method: string, path: string, ability: Ability | 'signed-in' | 'public'];
// :site, :meeting, :campaign are filled in below; other ids are ones that do not exist.
const routes: Route[] = [
  ['GET', '/me', 'signed-in'],
  ['PATCH', '/me', 'signed-in'],
  ['POST', '/me/password', 'signed-in'],
  ['GET', '/me/sessions', 'signed-in'],
  ['GET', '/admin/accounts', 'administer'],
  ['POST', '/admin/facilitators', 'administer'],
  ['POST', '/admin/accounts/no-such-account/deactivate', 'administer'],
  ['POST', '/admin/accounts/no-such-account/erase', 'administer'],
  ['GET', '/admin/audit', 'administer'],
  ['GET', '/sites', 'signed-in'],
  ['POST', '/sites', 'create-site'],
  ['POST', '/instruments', 'import-instrument'],
  ['GET', '/dashboard', 'see-programme'],
  ['GET', '/dashboard.csv', 'see-programme'],
  ['GET', '/evaluation', 'see-programme'],
  ['GET', '/sites/:site', 'see-site'],
  ['POST', '/sites/:site/invitations', 'invite-people'],
  ['POST', '/sites/:site/invitations/bulk', 'invite-people'],
  ['DELETE', '/sites/:site/invitations/no-such-invitation', 'invite-people'],
  ['DELETE', '/sites/:site/members/no-such-person', 'remove-people'],
  ['GET', '/sites/:site/meetings', 'see-site'],
  ['POST', '/sites/:site/meetings', 'schedule-meeting'],
  ['GET', '/sites/:site/timeline', 'see-site'],
  ['PUT', '/sites/:site/programme-plan', 'set-programme-dates'],
  ['GET', '/sites/:site/tailored-sessions', 'see-site'],
  ['GET', '/sites/:site/tailored-sessions/suggestions', 'see-site'],
  ['POST', '/sites/:site/tailored-sessions', 'choose-sessions'],
  ['GET', '/sites/:site/surveys', 'see-site'],
  ['POST', '/sites/:site/surveys', 'open-survey'],
  ['GET', '/surveys/:campaign', 'see-site'],
  ['GET', '/surveys/:campaign/results', 'see-site'],
  ['GET', '/surveys/:campaign/export.csv', 'see-site'],
  ['POST', '/surveys/:campaign/codes', 'issue-access-codes'],
  ['GET', '/surveys/:campaign/personal-links', 'hand-out-survey-access'],
  ['POST', '/surveys/:campaign/personal-links', 'hand-out-survey-access'],
  ['POST', '/surveys/:campaign/personal-links/no-such-list/approval', 'hand-out-survey-access'],
  ['DELETE', '/surveys/:campaign/personal-links/no-such-list', 'hand-out-survey-access'],
  ['GET', '/sites/:site/goals', 'see-site'],
  ['GET', '/sites/:site/goals/export.csv', 'see-site'],
  ['PUT', '/sites/:site/goals/goal-none', 'edit-goals'],
  ['POST', '/sites/:site/goals/goal-none/actions', 'see-site'],
  ['PATCH', '/sites/:site/goal-actions/no-such-action', 'complete-action'],
  ['PUT', '/sites/:site/goals/goal-none/owner', 'name-goal-owner'],
  ['POST', '/sites/:site/goals/goal-none/check-ins', 'check-in-on-goal'],
  ['POST', '/sites/:site/decisions', 'record-decision'],
  ['GET', '/meetings/:meeting/goal-threads', 'see-meeting'],
  ['GET', '/meetings/:meeting/report.odt', 'see-meeting'],
  ['GET', '/meetings/:meeting/report.docx', 'see-meeting'],
  ['GET', '/sites/:site/directory', 'see-site'],
  ['GET', '/sites/:site/directory/export.csv', 'see-site'],
  ['POST', '/sites/:site/directory', 'see-site'],
  ['POST', '/sites/:site/directory/import', 'see-site'],
  ['PUT', '/sites/:site/directory/no-such-entry', 'see-site'],
  ['POST', '/sites/:site/directory/no-such-entry/confirm', 'see-site'],
  ['DELETE', '/sites/:site/directory/no-such-entry', 'see-site'],
  ['POST', '/sites/:site/evaluation', 'answer-evaluation'],
  ['GET', '/sites/:site/evaluation', 'see-evaluation'],
  ['GET', '/meetings/:meeting', 'see-meeting'],
  ['GET', '/meetings/:meeting/calendar.ics', 'see-meeting'],
  ['GET', '/meetings/:meeting/snapshot', 'see-meeting'],
  ['GET', '/meetings/:meeting/report', 'see-meeting'],
  ['GET', '/meetings/:meeting/report.pdf', 'see-meeting'],
  ['POST', '/meetings/:meeting/report/email', 'send-report'],
  ['GET', '/meetings/:meeting/attendance', 'see-register'],
  ['GET', '/meetings/:meeting/pre-ratings/mine', 'take-part'],
  ['PUT', '/meetings/:meeting/pre-ratings/2', 'take-part'],
  ['GET', '/meetings/:meeting/pre-ratings/progress', 'drive-meeting'],
  // Registering makes someone an attendee, so these use a meeting of their own.
  ['GET', '/meetings/:other/registration', 'register'],
  ['POST', '/meetings/:other/registration', 'register'],
  ['DELETE', '/meetings/:other/registration', 'register'],
  ['GET', '/meetings/:meeting/registrations', 'see-registrations'],
  ['POST', '/meetings/:meeting/confirmation', 'confirm-date'],
  ['POST', '/meetings/:meeting/invitations', 'send-invitations'],
  ['PATCH', '/meetings/:meeting', 'reschedule-meeting'],
  ['PUT', '/meetings/:meeting/joining', 'set-joining-details'],
  ['POST', '/meetings/:other/cancel', 'cancel-meeting'],
  ['PATCH', '/surveys/:campaign', 'open-survey'],
  ['POST', '/meetings/:meeting/actions', 'take-part'],
  ['PATCH', '/meetings/:meeting/actions/no-such-action', 'take-part'],
  // Last, as they change the meeting's state: starting, then closing it.
  ['POST', '/meetings/:meeting/start', 'drive-meeting'],
  ['POST', '/meetings/:meeting/close', 'drive-meeting'],
];
/**
 * Routes outside the policy: signing in and out, password links and invitations by token, the
 * schools' survey; and "sign out everywhere", which would end these people's sessions (it is
 * tested in administration.test.ts).
 */
const unguarded = ['POST /auth/login', 'POST /auth/logout', 'POST /auth/forgotten-password', 'POST /auth/set-password', 'POST /me/sign-out-everywhere', 'POST /invitations/accept', 'POST /invitations/lookup', 'GET /public/surveys/:token', 'POST /public/surveys/:token/access-code', 'POST /public/surveys/:token/responses'];

let server: RunningServer;
const clients = {} as Record<Who, ApiClient>;
let ids: Record<'site' | 'meeting' | 'other' | 'live' | 'campaign', string>;

beforeAll(async () => {
  server = await startServer();
  clients.facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  clients.outsider = await ApiClient.signIn(server.url, 'stakeholder2@demo.example', demoPassword);
  const site = (await clients.facilitator.post('/api/sites', { name: 'Policy Borough' })).body.id;
  clients.lead = await inviteAndAccept(server, clients.facilitator, site, 'lead@policy.example', { role: 'lead' });
  clients.attendee = await inviteAndAccept(server, clients.facilitator, site, 'attendee@policy.example');
  clients.stakeholder = await inviteAndAccept(server, clients.facilitator, site, 'stakeholder@policy.example');
  const members = (await clients.facilitator.get(`/api/sites/${site}`)).body.members as { userId: string; email: string }[];
  const attendeeId = members.find((m) => m.email === 'attendee@policy.example')!.userId;
  const schedule = async (kind: string) =>
    (await clients.facilitator.post(`/api/sites/${site}/meetings`, { kind, startsAt: '2027-01-12T10:00:00Z', durationMinutes: 120, attendeeIds: [attendeeId] })).body.id as string;
  const [meeting, other, live] = [await schedule('consultation'), await schedule('review-3m'), await schedule('review-6m')];
  expect((await clients.facilitator.post(`/api/meetings/${live}/start`)).status).toBe(200);
  const campaign = (await clients.facilitator.post(`/api/sites/${site}/surveys`, { accessMode: 'codes' })).body.id;
  ids = { site, meeting, other, live, campaign };
});
afterAll(async () => {
  await server?.stop();
});

const fill = (template: string) =>
  template.replace(':site', ids.site).replace(':meeting', ids.meeting).replace(':other', ids.other).replace(':campaign', ids.campaign);

describe('the policy table, route by route and person by person', () => {
  it('lists every route the server has (or says why one is outside the policy)', () => {
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
    const declared = sources(path.resolve(import.meta.dirname, '../../server')).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/router\.(get|post|put|patch|delete)\('([^']+)'/g)].map((m) => `${m[1]!.toUpperCase()} ${m[2]}`),
    );
    const normalise = (route: string) => route.replace(/:[A-Za-z]+/g, ':id').replace(/\/(no-such-[a-z]+|goal-none|2)(?=\/|$)/g, '/:id');
    const listed = new Set([...routes.map(([method, p]) => normalise(`${method} ${p}`)), ...unguarded.map(normalise)]);
    expect(declared.map(normalise).filter((route) => !listed.has(route))).toEqual([]);
  });

  it('answers each route as the policy says, in the policy’s words', async () => {
    const mismatches: string[] = [];
    for (const [method, template, ability] of routes) {
      for (const who of Object.keys(people) as Who[]) {
        const reply = await clients[who].request(method, `/api${fill(template)}`, method === 'GET' ? undefined : {});
        const allowed = ability === 'signed-in' || ability === 'public' || can(actorOf(who), ability);
        const refusedAsExpected = reply.status === 403 && (actorOf(who).role === null || policy[ability as Ability].scope === 'account' || reply.body.error === refusalFor(ability as Ability));
        if (allowed ? reply.status === 403 : !refusedAsExpected) mismatches.push(`${who} ${method} ${template} (${ability}): ${reply.status} ${JSON.stringify(reply.body).slice(0, 100)}`);
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
