import { z } from 'zod';
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

export const MeetingActionMessage = z.object({ meetingId: z.string().min(1).max(64), action: FacilitationAction });
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
}

/** Events a client sends. The server validates every payload against the schemas above. */
export interface ClientToServerEvents {
  'site:join': (payload: SiteJoinMessage, ack: (reply: Ack<SitePresence>) => void) => void;
  'meeting:join': (payload: MeetingJoinMessage, ack: (reply: Ack<MeetingStateEvent>) => void) => void;
  'meeting:action': (payload: MeetingActionMessage, ack: (reply: Ack<MeetingStateEvent>) => void) => void;
  'survey:watch': (payload: { campaignId: string }, ack: (reply: Ack<SurveyCount>) => void) => void;
}
