import { defaultPlan, type PlannedPhase } from '@shared/meetings/agenda';
import type { Ability } from '@shared/policy';
import { demoInstrument } from '@shared/survey/demo-instrument';
import type { ApiClient } from './http';
import { inviteAndAccept, outbox, testPassword } from './outbox';
import { bookingIn, dayIn } from './dates';

/**
 * The policy test's table: every route, with a valid request and how to see that it did what it
 * says. Each person's request carries their own mark (`c.n`, `c.who`), so "it happened" is about
 * that person's request alone: it must be true after an allowed one and false after a refused one.
 */
export type Who = 'facilitator' | 'lead' | 'attendee' | 'stakeholder' | 'outsider';
export const everyone: Who[] = ['facilitator', 'lead', 'attendee', 'stakeholder', 'outsider'];

export interface Fixture {
  server: { url: string; dataDir: string };
  clients: Record<Who, ApiClient>;
  emails: Record<Who, string>;
  passwords: Record<Who, string>;
  /**
   * site; meeting (scheduled); other (for registering); tailored (a session the attendee registered
   * for); closed (a meeting held with the attendee); campaign (access codes), personal (personal
   * links); goal (locked at a consultation held on the site); attendeeId.
   */
  ids: Record<'site' | 'meeting' | 'other' | 'tailored' | 'campaign' | 'personal' | 'closed' | 'goal' | 'attendeeId', string>;
  /** Books a new meeting for the attendee, as the facilitator. */
  schedule(kind?: string): Promise<string>;
}
export interface Call extends Fixture {
  who: Who;
  /** A number of the person's own, for dates and names. */
  n: number;
  /** The row's fresh fixture, made by `setup` for this person. */
  fresh: string;
}
export interface Row {
  method: string;
  /** :site, :meeting, :other, :tailored, :campaign, :personal, :closed, :goal and :fresh are filled in. */
  path: string;
  ability: Ability | 'signed-in';
  /** A fixture of the row's own, made again for each person (its id fills :fresh). */
  setup?: (c: Call) => Promise<string>;
  body?: (c: Call) => unknown;
  /** What is read before the request, passed to `effect` (for effects seen as a difference). */
  before?: (c: Call) => Promise<unknown>;
  /** Whether this person's request did what it says, read back through the API. */
  effect?: (c: Call, reply: { status: number; body: any }, before: unknown) => Promise<boolean>;
  /** Why the effect is not checked, for a mutating or sensitive route without one. */
  unchecked?: string;
}

const as = (c: Fixture, who: Who = 'facilitator') => c.clients[who];
const get = async (c: Fixture, path: string, who: Who = 'facilitator') => (await as(c, who).get(`/api${path}`)).body;
const site = (c: Fixture) => get(c, `/sites/${c.ids.site}`) as Promise<{ members: { userId: string; email: string }[]; invitations: { id: string; email: string }[] }>;
const meeting = (c: Fixture, id: string) => get(c, `/meetings/${id}`) as Promise<{ meeting?: { status: string; startsAt: string }; status?: string; startsAt?: string }>;
const statusOf = async (c: Fixture, id: string) => {
  const m = await meeting(c, id);
  return (m.meeting ?? m).status;
};
const registration = (c: Fixture, id: string, who: Who = 'facilitator') => get(c, `/meetings/${id}/registration`, who);
const accounts = (c: Fixture) => get(c, '/admin/accounts') as Promise<{ id: string; email: string; deactivatedAt: string | null }[]>;
const directory = (c: Fixture) => get(c, `/sites/${c.ids.site}/directory`) as Promise< { id: string; organisation: string; service: string; lastConfirmed: string }[]>;
const personalLinks = (c: Fixture) => get(c, `/surveys/${c.ids.personal}/personal-links`) as Promise<{ pending: { id: string; addresses: { email: string }[] }[]; sent: number }>;
type Action = { id: string; what: string };
const lockedGoal = async (c: Fixture) =>
  ((await get(c, `/sites/${c.ids.site}/goals`)).goals as LockedGoalView[]).find((g) => g.goal.id === c.ids.goal)!;
type LockedGoalView = { goal: { id: string; draft: object }; revisions: { reason: string }[]; openActions: Action[]; doneActions: Action[]; owner: { id: string } | null; checkIns: { happened: string }[] };
const memberId = async (c: Fixture, email: string) => (await site(c)).members.find((m) => m.email === email)!.userId;
const sameTime = (a: string | undefined, b: string) => a !== undefined && Date.parse(a) === Date.parse(b);

/** A programme year starting about now, with the 6-month review far enough away for the goals' due dates. */
export const programmePlan = (wave: string) => ({
  wave,
  surveyOpensOn: dayIn(-5), confirmConsultationBy: dayIn(0), surveyClosesOn: dayIn(40), consultationFrom: dayIn(1), consultationTo: dayIn(60),
  tailoredFrom: dayIn(30), tailoredTo: dayIn(150), review3mBy: dayIn(150), review6mBy: dayIn(240),
});
const entry = (organisation: string, lastConfirmed = dayIn(0)) => ({ organisation, service: 'Mental health support team', forWhom: 'Pupils aged 11 to 16', referralRoute: 'Through the school’s mental health lead', contactName: 'Sam Contact', contactHow: 'sam@service.example', lastConfirmed });
const newAccount = async (c: Call, what: string) => {
  const email = `${what}-${c.who}@policy.example`;
  await as(c).post('/api/admin/facilitators', { email, name: `${what} ${c.who}` });
  return (await accounts(c)).find((a) => a.email === email)!.id;
};
const newEntry = async (c: Call, what: string, lastConfirmed?: string) => {
  const organisation = `${what} ${c.who}`;
  await as(c).post(`/api/sites/${c.ids.site}/directory`, entry(organisation, lastConfirmed));
  return (await directory(c)).find((e) => e.organisation === organisation)!.id;
};
/** A list of personal links waiting for approval, asked for by the one of the two who is not `c.who`. */
const pendingList = (what: string) => async (c: Call) => {
  const requester: Who = c.who === 'facilitator' ? 'lead' : 'facilitator';
  return (await as(c, requester).post(`/api/surveys/${c.ids.personal}/personal-links`, { addresses: `${what}-${c.who}@school.example` })).body.pending as string;
};
const pending = async (c: Call) => (await personalLinks(c)).pending.some((l) => l.id === c.fresh);

/** The default plan of a 120-minute consultation with `n + 1` minutes moved from its last phase to its first. */
const shiftedPlan = (n: number): PlannedPhase[] => defaultPlan('consultation', 120).map((p, i, all) => ({ ...p, minutes: p.minutes + (i === 0 ? n + 1 : i === all.length - 1 ? -(n + 1) : 0) }));

export const rows: Row[] = [
  { method: 'GET', path: '/me', ability: 'signed-in' },
  {
    method: 'PATCH', path: '/me', ability: 'signed-in',
    body: (c) => ({ name: `Renamed ${c.who}`, organisation: 'Policy Organisation' }),
    effect: async (c) => (await get(c, '/me', c.who)).name === `Renamed ${c.who}`,
  },
  {
    method: 'POST', path: '/me/password', ability: 'signed-in',
    body: (c) => ({ currentPassword: c.passwords[c.who], newPassword: `${testPassword} for ${c.who}` }),
    effect: async (c) => (await as(c, c.who).request('POST', '/api/auth/login', { email: c.emails[c.who], password: `${testPassword} for ${c.who}` })).status === 200,
  },
  { method: 'GET', path: '/me/sessions', ability: 'signed-in' },
  { method: 'GET', path: '/admin/accounts', ability: 'administer', effect: async (c, r) => Array.isArray(r.body) && r.body.some((a: { email: string }) => a.email === c.emails.lead) },
  {
    method: 'POST', path: '/admin/facilitators', ability: 'administer',
    body: (c) => ({ email: `facilitator-by-${c.who}@policy.example`, name: `Facilitator by ${c.who}` }),
    effect: async (c) => (await accounts(c)).some((a) => a.email === `facilitator-by-${c.who}@policy.example`),
  },
  {
    method: 'POST', path: '/admin/accounts/:fresh/deactivate', ability: 'administer',
    setup: (c) => newAccount(c, 'deactivated'),
    effect: async (c) => (await accounts(c)).find((a) => a.id === c.fresh)?.deactivatedAt != null,
  },
  {
    method: 'POST', path: '/admin/accounts/:fresh/erase', ability: 'administer',
    setup: (c) => newAccount(c, 'to-erase'),
    // An erased account stays, under a made-up address, so that records still point somewhere.
    effect: async (c) => (await accounts(c)).some((a) => a.id === c.fresh && !a.email.startsWith('to-erase-')),
  },
  { method: 'GET', path: '/admin/audit', ability: 'administer', effect: async (_c, r) => Array.isArray(r.body) && r.body.length > 0 },
  { method: 'GET', path: '/sites', ability: 'signed-in' },
  {
    method: 'POST', path: '/sites', ability: 'create-site',
    body: (c) => ({ name: `Policy site by ${c.who}` }),
    effect: async (c) => JSON.stringify(await get(c, '/sites', c.who)).includes(`Policy site by ${c.who}`),
  },
  {
    method: 'POST', path: '/instruments', ability: 'import-instrument',
    body: (c) => ({ ...demoInstrument, id: `instrument-by-${c.who}`, demonstration: true }),
    // Importing is seen by opening a survey with it, which only works once it is there.
    effect: async (c) => (await as(c).post(`/api/sites/${c.ids.site}/surveys`, { accessMode: 'open', instrumentId: `instrument-by-${c.who}` })).status === 201,
  },
  { method: 'GET', path: '/dashboard', ability: 'see-programme', effect: async (_c, r) => JSON.stringify(r.body).includes('Policy Borough') },
  { method: 'GET', path: '/dashboard.csv', ability: 'see-programme', effect: async (_c, r) => String(r.body).includes('Policy Borough') },
  { method: 'GET', path: '/evaluation', ability: 'see-programme', effect: async (_c, r) => JSON.stringify(r.body).includes('Policy Borough') },
  { method: 'GET', path: '/sites/:site', ability: 'see-site', effect: async (c, r) => JSON.stringify(r.body).includes(c.emails.lead) },
  {
    method: 'POST', path: '/sites/:site/invitations', ability: 'invite-people',
    body: (c) => ({ email: `invited-by-${c.who}@policy.example`, role: 'stakeholder' }),
    effect: async (c) => (await site(c)).invitations.some((i) => i.email === `invited-by-${c.who}@policy.example`),
  },
  {
    method: 'POST', path: '/sites/:site/invitations/bulk', ability: 'invite-people',
    body: (c) => ({ emails: `bulk1-by-${c.who}@policy.example, bulk2-by-${c.who}@policy.example`, role: 'stakeholder' }),
    effect: async (c) => (await site(c)).invitations.filter((i) => i.email.endsWith(`-by-${c.who}@policy.example`) && i.email.startsWith('bulk')).length === 2,
  },
  {
    method: 'DELETE', path: '/sites/:site/invitations/:fresh', ability: 'invite-people',
    setup: async (c) => {
      await as(c).post(`/api/sites/${c.ids.site}/invitations`, { email: `withdrawn-${c.who}@policy.example`, role: 'stakeholder' });
      return (await site(c)).invitations.find((i) => i.email === `withdrawn-${c.who}@policy.example`)!.id;
    },
    effect: async (c) => !(await site(c)).invitations.some((i) => i.id === c.fresh),
  },
  {
    method: 'DELETE', path: '/sites/:site/members/:fresh', ability: 'remove-people',
    setup: async (c) => {
      await inviteAndAccept(c.server, as(c), c.ids.site, `removed-${c.who}@policy.example`);
      return (await site(c)).members.find((m) => m.email === `removed-${c.who}@policy.example`)!.userId;
    },
    effect: async (c) => !(await site(c)).members.some((m) => m.userId === c.fresh),
  },
  { method: 'GET', path: '/sites/:site/meetings', ability: 'see-site', effect: async (c, r) => JSON.stringify(r.body).includes(c.ids.meeting) },
  {
    method: 'POST', path: '/sites/:site/meetings', ability: 'schedule-meeting',
    body: (c) => ({ kind: 'review-extra', startsAt: bookingIn(50 + c.n), durationMinutes: 61 + c.n, attendeeIds: [] }),
    effect: async (c) => ((await get(c, `/sites/${c.ids.site}/meetings`)) as { startsAt: string; durationMinutes: number }[]).some((m) => sameTime(m.startsAt, bookingIn(50 + c.n)) && m.durationMinutes === 61 + c.n),
  },
  { method: 'GET', path: '/sites/:site/timeline', ability: 'see-site' },
  {
    method: 'PUT', path: '/sites/:site/programme-plan', ability: 'set-programme-dates',
    body: (c) => programmePlan(`Wave set by ${c.who}`),
    effect: async (c) => (await get(c, `/sites/${c.ids.site}/timeline`)).plan.wave === `Wave set by ${c.who}`,
  },
  { method: 'GET', path: '/sites/:site/tailored-sessions', ability: 'see-site' }, { method: 'GET', path: '/sites/:site/tailored-sessions/suggestions', ability: 'see-site' },
  {
    method: 'POST', path: '/sites/:site/tailored-sessions', ability: 'choose-sessions',
    body: (c) => ({ title: `Session chosen by ${c.who}`, format: 'facilitated-discussion', domains: [2], startsAt: bookingIn(70 + c.n), durationMinutes: 90 }),
    effect: async (c) => JSON.stringify(await get(c, `/sites/${c.ids.site}/tailored-sessions`)).includes(`Session chosen by ${c.who}`),
  },
  { method: 'GET', path: '/sites/:site/surveys', ability: 'see-site' },
  {
    method: 'POST', path: '/sites/:site/surveys', ability: 'open-survey',
    body: (c) => ({ accessMode: 'open', threshold: 20 + c.n }),
    effect: async (c) => ((await get(c, `/sites/${c.ids.site}/surveys`)) as { threshold: number }[]).some((s) => s.threshold === 20 + c.n),
  },
  { // Saying the site is not running the survey: each person's request starts from a site that is.
    method: 'PUT', path: '/sites/:site/school-survey-choice', ability: 'open-survey', body: () => ({ running: false }), setup: async (c) => (await as(c).request('PUT', `/api/sites/${c.ids.site}/school-survey-choice`, { running: true }), ''),
    effect: async (c) => (await get(c, `/sites/${c.ids.site}/timeline`)).surveyRunning === false,
  },
  { method: 'GET', path: '/surveys/:campaign', ability: 'see-site' },
  { method: 'GET', path: '/surveys/:campaign/results', ability: 'see-site' }, { method: 'GET', path: '/surveys/:campaign/export.csv', ability: 'see-site' },
  {
    method: 'POST', path: '/surveys/:campaign/codes', ability: 'issue-access-codes',
    body: () => ({ count: 2 }),
    // Codes are shown once and kept only as hashes: the codes handed back are tried on the public survey.
    effect: async (c, r) => {
      if (!Array.isArray(r.body?.codes) || r.body.codes.length !== 2) return false;
      const token = String((await get(c, `/surveys/${c.ids.campaign}`)).publicUrl).split('/').pop();
      return (await as(c).request('POST', `/api/public/surveys/${token}/access-code`, { accessCode: r.body.codes[0] })).status === 204;
    },
  },
  { method: 'GET', path: '/surveys/:personal/personal-links', ability: 'hand-out-survey-access', effect: async (_c, r) => Array.isArray(r.body?.pending) },
  {
    method: 'POST', path: '/surveys/:personal/personal-links', ability: 'hand-out-survey-access',
    body: (c) => ({ addresses: `school-of-${c.who}@school.example` }),
    effect: async (c) => JSON.stringify((await personalLinks(c)).pending).includes(`school-of-${c.who}@school.example`),
  },
  {
    method: 'POST', path: '/surveys/:personal/personal-links/:fresh/approval', ability: 'hand-out-survey-access',
    setup: pendingList('approved'),
    before: async (c) => (await personalLinks(c)).sent,
    effect: async (c, _r, sent) => !(await pending(c)) && (await personalLinks(c)).sent > (sent as number),
  },
  { method: 'DELETE', path: '/surveys/:personal/personal-links/:fresh', ability: 'hand-out-survey-access', setup: pendingList('withdrawn'), effect: async (c) => !(await pending(c)) },
  { method: 'GET', path: '/sites/:site/goals', ability: 'see-site' },
  { method: 'GET', path: '/sites/:site/goals/export.csv', ability: 'see-site' },
  {
    method: 'PUT', path: '/sites/:site/goals/:goal', ability: 'edit-goals',
    // On the revision the goal stands at: a change begun on an older one is refused.
    body: async (c) => { const { goal, revisions } = await lockedGoal(c); return { draft: { ...goal.draft, wording: `Every school has a named link worker (worded by ${c.who})` }, reason: `Reworded by ${c.who}`, basedOnRevision: revisions.length }; },
    effect: async (c) => (await lockedGoal(c)).revisions.some((r) => r.reason === `Reworded by ${c.who}`),
  },
  {
    method: 'POST', path: '/sites/:site/goals/:goal/actions', ability: 'see-site',
    body: (c) => ({ what: `Goal action by ${c.who}`, owner: 'Sam', due: dayIn(30) }),
    effect: async (c) => (await lockedGoal(c)).openActions.some((a) => a.what === `Goal action by ${c.who}`),
  },
  {
    method: 'PATCH', path: '/sites/:site/goal-actions/:fresh', ability: 'complete-action',
    setup: async (c) => {
      await as(c).post(`/api/sites/${c.ids.site}/goals/${c.ids.goal}/actions`, { what: `Goal action to finish (${c.who})`, owner: 'Sam', due: dayIn(30) });
      return (await lockedGoal(c)).openActions.find((a) => a.what === `Goal action to finish (${c.who})`)!.id;
    },
    body: () => ({ done: true }),
    effect: async (c) => (await lockedGoal(c)).doneActions.some((a) => a.id === c.fresh),
  },
  // Between the meetings: the goal's owner, check-ins and decisions (issue 35).
  {
    method: 'PUT', path: '/sites/:site/goals/:goal/owner', ability: 'name-goal-owner',
    // The lead owns it before each request; each request names the facilitator. (Never a
    // stakeholder: an owner may check in, which the rows below expect of managers only.)
    setup: async (c) => {
      await as(c).request('PUT', `/api/sites/${c.ids.site}/goals/${c.ids.goal}/owner`, { ownerId: await memberId(c, c.emails.lead) });
      return '';
    },
    body: async (c) => ({ ownerId: await memberId(c, c.emails.facilitator) }),
    effect: async (c) => (await lockedGoal(c)).owner?.id === (await memberId(c, c.emails.facilitator)),
  },
  {
    method: 'POST', path: '/sites/:site/goals/:goal/check-ins', ability: 'check-in-on-goal',
    body: (c) => ({ rating: null, confidence: 'at-risk', happened: `Checked in by ${c.who}`, inTheWay: 'Two academies without a contact' }),
    effect: async (c) => (await lockedGoal(c)).checkIns.some((ci) => ci.happened === `Checked in by ${c.who}`),
  },
  {
    method: 'POST', path: '/sites/:site/decisions', ability: 'record-decision',
    body: (c) => ({ text: `Decided by ${c.who}`, domainId: 2 }),
    effect: async (c) => JSON.stringify((await get(c, `/sites/${c.ids.site}/goals`)).otherDecisions).includes(`Decided by ${c.who}`),
  },
  { method: 'GET', path: '/meetings/:meeting/goal-threads', ability: 'see-meeting' },
  { method: 'GET', path: '/meetings/:meeting/report.odt', ability: 'see-meeting' },
  { method: 'GET', path: '/meetings/:meeting/report.docx', ability: 'see-meeting' },
  { method: 'GET', path: '/sites/:site/directory', ability: 'see-site' },
  { method: 'GET', path: '/sites/:site/directory/export.csv', ability: 'see-site' },
  {
    method: 'POST', path: '/sites/:site/directory', ability: 'see-site',
    body: (c) => entry(`Service added by ${c.who}`),
    effect: async (c) => (await directory(c)).some((e) => e.organisation === `Service added by ${c.who}`),
  },
  {
    method: 'POST', path: '/sites/:site/directory/import', ability: 'see-site',
    body: (c) => ({ csv: `Organisation,Service,Who it is for,Referral route and thresholds,Point of contact,How to contact,Last confirmed\nImported by ${c.who},Counselling,Pupils,By email,Alex,alex@service.example,${dayIn(0)}\n` }),
    effect: async (c) => (await directory(c)).some((e) => e.organisation === `Imported by ${c.who}`),
  },
  {
    method: 'PUT', path: '/sites/:site/directory/:fresh', ability: 'see-site',
    setup: (c) => newEntry(c, 'Edited'),
    body: (c) => ({ ...entry(`Edited ${c.who}`), service: `Service edited by ${c.who}` }),
    effect: async (c) => (await directory(c)).find((e) => e.id === c.fresh)?.service === `Service edited by ${c.who}`,
  },
  {
    method: 'POST', path: '/sites/:site/directory/:fresh/confirm', ability: 'see-site',
    setup: (c) => newEntry(c, 'Confirmed', dayIn(-100)),
    effect: async (c) => (await directory(c)).find((e) => e.id === c.fresh)?.lastConfirmed === dayIn(0),
  },
  { method: 'DELETE', path: '/sites/:site/directory/:fresh', ability: 'see-site', setup: (c) => newEntry(c, 'Deleted'), effect: async (c) => !(await directory(c)).some((e) => e.id === c.fresh) },
  {
    method: 'POST', path: '/sites/:site/evaluation', ability: 'answer-evaluation',
    body: () => ({ kind: 'baseline', answers: { 'know-contact': 4, 'roles-clear': 3, 'shared-planning': 4, 'referrals-work': 2, 'shared-learning': 5, confident: 4 } }),
    before: (c) => get(c, `/sites/${c.ids.site}/evaluation`),
    // Answers are counted, not named: the facilitator's results change once this person has answered.
    effect: async (c, _r, before) => JSON.stringify(await get(c, `/sites/${c.ids.site}/evaluation`)) !== JSON.stringify(before),
  },
  { method: 'GET', path: '/sites/:site/evaluation', ability: 'see-evaluation', effect: async (_c, r) => r.body !== null && typeof r.body === 'object' && !('error' in r.body) },
  { method: 'GET', path: '/meetings/:meeting', ability: 'see-meeting' },
  { method: 'GET', path: '/meetings/:meeting/calendar.ics', ability: 'see-meeting' },
  { method: 'GET', path: '/meetings/:meeting/snapshot', ability: 'see-meeting' },
  { method: 'GET', path: '/meetings/:meeting/report', ability: 'see-meeting' },
  { method: 'GET', path: '/meetings/:meeting/report.pdf', ability: 'see-meeting' },
  {
    method: 'POST', path: '/meetings/:closed/report/email', ability: 'send-report',
    before: async (c) => outbox(c.server.dataDir).length,
    effect: async (c, _r, count) => outbox(c.server.dataDir).length > (count as number),
  },
  { method: 'GET', path: '/meetings/:closed/attendance', ability: 'see-register', effect: async (c, r) => JSON.stringify(r.body).includes(c.ids.attendeeId) },
  { method: 'GET', path: '/meetings/:meeting/pre-ratings/mine', ability: 'take-part' },
  {
    method: 'PUT', path: '/meetings/:meeting/pre-ratings/2', ability: 'take-part',
    body: (c) => ({ rating: 3, comment: `Rated by ${c.who}` }),
    effect: async (c) => JSON.stringify(await get(c, `/meetings/${c.ids.meeting}/pre-ratings/mine`, c.who)).includes(`Rated by ${c.who}`),
  },
  { method: 'GET', path: '/meetings/:meeting/pre-ratings/progress', ability: 'drive-meeting', effect: async (_c, r) => r.body !== null && typeof r.body === 'object' && !('error' in r.body) },
  // The run of the meeting: its plan (:meeting is a 120-minute consultation still to come) and the facilitators' script.
  { method: 'GET', path: '/meetings/:meeting/plan', ability: 'drive-meeting', effect: async (_c, r) => Array.isArray(r.body?.phases) },
  {
    method: 'PUT', path: '/meetings/:meeting/plan', ability: 'drive-meeting',
    // The default plan with this person's own minutes moved from the last phase to the first.
    body: (c) => ({ phases: shiftedPlan(c.n) }),
    effect: async (c) => (await get(c, `/meetings/${c.ids.meeting}/plan`)).phases[0].minutes === shiftedPlan(c.n)[0]!.minutes,
  },
  { method: 'GET', path: '/meetings/:meeting/script', ability: 'drive-meeting', effect: async (_c, r) => typeof r.body?.phases?.welcome === 'string' },
  { method: 'GET', path: '/sites/:site/facilitator-script', ability: 'write-facilitator-script', effect: async (_c, r) => typeof r.body?.phases?.welcome === 'string' },
  {
    method: 'PUT', path: '/sites/:site/facilitator-script', ability: 'write-facilitator-script',
    body: (c) => ({ phases: { welcome: `Welcome script by ${c.who}` } }),
    effect: async (c) => (await get(c, `/sites/${c.ids.site}/facilitator-script`)).phases.welcome === `Welcome script by ${c.who}`,
  },
  // Registering makes someone an attendee, so these use a meeting of their own.
  { method: 'GET', path: '/meetings/:other/registration', ability: 'register' },
  { method: 'POST', path: '/meetings/:other/registration', ability: 'register', effect: async (c) => (await registration(c, c.ids.other, c.who)).registered === true },
  {
    method: 'DELETE', path: '/meetings/:other/registration', ability: 'register',
    setup: async (c) => (await as(c, c.who).post(`/api/meetings/${c.ids.other}/registration`), c.ids.other),
    before: async (c) => (await registration(c, c.ids.other, c.who)).registered === true,
    effect: async (c, _r, wasRegistered) => wasRegistered === true && (await registration(c, c.ids.other, c.who)).registered === false,
  },
  { method: 'GET', path: '/meetings/:tailored/registrations', ability: 'see-registrations', effect: async (c, r) => JSON.stringify(r.body).includes(c.ids.attendeeId) },
  {
    method: 'POST', path: '/meetings/:fresh/confirmation', ability: 'confirm-date',
    setup: (c) => c.schedule(),
    effect: async (c) => (await registration(c, c.fresh)).confirmation !== null,
  },
  {
    method: 'POST', path: '/meetings/:fresh/invitations', ability: 'send-invitations',
    setup: (c) => c.schedule('review-extra'),
    effect: async (c) => (await registration(c, c.fresh)).invitationsSentAt != null,
  },
  {
    method: 'PATCH', path: '/meetings/:meeting', ability: 'reschedule-meeting',
    body: (c) => ({ startsAt: bookingIn(40 + c.n), durationMinutes: 120 }),
    effect: async (c) => {
      const m = await meeting(c, c.ids.meeting);
      return sameTime((m.meeting ?? m).startsAt, bookingIn(40 + c.n));
    },
  },
  {
    method: 'PUT', path: '/meetings/:meeting/joining', ability: 'set-joining-details',
    body: (c) => ({ link: `https://meet.example/${c.who}`, details: '' }),
    effect: async (c) => (await registration(c, c.ids.meeting)).joining?.link === `https://meet.example/${c.who}`,
  },
  { method: 'POST', path: '/meetings/:fresh/cancel', ability: 'cancel-meeting', setup: (c) => c.schedule(), effect: async (c) => (await statusOf(c, c.fresh)) === 'cancelled' },
  {
    method: 'PATCH', path: '/surveys/:campaign', ability: 'open-survey',
    body: async (c) => ({ opensAt: (await get(c, `/surveys/${c.ids.campaign}`)).opensAt, closesAt: bookingIn(30 + c.n) }),
    effect: async (c) => sameTime((await get(c, `/surveys/${c.ids.campaign}`)).closesAt, bookingIn(30 + c.n)),
  },
  {
    method: 'POST', path: '/meetings/:tailored/actions', ability: 'take-part',
    body: (c) => ({ what: `Action agreed by ${c.who}`, owner: 'Sam', due: dayIn(30) }),
    effect: async (c) => JSON.stringify((await registration(c, c.ids.tailored)).actions).includes(`Action agreed by ${c.who}`),
  },
  {
    method: 'PATCH', path: '/meetings/:tailored/actions/:fresh', ability: 'take-part',
    setup: async (c) => {
      // The caller's own where they are on the site: who else may tick one off is the goal-actions row's question.
      const me = (await get(c, '/me', c.who)).id as string, ownerId = (await site(c)).members.some((m) => m.userId === me) ? me : null;
      const actions = (await as(c).post(`/api/meetings/${c.ids.tailored}/actions`, { what: `To be done by ${c.who}`, owner: 'Sam', ownerId, due: dayIn(30) })).body as { id: string; what: string }[];
      return actions.find((a) => a.what === `To be done by ${c.who}`)!.id;
    },
    body: () => ({ done: true }),
    effect: async (c) => ((await registration(c, c.ids.tailored)).actions as { id: string; done: boolean }[]).some((a) => a.id === c.fresh && a.done),
  },
  { method: 'POST', path: '/meetings/:fresh/start', ability: 'drive-meeting', setup: (c) => c.schedule(), effect: async (c) => (await statusOf(c, c.fresh)) === 'live' },
  {
    method: 'POST', path: '/meetings/:fresh/close', ability: 'drive-meeting',
    // Started first: only a live meeting closes.
    setup: async (c) => { const id = await c.schedule(); await as(c).post(`/api/meetings/${id}/start`); return id; },
    effect: async (c) => (await statusOf(c, c.fresh)) === 'closed',
  },
];
