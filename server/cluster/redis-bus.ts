import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import { within } from '../deadline';
import type { Logger } from '../log';
import type { ClusterBus } from './bus';

/** How long a subscription may wait for Redis before the room goes on without it (it catches up once Redis is back). */
const subscribeDeadlineMs = 2_000;

const idBytes = 16;

/** Where a process says that something it sent did not go out: everyone else may have missed it. */
const missedChannel = 'cluster:missed';

/**
 * How often, at most, a process says it could not send, and reads again what it may have missed:
 * a stall of Redis fails every message sent meanwhile, and each would otherwise set every process
 * reading every open board, session and meeting from the store again.
 */
const missedEveryMs = 1_000;

/**
 * Runs `run` at once when asked, then at most once per `ms`: asked again meanwhile, it runs once
 * more at the end of the interval (so the last request is never lost).
 */
function atMostEvery(ms: number, run: () => void): { request(): void; stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let pending = false;
  const runNow = () => {
    pending = false;
    run();
    timer = setTimeout(() => {
      timer = null;
      if (pending) runNow();
    }, ms).unref();
  };
  return {
    request: () => (timer ? void (pending = true) : runNow()),
    stop: () => {
      if (timer) clearTimeout(timer);
      pending = false;
    },
  };
}

/**
 * Redis pub/sub, one connection to publish and one to listen; channels carry the key prefix.
 * Nothing waits for Redis: while it is away a message is dropped at once (not queued to arrive
 * late), and every room reads what it missed from the store when the connection is back. The
 * two connections come back at different moments, so a process whose listener is already back
 * can miss what another sends before its own publisher is: that process then says so, once its
 * publisher is back, and the others read what they missed as after their own reconnection.
 */
export function redisBus(url: string, prefix: string, log: Logger): ClusterBus {
  const processId = crypto.randomBytes(idBytes);
  const publisher = new Redis(url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, commandTimeout: 2_000, connectionName: 'lp-publisher' });
  // The listener keeps its offline queue: a subscription asked for while Redis is away is made when it is back.
  const subscriber = new Redis(url, { maxRetriesPerRequest: null, connectionName: 'lp-subscriber' });
  const listeners = new Map<string, Set<(payload: Buffer) => void>>();
  const subscriptions = new Map<string, Promise<unknown>>();
  const reconnectListeners = new Set<() => void>();
  let connectedOnce = false;
  const missed = atMostEvery(missedEveryMs, () => {
    for (const listener of reconnectListeners) listener();
  });
  /** Set when a message could not be sent, until the others have been told they may have missed it. */
  let owed = false;
  const sayMissed = atMostEvery(missedEveryMs, () => {
    if (!owed || publisher.status !== 'ready') return;
    owed = false;
    publisher.publish(prefix + missedChannel, processId).catch(() => {
      owed = true;
      sayMissed.request();
    });
  });
  publisher.on('ready', () => sayMissed.request());
  void subscriber.subscribe(prefix + missedChannel).catch(() => {});

  subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    if (message.length < idBytes || message.subarray(0, idBytes).equals(processId)) return;
    if (channel.toString() === prefix + missedChannel) return missed.request();
    const payload = message.subarray(idBytes);
    for (const listener of listeners.get(channel.toString()) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        log.error({ err: error, channel: channel.toString() }, 'cluster message handler failed');
      }
    }
  });
  // ioredis resubscribes by itself after a reconnect; what was published meanwhile is gone. The
  // subscriptions were sent before 'ready' is heard; a ping answered after them says they hold,
  // so what is read from the store next and what arrives from then on leave no gap between them.
  subscriber.on('ready', () => {
    if (connectedOnce) void subscriber.ping().then(missed.request, missed.request);
    connectedOnce = true;
  });
  for (const connection of [publisher, subscriber]) connection.on('error', (error) => log.warn({ err: error }, 'cluster Redis connection error'));

  return {
    clustered: true,
    publish(channel, payload) {
      publisher.publish(prefix + channel, Buffer.concat([processId, payload])).catch((error) => {
        log.warn({ err: error, channel }, 'could not publish to the cluster');
        owed = true;
        // A command that timed out on a connection still up: no 'ready' will come to say it.
        sayMissed.request();
      });
    },
    async subscribe(channel, listener) {
      const key = prefix + channel;
      let set = listeners.get(key);
      if (!set) {
        set = new Set();
        listeners.set(key, set);
        subscriptions.set(key, subscriber.subscribe(key));
      }
      set.add(listener);
      await within(subscriptions.get(key)!, subscribeDeadlineMs).catch(() => {});
      return async () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(key) === set) {
          listeners.delete(key);
          subscriptions.delete(key);
          // Not waited for while Redis is away: the subscription ends with the connection anyway.
          if (subscriber.status === 'ready') await subscriber.unsubscribe(key).catch(() => {});
        }
      };
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    status: () => (publisher.status === 'ready' && subscriber.status === 'ready' ? 'connected' : 'away'),
    async close() {
      missed.stop();
      sayMissed.stop();
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
