import type { MeetingKind } from '../meetings/meeting';
import { addCalendarDays, addUkDays } from '../dates';
import { recentCheckInDays } from '../goals/check-in-reminders';
import { asksForFeedback, followUpDueBy, leadBaselineDaysBefore } from './evaluation-timing';
import { tookPlace } from './tailored-support';
import { suggestReviewsDaysBefore } from './plan';
import { maxTailoredSessions } from './registration';
import { before, consultationOf, endOfDay, eventName, heldFrom, type Duty, type TimelineFacts, type TimelineMeeting } from './timeline-facts';

/**
 * Who does what in a site's programme year (guide sections 4 to 7): the strategic lead's duties
 * for the site, each person's own, the Anna Freud Centre's, and the actions and check-ins asked
 * of goal owners. Each is a duty without a status; the timeline gives it one.
 */

const reviewName = { 'review-3m': '3-month review', 'review-6m': '6-month review' } as const;

/**
 * Where the lead confirms a meeting's date: at the meeting once the Centre has suggested one.
 * Until then there is nothing to confirm, and booking it is the Centre's step, not the lead's.
 */
const confirmTarget = (meeting: TimelineMeeting | null): Pick<Duty, 'target' | 'waiting'> =>
  meeting ? { target: { page: 'confirm-meeting', meetingId: meeting.id } } : { target: null, waiting: 'Waiting for the facilitator to suggest a date' };

/** The lead's duties that are about the site rather than themselves: the facilitator sees these too. */
export function leadSiteTodos(f: TimelineFacts): Duty[] {
  const { plan, meetings } = f;
  const { meeting: consultation, startsAt: consultationStart } = consultationOf(f);
  const sessions = meetings.filter((m) => m.kind === 'tailored-support');
  return [
    {
      id: 'confirm-consultation',
      text: 'Confirm the date and time of your consultation meeting',
      by: endOfDay(plan.confirmConsultationBy),
      done: consultation?.confirmed ?? false,
      ...confirmTarget(consultation),
      until: heldFrom(consultation),
    },
    {
      id: 'invite-consultation',
      text: 'Invite local stakeholders to the consultation meeting and ask them to register',
      by: consultation?.registrationClosesAt ?? before(consultationStart, 7),
      done: consultation?.invitationsSent ?? false,
      // Before the meeting is booked, invited to the site: its invitations to register go to the site's members.
      target: consultation ? { page: 'registrations', meetingId: consultation.id } : { page: 'invite' },
      until: heldFrom(consultation),
    },
    {
      id: 'choose-sessions',
      text: `Choose your tailored support sessions (up to ${maxTailoredSessions}) after the consultation`,
      by: endOfDay(plan.tailoredFrom),
      done: sessions.length > 0,
      target: { page: 'tailored-sessions' },
    },
    ...sessions.map((s): Duty => ({
      id: `invite-${s.id}`,
      text: `Invite education and mental health professionals to ${eventName(s)}`,
      by: s.registrationClosesAt ?? before(s.startsAt, 2),
      done: s.invitationsSent,
      target: { page: 'registrations', meetingId: s.id },
      until: heldFrom(s),
    })),
    ...sessions
      .filter((s) => s.status === 'closed')
      .map((s): Duty => ({
        id: `actions-${s.id}`,
        text: `Record the actions agreed at ${eventName(s)}`,
        by: addUkDays(s.startsAt, 7),
        done: s.actionsRecorded > 0,
        target: { page: 'session-actions', meetingId: s.id }
      })),
    // Both reviews' dates are settled early in the consultation window (guide section 6).
    ...(['review-3m', 'review-6m'] as const).map((kind): Duty => {
      const review = meetings.find((m) => m.kind === kind) ?? null;
      return {
        id: `confirm-${kind}`,
        text: `Confirm the date and time of your ${reviewName[kind]} meeting`,
        by: endOfDay(plan.confirmReviewsBy),
        done: review?.confirmed ?? false,
        ...confirmTarget(review),
        until: heldFrom(review),
      };
    }),
  ];
}

/** What the person viewing does themselves: register, answer the evaluation surveys. */
export function personalTodos(f: TimelineFacts): Duty[] {
  const { plan, meetings, viewerRole } = f;
  const { meeting: consultation, startsAt: consultationStart } = consultationOf(f);
  const sessions = meetings.filter((m) => m.kind === 'tailored-support');
  const lead = viewerRole === 'lead';
  // The evaluation surveys are for those taking part in the consultation (guide section 7); the
  // lead always does (section 4).
  const inConsultation = lead || (consultation?.takesPart ?? false);
  const registrations = meetings
    .filter((m) => m.status === 'scheduled' || m.registered)
    .map((m): Duty => ({
      id: `register-${m.id}`,
      text: m.kind === 'consultation' && viewerRole === 'lead' ? 'Register for the CASCADE board at least a week before the meeting' : `Register for ${eventName(m)}`,
      by: m.registrationClosesAt ?? m.startsAt,
      done: m.registered,
      target: { page: 'register', meetingId: m.id },
      until: heldFrom(m),
    }));
  // The guide asks everyone taking part to rate the seven domains before a consultation or review.
  const preRatings = meetings
    .filter((m) => m.kind !== 'tailored-support' && m.status === 'scheduled' && m.takesPart && viewerRole !== 'facilitator')
    .map((m): Duty => ({
      id: `pre-rate-${m.id}`,
      text: `Rate the seven domains privately before ${eventName(m)}`,
      by: m.startsAt,
      done: m.preRated,
      target: { page: 'pre-ratings', meetingId: m.id },
      until: heldFrom(m),
    }));
  const feedback = meetings
    .filter((m) => asksForFeedback(m.kind) && (m.status !== 'scheduled' || tookPlace(m, f.now)) && m.registered)
    .map((m): Duty => ({
      id: `feedback-${m.id}`,
      text: `Complete the short feedback survey about ${eventName(m)}`,
      by: addUkDays(m.startsAt, 7),
      done: m.feedbackGiven,
      target: { page: 'feedback', meetingId: m.id }
    }));
  const baseline: Duty = {
    id: 'baseline',
    text: lead ? 'Complete the baseline survey at least a week before the consultation meeting' : 'Complete the baseline survey before the consultation meeting',
    by: lead ? before(consultationStart, leadBaselineDaysBefore) : consultationStart,
    done: f.baselineDone,
    target: { page: 'evaluation', kind: 'baseline' },
    until: heldFrom(consultation),
  };
  // Sent to the same people as the baseline once the tailored support is over.
  const followUp: Duty = {
    id: 'follow-up',
    text: 'Complete the follow-up survey after the last tailored support session',
    by: followUpDueBy(sessions, plan.tailoredTo, f.now),
    done: f.followUpDone,
    target: { page: 'evaluation', kind: 'follow-up' },
  };
  return [...registrations, ...preRatings, ...(inConsultation ? [baseline] : []), ...feedback, ...(inConsultation ? [followUp] : [])];
}

/**
 * Calendar days before an event that its joining details are due: they go to those registered the
 * day before it, so three days leaves a working day's slack (an event on a Monday has them by the
 * Friday before), and anyone who looks at the event's page before then sees how to join.
 */
const joiningDetailsDaysBefore = 3;

/** The Anna Freud Centre's side: open the survey, suggest dates, set up each event's call. */
export function facilitatorTodos(f: TimelineFacts): Duty[] {
  const { plan, meetings } = f;
  const scheduled = (kind: MeetingKind) => meetings.some((m) => m.kind === kind);
  return [
    { id: 'set-dates', text: 'Set the programme dates for this site’s wave', by: endOfDay(plan.confirmConsultationBy), done: f.planSet, target: { page: 'programme-plan' } },
    {
      id: 'open-survey',
      text: 'Open the school and FE college survey',
      by: endOfDay(plan.surveyOpensOn),
      done: f.surveyOpened,
      target: { page: 'surveys' },
      notNeeded: f.surveyNotRunning === true && !f.surveyOpened,
    },
    {
      id: 'suggest-consultation',
      text: 'Suggest a date and time for the consultation meeting',
      by: before(endOfDay(plan.confirmConsultationBy), 7),
      done: scheduled('consultation'),
      target: { page: 'schedule-meeting', kind: 'consultation' }
    },
    ...(['review-3m', 'review-6m'] as const).map((kind): Duty => ({
      id: `suggest-${kind}`,
      text: `Suggest a date and time for the ${reviewName[kind]} meeting`,
      by: endOfDay(addCalendarDays(plan.confirmReviewsBy, -suggestReviewsDaysBefore)),
      done: scheduled(kind),
      target: { page: 'schedule-meeting', kind },
    })),
    // The Centre sets up each video call and sends the joining instructions (guide sections 4 to 6).
    // An online learning module has no call to join.
    ...meetings
      .filter((m) => m.status === 'scheduled' && !m.selfPaced)
      .map((m): Duty => ({
        id: `joining-${m.id}`,
        text: `Add the joining details for ${eventName(m)}`,
        by: before(m.startsAt, joiningDetailsDaysBefore),
        done: m.joiningGiven,
        target: { page: 'registrations', meetingId: m.id },
        until: heldFrom(m),
      })),
  ];
}

/** The actions the viewer is named to do (for a goal, a domain or the site), due by the end of their day; done ones stay ticked. */
export function actionTodos(f: TimelineFacts): Duty[] {
  return (f.ownedActions ?? []).map((a) => ({
    id: `goal-action-${a.id}`,
    text: a.about ? `${a.about}: ${a.what}` : a.what,
    by: endOfDay(a.due),
    done: a.done,
    target: { page: 'goals', goalId: a.goalId },
  }));
}

/** A goal owner's monthly ask, until they check in; two weeks to answer it before it is overdue. */
export function checkInTodos(f: TimelineFacts): Duty[] {
  return (f.checkInsAsked ?? []).map((a) => ({
    id: `check-in-${a.goalId}-${a.askedOn}`,
    text: `Check in on goal ${a.goalPosition}: how is it going?`,
    by: endOfDay(addCalendarDays(a.askedOn, recentCheckInDays)),
    done: false,
    target: { page: 'check-in', goalId: a.goalId },
  }));
}
