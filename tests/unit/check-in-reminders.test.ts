import { describe, expect, it } from 'vitest';
import { askDays, dueCheckInReminders, emptyReminderLog, outstandingAsk, reviewDaysOf, type CheckInReminderLog, type ReminderFacts } from '@shared/goals/check-in-reminders';
import { addCalendarDays, addCalendarMonths, ukDay, ukTime } from '@shared/dates';

// Everything is relative to today: the goals were locked today, the reviews are three and six months on.
const lockedOn = ukDay(new Date());
const review3m = addCalendarMonths(lockedOn, 3);
const review6m = addCalendarMonths(lockedOn, 6);
const at = (day: string, hour = 10) => new Date(ukTime(day, hour));
const facts = (over: Partial<ReminderFacts> & { now: Date }): ReminderFacts => ({
  lockedOn,
  reviewDays: [review3m, review6m],
  goals: [{ id: 'g1', ownerId: 'owner', checkIns: [] }],
  log: emptyReminderLog(),
  ...over,
});
const asked = (log: CheckInReminderLog, day: string, sent: boolean, atIso = ukTime(day, 10)): CheckInReminderLog => ({
  ...log,
  asks: [...log.asks, { goalId: 'g1', day, ownerId: 'owner', sent, at: atIso }],
});

describe('check-in reminders for goal owners', () => {
  it('asks monthly, counted back from each review day, starting after the goals were locked', () => {
    const days = askDays(lockedOn, [review3m, review6m]);
    expect(days).toEqual([addCalendarMonths(review3m, -2), addCalendarMonths(review3m, -1), addCalendarMonths(review6m, -2), addCalendarMonths(review6m, -1)]);
    expect(days.every((d) => d > lockedOn)).toBe(true);
    // A review moved later moves the asks with it.
    const later = addCalendarDays(review3m, 10);
    expect(askDays(lockedOn, [later])).toContain(addCalendarMonths(later, -1));
  });

  it('asks nobody before the first ask day, and nobody for a goal without an owner', () => {
    const first = askDays(lockedOn, [review3m, review6m])[0]!;
    expect(dueCheckInReminders(facts({ now: at(addCalendarDays(first, -1)) }))).toEqual([]);
    expect(dueCheckInReminders(facts({ now: at(first), goals: [{ id: 'g1', ownerId: null, checkIns: [] }] }))).toEqual([]);
    expect(dueCheckInReminders(facts({ now: at(first) }))).toEqual([{ kind: 'ask-owner', goalId: 'g1', ownerId: 'owner', day: first, send: true }]);
  });

  it('asks once per ask day', () => {
    const first = askDays(lockedOn, [review3m, review6m])[0]!;
    expect(dueCheckInReminders(facts({ now: at(addCalendarDays(first, 3)), log: asked(emptyReminderLog(), first, true) }))).toEqual([]);
  });

  it('skips the ask when the goal had a check-in in the 14 days before it, and keeps it skipped', () => {
    const first = askDays(lockedOn, [review3m, review6m])[0]!;
    const recent = { id: 'g1', ownerId: 'owner', checkIns: [ukTime(addCalendarDays(first, -10), 15)] };
    expect(dueCheckInReminders(facts({ now: at(first), goals: [recent] }))).toEqual([{ kind: 'ask-owner', goalId: 'g1', ownerId: 'owner', day: first, send: false }]);
    const older = { id: 'g1', ownerId: 'owner', checkIns: [ukTime(addCalendarDays(first, -15), 15)] };
    expect(dueCheckInReminders(facts({ now: at(first), goals: [older] }))[0]).toMatchObject({ send: true });
  });

  it('tells the lead once after two asks go unanswered, and again only after a check-in and two more', () => {
    const [first, second, third, fourth] = askDays(lockedOn, [review3m, review6m]) as [string, string, string, string];
    const twoIgnored = asked(asked(emptyReminderLog(), first, true), second, true);
    expect(dueCheckInReminders(facts({ now: at(second, 11), log: twoIgnored }))).toEqual([{ kind: 'tell-lead', goalId: 'g1' }]);
    const told = { ...twoIgnored, leadTold: [{ goalId: 'g1', at: ukTime(second, 11), leadIds: ['lead'] }] };
    expect(dueCheckInReminders(facts({ now: at(second, 12), log: told }))).toEqual([]);
    // Answered after the second ask: no word to the lead.
    const answered = { id: 'g1', ownerId: 'owner', checkIns: [ukTime(addCalendarDays(second, 2), 9)] };
    expect(dueCheckInReminders(facts({ now: at(addCalendarDays(second, 3)), log: twoIgnored, goals: [answered] }))).toEqual([]);
    // A skipped ask is not an unanswered one.
    const oneSkipped = asked(asked(emptyReminderLog(), first, true), second, false);
    expect(dueCheckInReminders(facts({ now: at(second, 11), log: oneSkipped }))).toEqual([]);
    // After a check-in, two more ignored asks tell the lead again.
    const checkedIn = { id: 'g1', ownerId: 'owner', checkIns: [ukTime(addCalendarDays(second, 2), 9)] };
    const twoMore = asked(asked(told, third, true), fourth, true);
    expect(dueCheckInReminders(facts({ now: at(fourth, 11), log: twoMore, goals: [checkedIn] }))).toEqual([{ kind: 'tell-lead', goalId: 'g1' }]);
  });

  it('keeps the latest ask on the owner’s to-do list until a check-in answers it', () => {
    const [first] = askDays(lockedOn, [review3m, review6m]) as [string];
    expect(outstandingAsk(lockedOn, [review3m, review6m], [], at(addCalendarDays(first, -1)))).toBeNull();
    expect(outstandingAsk(lockedOn, [review3m, review6m], [], at(addCalendarDays(first, 3)))).toBe(first);
    expect(outstandingAsk(lockedOn, [review3m, review6m], [ukTime(addCalendarDays(first, 2), 9)], at(addCalendarDays(first, 3)))).toBeNull();
  });

  it('counts back from the booked reviews, or the programme’s dates until they are booked', () => {
    const plan = { review3mBy: review3m, review6mBy: review6m };
    expect(reviewDaysOf(plan, [])).toEqual([review3m, review6m]);
    const booked = addCalendarDays(review3m, -5);
    expect(reviewDaysOf(plan, [{ kind: 'review-3m', status: 'scheduled', startsAt: ukTime(booked, 10) }])).toEqual([booked, review6m]);
    expect(reviewDaysOf(plan, [{ kind: 'review-3m', status: 'cancelled', startsAt: ukTime(booked, 10) }])).toEqual([review3m, review6m]);
  });

  it('never closes or changes a goal: it only says whom to ask', () => {
    const days = askDays(lockedOn, [review3m, review6m]);
    const long = facts({ now: at(addCalendarDays(review6m, 60)), log: days.reduce((log, d) => asked(log, d, true), emptyReminderLog()) });
    const due = dueCheckInReminders(long);
    expect(due.every((d) => d.kind === 'ask-owner' || d.kind === 'tell-lead')).toBe(true);
    expect(long.goals).toEqual([{ id: 'g1', ownerId: 'owner', checkIns: [] }]);
  });
});
