import { z } from 'zod';
import { RequestId } from './api/request-id';
import { GoalBookAction } from './goals/book';
import { FacilitationAction, type FacilitationView } from './meetings/facilitation';
import type { MeetingStatus } from './meetings/meeting';
import type { SurveyCount } from './survey/api';

/**
 * socket.io messages, client → server, each validated on arrival. Replies come through the
 * acknowledgement callback as `Ack<T>`.
 */
export const SiteJoinMessage = z.object({ siteId: z.string().min(1).max(64) });
export type SiteJoinMessage = z.infer<typeof SiteJoinMessage>;

export const SitePresence = z.object({
  siteId: z.string(),
  online: z.array(z.object({ userId: z.string(), name: z.string() })),
});
export type SitePresence = z.infer<typeof SitePresence>;

export type Ack<T> = { ok: true; data: T } | { ok: false; error: string };

export const MeetingJoinMessage = z.object({ meetingId: z.string().min(1).max(64) });
export type MeetingJoinMessage = z.infer<typeof MeetingJoinMessage>;

/** Everything that can be done in a meeting: facilitation, and the goal book's lock and ratings. */
export const MeetingAction = z.discriminatedUnion('type', [...FacilitationAction.options, ...GoalBookAction.options], {
  error: 'That is not something that can be done in a meeting',
});
export type MeetingAction = z.input<typeof MeetingAction>;

export const MeetingActionMessage = z.object({ meetingId: z.string().min(1).max(64), action: MeetingAction, actionId: RequestId.optional() });
export type MeetingActionMessage = z.input<typeof MeetingActionMessage>;

export const SurveyWatchMessage = z.object({ campaignId: z.string().min(1).max(64) });

export type MeetingStateEvent = FacilitationView & { meetingId: string };

/** Events the server emits. */
export interface ServerToClientEvents {
  'site:presence': (presence: SitePresence) => void;
  'site:membership-ended': (event: { siteId: string }) => void;
  'meeting:state': (state: MeetingStateEvent) => void;
  'meeting:status': (event: { meetingId: string; status: MeetingStatus }) => void;
  'survey:count': (count: SurveyCount) => void;
  /** The site's goal book changed; fetch it again. */
  'goals:changed': (event: { siteId: string; version: number }) => void;
  /** The session this socket was opened with has ended (signed out, password changed); it closes next. */
  'session:ended': (event: { message: string }) => void;
}

/** Events a client sends. The server validates every payload against the schemas above. */
export interface ClientToServerEvents {
  'site:join': (payload: SiteJoinMessage, ack: (reply: Ack<SitePresence>) => void) => void;
  'meeting:join': (payload: MeetingJoinMessage, ack: (reply: Ack<MeetingStateEvent>) => void) => void;
  'meeting:action': (payload: MeetingActionMessage, ack: (reply: Ack<MeetingStateEvent>) => void) => void;
  'survey:watch': (payload: { campaignId: string }, ack: (reply: Ack<SurveyCount>) => void) => void;
}
