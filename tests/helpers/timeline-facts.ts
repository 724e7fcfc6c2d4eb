import { defaultPlan } from '@shared/programme/plan';
import type { TimelineFacts, TimelineMeeting } from '@shared/programme/timeline-facts';

/** The guide's own wave 2 year: its consultation window opens on 3 January 2022. */
export const wave2 = defaultPlan('2022-01-03', 'Wave 2');

/** A meeting as the timeline reads it: booked, nothing done about it yet, unless said otherwise. */
export const timelineMeeting = (meeting: Pick<TimelineMeeting, 'id' | 'kind' | 'startsAt'> & Partial<TimelineMeeting>): TimelineMeeting => ({
  status: 'scheduled',
  title: null,
  selfPaced: false,
  registrationClosesAt: null,
  confirmed: false,
  invitationsSent: false,
  joiningGiven: false,
  actionsRecorded: 0,
  registered: false,
  feedbackGiven: false,
  takesPart: false,
  preRated: false,
  ...meeting,
});

/** A site in wave 2 with its dates set and nothing done yet, seen by `viewerRole` at `now`. */
export const timelineFacts = (facts: Pick<TimelineFacts, 'now' | 'viewerRole'> & Partial<TimelineFacts>): TimelineFacts => ({
  plan: wave2,
  planSet: true,
  surveyOpened: false,
  meetings: [],
  baselineDone: false,
  followUpDone: false,
  ...facts,
});

/** The status of the entry or to-do with this id. */
export const statusOf = (items: readonly { id: string; status: string }[], id: string) => items.find((i) => i.id === id)?.status;
