import { z } from 'zod';
import { SessionEndReason } from '@shared/api/session-end';
import type { FacilitationState } from '@shared/meetings/facilitation';
import { MeetingStatus } from '@shared/meetings/meeting';
import { SurveyCount } from '@shared/survey/api';
import { localBus, type ClusterBus } from '../cluster/bus';
import type { Logger } from '../log';

/** What happened, for whoever must know: services publish, the realtime layers tell people. */
const DomainEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('membership-ended'), siteId: z.string(), userId: z.string() }),
  z.object({ type: z.literal('account-deactivated'), userId: z.string() }),
  z.object({ type: z.literal('sessions-ended'), userId: z.string(), only: z.string().nullable(), except: z.string().nullable(), reason: SessionEndReason }),
  z.object({ type: z.literal('meeting-state'), meetingId: z.string(), state: z.custom<FacilitationState>((v) => typeof v === 'object' && v !== null) }),
  z.object({ type: z.literal('meeting-status'), meetingId: z.string(), status: MeetingStatus }),
  z.object({ type: z.literal('survey-count'), count: SurveyCount }),
  z.object({ type: z.literal('goals-changed'), siteId: z.string(), version: z.number() }),
]);
export type DomainEvent = z.infer<typeof DomainEvent>;
type EventType = DomainEvent['type'];
type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
type Listener = (event: DomainEvent) => void | Promise<void>;

/**
 * Events each process must act on for its own connections: a member removed, an account
 * deactivated or sessions ended (their sockets close) and a meeting's new state (each person gets their own view of it). The others reach
 * people through socket.io rooms, which the Redis adapter already shares between processes.
 */
const everyProcess: ReadonlySet<EventType> = new Set(['membership-ended', 'account-deactivated', 'sessions-ended', 'meeting-state']);
const channel = 'domain-events';

/** The one event bus: in-process, bridged through Redis for the events every process needs. */
export class DomainEvents {
  private readonly listeners = new Map<EventType, Set<Listener>>();
  private readonly missedListeners = new Set<() => Promise<void>>();
  private bus: ClusterBus = localBus();

  /** Hears the other processes' events too; what arrives is parsed by the events' schema. */
  async connect(bus: ClusterBus, log: Logger): Promise<void> {
    this.bus = bus;
    bus.onReconnect(() => {
      for (const listener of this.missedListeners) listener().catch((error) => log.error({ err: error }, 'could not check what events may have said'));
    });
    await bus.subscribe(channel, (payload) => {
      const parsed = DomainEvent.safeParse(JSON.parse(payload.toString()));
      if (!parsed.success) return log.warn({ issues: parsed.error.issues }, 'ignored a malformed event from another process');
      void this.deliver(parsed.data).catch((error) => log.error({ err: error, type: parsed.data.type }, 'event listener failed'));
    });
  }

  /** Tells this process's listeners (resolving once they are done) and, where needed, the others. */
  async publish(event: DomainEvent): Promise<void> {
    if (everyProcess.has(event.type)) this.bus.publish(channel, Buffer.from(JSON.stringify(event)));
    await this.deliver(event);
  }

  on<T extends EventType>(type: T, listener: (event: EventOf<T>) => void | Promise<void>): () => void {
    const set = this.listeners.get(type) ?? new Set();
    this.listeners.set(type, set);
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  /**
   * Called when events from other processes may have been lost (Redis was away): events are not
   * kept anywhere, so each listener checks in the store what they would have told it.
   */
  onMissed(listener: () => Promise<void>): () => void {
    this.missedListeners.add(listener);
    return () => this.missedListeners.delete(listener);
  }

  private async deliver(event: DomainEvent): Promise<void> {
    await Promise.all([...(this.listeners.get(event.type) ?? [])].map((listener) => listener(event)));
  }
}
