import { z } from 'zod';

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

/** Events the server emits. */
export interface ServerToClientEvents {
  'site:presence': (presence: SitePresence) => void;
  'site:membership-ended': (event: { siteId: string }) => void;
}

/** Events a client sends. Payloads are `unknown` here because the server validates them. */
export interface ClientToServerEvents {
  'site:join': (payload: SiteJoinMessage, ack: (reply: Ack<SitePresence>) => void) => void;
}
