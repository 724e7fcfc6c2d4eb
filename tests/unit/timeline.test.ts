import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, ukTime } from '@shared/dates';
import { formatDate } from '@shared/format';
import { suggestSessionDomains } from '@shared/programme/registration';
import { bookingWindowHint, defaultPlan, ProgrammePlan, provisionalPlan } from '@shared/programme/plan';
import { siteTimeline } from '@shared/programme/timeline';
import type { TimelineFacts, TimelineMeeting } from '@shared/programme/timeline-facts';
import { statusOf, timelineFacts, timelineMeeting, wave2 } from '../helpers/timeline-facts';

const consultation = (over: Partial<TimelineMeeting> = {}): TimelineMeeting =>
  timelineMeeting({ id: 'c1', kind: 'consultation', startsAt: '2022-01-12T10:00:00.000Z', registrationClosesAt: '2022-01-05T10:00:00.000Z', ...over });

const facts = (over: Partial<TimelineFacts>): TimelineFacts => timelineFacts({ now: new Date('2021-10-10T12:00:00Z'), viewerRole: 'lead', ...over });

describe('programme plan', () => {
  it('reproduces the guide’s wave 2 dates from a consultation window starting 3 January 2022', () => {
    expect(wave2).toEqual({
      wave: 'Wave 2',
      surveyOpensOn: '2021-11-01',
      confirmConsultationBy: '2021-10-04',
      surveyClosesOn: '2021-11-26',
      consultationFrom: '2022-01-03',
      consultationTo: '2022-01-31',
      confirmReviewsBy: '2022-01-17',
      tailoredFrom: '2022-02-01',
      tailoredTo: '2022-03-31',
      review3mBy: '2022-04-30',
      review6mBy: '2022-06-30',
    });
    expect(ProgrammePlan.safeParse(wave2).success).toBe(true);
  });

  it('hints at the site’s own windows when booking, not the guide’s months', () => {
    const spring = { ...defaultPlan('2027-03-01', 'Wave 3'), review3mBy: '2027-06-30' };
    expect(bookingWindowHint(spring, 'consultation')).toBe('UK time. This site’s consultation window is 1 March 2027 to 29 March 2027.');
    expect(bookingWindowHint(spring, 'tailored-support')).toMatch(/^UK time\. This site’s sessions run from \d+ \w+ 2027 to \d+ \w+ 2027\.$/);
    expect(bookingWindowHint(spring, 'review-3m')).toBe('UK time. This site’s 3-month review is due by 30 June 2027.');
    expect(bookingWindowHint(spring, undefined)).toContain('consultation window is 1 March 2027');
    expect(bookingWindowHint(undefined, 'consultation')).toBe('UK time.');
  });

  it('refuses dates out of order, naming the later date', () => {
    const result = ProgrammePlan.safeParse({ ...wave2, surveyClosesOn: '2021-10-30', review6mBy: '2022-04-01' });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual([
      ['surveyClosesOn', 'The survey must close after it opens'],
      ['review6mBy', 'The 6-month review comes after the 3-month review'],
    ]);
    expect(ProgrammePlan.safeParse({ ...wave2, surveyOpensOn: '1 November' }).error?.issues[0]?.message).toBe('Enter the date the school and FE college survey opens');
  });
});

describe('site timeline', () => {
  it('shows a missed deadline as overdue, a near one as due and a far one as coming up', () => {
    const timeline = siteTimeline(facts({}));
    expect(statusOf(timeline.entries, 'confirm-consultation')).toBe('overdue');
    expect(statusOf(timeline.entries, 'survey-opens')).toBe('upcoming');
    expect(statusOf(siteTimeline(facts({ now: new Date('2021-10-20T00:00:00Z') })).entries, 'survey-opens')).toBe('due');
    expect(statusOf(timeline.todos, 'confirm-consultation')).toBe('overdue');
    // Nothing to confirm until the Centre suggests a date: the lead waits, with no link to book one.
    expect(timeline.todos.find((t) => t.id === 'confirm-consultation')).toMatchObject({ target: null, waiting: 'Waiting for the facilitator to suggest a date' });
    // Inviting stakeholders starts before the meeting is booked: onto the site, whose members are then invited to register.
    expect(timeline.todos.find((t) => t.id === 'invite-consultation')?.target).toEqual({ page: 'invite' });
    expect(siteTimeline(facts({ meetings: [consultation()] })).todos.find((t) => t.id === 'invite-consultation')?.target).toEqual({ page: 'registrations', meetingId: 'c1' });
    // 4 October ends at UK midnight, 23:00 UTC in summer time; its last moment is shown as 4 October.
    expect(timeline.nextDeadline).toEqual({ by: '2021-10-04T22:59:59.999Z', what: 'Deadline to confirm the date of the consultation meeting', status: 'overdue' });
    expect(formatDate(timeline.nextDeadline!.by)).toBe('4 October 2021');
  });

  it('ticks off the lead’s duties as they are done', () => {
    const before = siteTimeline(facts({ meetings: [consultation()] }));
    expect(before.todos.map((t) => t.text)).toEqual([
      'Confirm the date and time of your consultation meeting',
      'Invite local stakeholders to the consultation meeting and ask them to register',
      'Register for the CASCADE board at least a week before the meeting',
      'Complete the baseline survey at least a week before the consultation meeting',
      'Confirm the date and time of your 3-month review meeting',
      'Confirm the date and time of your 6-month review meeting',
      'Choose your tailored support sessions (up to 3) after the consultation',
      'Complete the follow-up survey after the last tailored support session',
    ]);
    expect(before.todos.find((t) => t.id === 'confirm-consultation')?.target).toEqual({ page: 'confirm-meeting', meetingId: 'c1' });
    expect(before.todos.find((t) => t.id === 'confirm-consultation')?.waiting).toBeUndefined();
    const after = siteTimeline(facts({ meetings: [consultation({ confirmed: true, invitationsSent: true, registered: true })], baselineDone: true }));
    for (const id of ['confirm-consultation', 'invite-consultation', 'register-c1', 'baseline']) expect(statusOf(after.todos, id)).toBe('done');
    expect(statusOf(after.entries, 'confirm-consultation')).toBe('done');
    // Held without its date ever confirmed: the deadline is no longer due (and the lead's to-do has gone).
    const held = siteTimeline(facts({ meetings: [consultation({ status: 'closed' })] }));
    expect(statusOf(held.entries, 'confirm-consultation')).toBe('done');
    expect(held.todos.find((t) => t.id === 'confirm-consultation')).toBeUndefined();
  });

  it('asks for feedback and actions once a session is over, and counts the sessions window done when all are', () => {
    const session: TimelineMeeting = { ...consultation(), id: 's1', kind: 'tailored-support', title: 'Referral pathways', status: 'closed', startsAt: '2022-02-10T10:00:00.000Z', registered: true };
    const timeline = siteTimeline(facts({ now: new Date('2022-02-12T00:00:00Z'), meetings: [consultation({ status: 'closed', registered: true }), session] }));
    expect(timeline.todos.find((t) => t.id === 'actions-s1')).toMatchObject({ text: 'Record the actions agreed at “Referral pathways”', status: 'due' });
    expect(timeline.todos.find((t) => t.id === 'feedback-s1')).toMatchObject({ text: 'Complete the short feedback survey about “Referral pathways”' });
    expect(statusOf(timeline.entries, 'consultation')).toBe('done');
    expect(statusOf(timeline.entries, 'tailored-sessions')).toBe('done');
  });

  it('asks for feedback after each review too, from those registered for it', () => {
    const review: TimelineMeeting = { ...consultation(), id: 'r6', kind: 'review-6m', status: 'closed', startsAt: '2022-06-20T10:00:00.000Z', registered: true };
    const timeline = siteTimeline(facts({ viewerRole: 'stakeholder', now: new Date('2022-06-21T12:00:00Z'), meetings: [review, { ...review, id: 'r3', kind: 'review-3m', registered: false }] }));
    expect(timeline.todos.filter((t) => t.id.startsWith('feedback-')).map((t) => [t.id, t.text, t.target])).toEqual([
      ['feedback-r6', 'Complete the short feedback survey about the 6-month review meeting', { page: 'feedback', meetingId: 'r6' }],
    ]);
  });

  it('asks those taking part in the consultation for the follow-up, due two weeks after the tailored support is over', () => {
    const module: TimelineMeeting = { ...consultation(), id: 'm1', kind: 'tailored-support', title: 'Whole-school approach', selfPaced: true, startsAt: '2022-02-10T10:00:00.000Z' };
    const followUp = (now: string, meetings: TimelineMeeting[]) => siteTimeline(facts({ viewerRole: 'stakeholder', now: new Date(now), meetings })).todos.find((t) => t.id === 'follow-up');
    const held = consultation({ status: 'closed', takesPart: true });
    // Before the module opens: two weeks after the sessions window (31 March 2022) ends.
    expect(followUp('2022-02-09T12:00:00Z', [held, module])).toMatchObject({ text: 'Complete the follow-up survey after the last tailored support session', by: '2022-04-14T22:59:59.999Z', status: 'upcoming' });
    // Once it has opened the support is over, and the survey is sent: due two weeks later.
    expect(followUp('2022-02-11T12:00:00Z', [held, module])).toMatchObject({ by: '2022-02-24T23:59:59.999Z', status: 'due' });
    // Not taking part in the consultation: not one of "the same stakeholders".
    expect(followUp('2022-02-11T12:00:00Z', [consultation({ status: 'closed' }), module])).toBeUndefined();
  });

  it('counts an online learning module as having taken place once it opens: there is no meeting to hold', () => {
    const module: TimelineMeeting = { ...consultation(), id: 'm1', kind: 'tailored-support', title: 'Whole-school approach', selfPaced: true, startsAt: '2022-02-10T10:00:00.000Z', registered: true };
    const held = [consultation({ status: 'closed', registered: true })];
    const before = siteTimeline(facts({ now: new Date('2022-02-09T12:00:00Z'), meetings: [...held, module] }));
    expect(statusOf(before.entries, 'tailored-sessions')).not.toBe('done');
    expect(before.todos.find((t) => t.id === 'feedback-m1')).toBeUndefined();
    // Months later it is still "scheduled" (nobody starts or closes a module), yet nothing is overdue.
    const later = siteTimeline(facts({ now: new Date('2022-06-01T12:00:00Z'), meetings: [...held, module] }));
    expect(statusOf(later.entries, 'tailored-sessions')).toBe('done');
    expect(later.todos.find((t) => t.id === 'feedback-m1')).toMatchObject({ text: 'Complete the short feedback survey about “Whole-school approach”' });
    expect(later.todos.find((t) => t.id === 'register-m1')?.status).toBe('done');
    // A workshop is different: until it is held and closed, the sessions are not done.
    const workshop = { ...module, id: 'w1', selfPaced: false };
    expect(statusOf(siteTimeline(facts({ now: new Date('2022-06-01T12:00:00Z'), meetings: [...held, module, workshop] })).entries, 'tailored-sessions')).toBe('overdue');
  });

  it('gives the facilitator their own duties and the lead’s site duties, and a stakeholder only their own', () => {
    const meetings = [consultation()];
    const facilitator = siteTimeline(facts({ viewerRole: 'facilitator', meetings }));
    expect(facilitator.todos.filter((t) => t.owner === 'you').map((t) => t.id)).toEqual(['suggest-consultation', 'set-dates', 'open-survey', 'suggest-review-3m', 'suggest-review-6m', 'joining-c1']);
    expect(statusOf(facilitator.todos, 'suggest-consultation')).toBe('done');
    expect(facilitator.todos.filter((t) => t.owner === 'lead').map((t) => t.id)).toContain('confirm-consultation');
    expect(facilitator.todos.some((t) => t.id === 'baseline' || t.id.startsWith('register-'))).toBe(false);

    const stakeholder = siteTimeline(facts({ viewerRole: 'stakeholder', meetings: [consultation({ takesPart: true })] }));
    expect(stakeholder.todos.map((t) => t.text)).toEqual([
      'Register for the strategic consultation meeting',
      'Rate the seven domains privately before the strategic consultation meeting',
      'Complete the baseline survey before the consultation meeting',
      'Complete the follow-up survey after the last tailored support session',
    ]);
  });

  it('asks the lead for the baseline survey a week before the consultation, and those taking part by its start', () => {
    const meetings = [consultation({ takesPart: true })];
    const lead = siteTimeline(facts({ viewerRole: 'lead', meetings: [consultation()] })).todos.find((t) => t.id === 'baseline');
    expect(lead).toMatchObject({ text: 'Complete the baseline survey at least a week before the consultation meeting', by: '2022-01-05T10:00:00.000Z' });
    // A week before, the stakeholder's copy is not yet overdue: it is due when the meeting starts.
    const weekBefore = siteTimeline(facts({ viewerRole: 'stakeholder', now: new Date('2022-01-06T09:00:00Z'), meetings })).todos.find((t) => t.id === 'baseline');
    expect(weekBefore).toMatchObject({ text: 'Complete the baseline survey before the consultation meeting', by: '2022-01-12T10:00:00.000Z', status: 'due' });
    // Someone not taking part in the consultation is not asked.
    expect(siteTimeline(facts({ viewerRole: 'stakeholder', meetings: [consultation()] })).todos.find((t) => t.id === 'baseline')).toBeUndefined();
    expect(siteTimeline(facts({ viewerRole: 'stakeholder', meetings: [] })).todos.find((t) => t.id === 'baseline')).toBeUndefined();
  });

  it('asks the facilitator for each coming event’s joining details three days before, until they are given or it starts', () => {
    const session: TimelineMeeting = { ...consultation(), id: 's1', kind: 'tailored-support', title: 'Referral pathways', startsAt: '2022-02-14T10:00:00.000Z' };
    const module: TimelineMeeting = { ...session, id: 'm1', title: 'Whole-school approach', selfPaced: true };
    const joining = (now: string, meetings: TimelineMeeting[]) =>
      siteTimeline(facts({ viewerRole: 'facilitator', now: new Date(now), meetings })).todos.filter((t) => t.id.startsWith('joining-'));
    expect(joining('2022-02-01T12:00:00Z', [consultation({ status: 'closed' }), session, module])).toEqual([
      { id: 'joining-s1', text: 'Add the joining details for “Referral pathways”', by: '2022-02-11T10:00:00.000Z', owner: 'you', target: { page: 'registrations', meetingId: 's1' }, status: 'due' },
    ]);
    expect(joining('2022-02-12T12:00:00Z', [session])[0]?.status).toBe('overdue');
    expect(joining('2022-02-12T12:00:00Z', [{ ...session, joiningGiven: true }])[0]?.status).toBe('done');
    // Once the event has started there is nothing left to add; nor is it the lead's or a stakeholder's to-do.
    expect(joining('2022-02-14T10:30:00Z', [session])).toEqual([]);
    for (const viewerRole of ['lead', 'stakeholder'] as const) expect(siteTimeline(facts({ viewerRole, meetings: [session] })).todos.some((t) => t.id.startsWith('joining-'))).toBe(false);
  });

  it('asks those taking part to rate the seven domains before a consultation or review, until they have or it is held', () => {
    const review = consultation({ id: 'r3', kind: 'review-3m', startsAt: '2022-04-12T10:00:00.000Z', registrationClosesAt: null, takesPart: true });
    const invited = siteTimeline(facts({ viewerRole: 'stakeholder', meetings: [consultation({ takesPart: true }), review] }));
    expect(invited.todos.filter((t) => t.id.startsWith('pre-rate-')).map((t) => [t.text, t.by, t.target])).toEqual([
      ['Rate the seven domains privately before the strategic consultation meeting', '2022-01-12T10:00:00.000Z', { page: 'pre-ratings', meetingId: 'c1' }],
      ['Rate the seven domains privately before the 3-month review meeting', '2022-04-12T10:00:00.000Z', { page: 'pre-ratings', meetingId: 'r3' }],
    ]);
    const done = siteTimeline(facts({ viewerRole: 'stakeholder', meetings: [consultation({ takesPart: true, preRated: true })] }));
    expect(statusOf(done.todos, 'pre-rate-c1')).toBe('done');
    // Not invited to a consultation, or facilitating it: nothing to rate.
    expect(siteTimeline(facts({ viewerRole: 'stakeholder', meetings: [consultation()] })).todos.some((t) => t.id.startsWith('pre-rate-'))).toBe(false);
    expect(siteTimeline(facts({ viewerRole: 'facilitator', meetings: [consultation({ takesPart: true })] })).todos.some((t) => t.id.startsWith('pre-rate-'))).toBe(false);
  });
});

describe('tailored session content', () => {
  it('suggests the domains the goals are about first, most goals first, then the rest in order', () => {
    const order = suggestSessionDomains([[6, 2], [2], [5]]).map((s) => [s.domain.id, s.goals]);
    expect(order).toEqual([[2, 2], [5, 1], [6, 1], [1, 0], [3, 0], [4, 0], [7, 0]]);
  });
});

describe('to-dos over a whole year (property tests)', () => {
  const roles = ['facilitator', 'lead', 'stakeholder'] as const;

  it('a new site has nothing overdue on its first day, whoever looks', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 24 * 60 - 1 }), fc.constantFrom(...roles), (created, minutes, viewerRole) => {
        const createdAt = created.toISOString();
        const now = new Date(created.getTime() + minutes * 60_000);
        const timeline = siteTimeline(facts({ plan: provisionalPlan({ createdAt }), planSet: false, now, viewerRole, meetings: [] }));
        const overdue = [...timeline.todos, ...timeline.entries].filter((item) => item.status === 'overdue');
        expect(overdue).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('nothing tied to a meeting stays to be done once the meeting has been held', () => {
    const meetingArb = (id: string, kind: TimelineMeeting['kind'], from: number, to: number) =>
      fc.record({
        day: fc.integer({ min: from, max: to }),
        confirmed: fc.boolean(),
        invitationsSent: fc.boolean(),
        registered: fc.boolean(),
      }).map((m) => ({ id, kind, ...m }));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        meetingArb('c1', 'consultation', 0, 27),
        meetingArb('r3', 'review-3m', 100, 117),
        fc.array(meetingArb('s', 'tailored-support', 29, 87), { maxLength: 3 }),
        fc.integer({ min: -120, max: 250 }),
        fc.constantFrom(...roles),
        fc.boolean(),
        (startOffset, c, r3, sessions, nowDay, viewerRole, baselineDone) => {
          const plan = defaultPlan(addCalendarDays('2026-01-05', startOffset));
          const now = new Date(ukTime(addCalendarDays(plan.consultationFrom, nowDay), 12));
          const meetings: TimelineMeeting[] = [c, r3, ...sessions.map((s, i) => ({ ...s, id: `s${i}` }))].map((m) => {
            const startsAt = ukTime(addCalendarDays(plan.consultationFrom, m.day), 10);
            return consultation({ ...m, startsAt, registrationClosesAt: startsAt, status: startsAt < now.toISOString() ? 'closed' : 'scheduled' });
          });
          const held = new Set(meetings.filter((m) => m.status !== 'scheduled').map((m) => m.id));
          const tiedTo = (todoId: string) => {
            if (['confirm-consultation', 'invite-consultation', 'baseline'].includes(todoId)) return 'c1';
            if (todoId === 'confirm-review-3m') return 'r3';
            const match = /^(?:invite|register|joining)-(.+)$/.exec(todoId);
            return match ? match[1]! : null;
          };
          const timeline = siteTimeline(facts({ plan, now, viewerRole, meetings, baselineDone }));
          for (const todo of timeline.todos) {
            const meetingId = tiedTo(todo.id);
            if (meetingId && held.has(meetingId)) expect(todo.status, `${todo.id} after ${meetingId} was held`).toBe('done');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
