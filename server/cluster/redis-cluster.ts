import { createAdapter } from '@socket.io/redis-streams-adapter';
import { MemoryStore, type Options as RateLimitOptions } from 'express-rate-limit';
import { Redis } from 'ioredis';
import { RedisStore } from 'rate-limit-redis';
import type { ServerOptions } from 'socket.io';
import type { Config } from '../config';
import { within } from '../deadline';
import type { Logger } from '../log';
import type { Cluster } from './index';
import { redisBus } from './redis-bus';

/**
 * Counts in Redis, so N processes allow the limit once; while Redis is away, counts in this
 * process instead (each process then allows the limit once: a limit, not a wall). Nobody's
 * sign-in or survey answer waits for Redis or fails for want of it.
 *
 * rate-limit-redis keeps the promise of loading its Lua scripts. When Redis has restarted (its
 * script cache empty) it loads them again, and if Redis is away at that moment the promise stays
 * rejected: every count after it fails with that error until the process restarts. After a
 * failure, this store loads the scripts again before its next count.
 */
class RecoveringRateLimitStore extends RedisStore {
  private scriptsFailed = false;
  private readonly meanwhile = new MemoryStore();

  constructor(
    options: ConstructorParameters<typeof RedisStore>[0],
    private readonly connected: () => boolean,
    private readonly log: Logger,
  ) {
    super(options);
  }

  // express-rate-limit does not await init: loading the scripts while Redis is away (or as the
  // connection closes) must not reject unheard. The next count loads them again.
  override async init(options: RateLimitOptions) {
    this.meanwhile.init(options);
    try {
      await super.init(options);
    } catch (error) {
      this.scriptsFailed = true;
      this.log.warn({ err: error, prefix: this.prefix }, 'rate limit scripts not loaded: Redis is away');
    }
  }

  override async increment(key: string) {
    return this.recovering(() => super.increment(key), () => this.meanwhile.increment(key));
  }

  override async get(key: string) {
    return this.recovering(() => super.get(key), () => this.meanwhile.get(key));
  }

  // express-rate-limit takes back a count (a sign-in that succeeded) in a listener nobody
  // awaits: a failure here would be an unhandled rejection, so it falls back like a count.
  override async decrement(key: string) {
    return this.recovering(() => super.decrement(key), () => this.meanwhile.decrement(key));
  }

  override async resetKey(key: string) {
    return this.recovering(() => super.resetKey(key), () => this.meanwhile.resetKey(key));
  }

  private async recovering<T>(count: () => Promise<T>, countHere: () => Promise<T>): Promise<T> {
    if (!this.connected()) return countHere();
    if (this.scriptsFailed) {
      this.scriptsFailed = false;
      this.incrementScriptSha = this.loadIncrementScript();
      this.getScriptSha = this.loadGetScript();
      // Each is awaited by the count that needs it, which reports its failure.
      this.incrementScriptSha.catch(() => {});
      this.getScriptSha.catch(() => {});
    }
    try {
      return await count();
    } catch (error) {
      this.scriptsFailed = true;
      this.log.warn({ err: error, prefix: this.prefix }, 'rate limit counted in this process: Redis is away');
      return countHere();
    }
  }
}

/** How long socket.io's adapter waits for Redis before going on without it. */
const adapterDeadlineMs = 1_000;

/** Rejects when Redis is away now, or has not answered within the deadline. */
function withinDeadline<T>(client: Redis, command: () => Promise<T>): Promise<T> {
  return client.status === 'ready' ? within(command(), adapterDeadlineMs) : Promise.reject(new Error('Redis is away'));
}

interface StreamsAdapter {
  doPublish(message: unknown): Promise<string>;
  persistSession(session: unknown): void;
  serverCount(): Promise<number>;
  restoreSession(pid: string, offset: string): Promise<unknown>;
}

/**
 * socket.io's Redis adapter asks Redis before it does anything, even for this process's own
 * sockets: it delivers an event here only after Redis has taken it (to share it, and to number it
 * for connection-state recovery), counts the servers through Redis before listing the sockets in
 * a room, and looks a reconnecting socket's session up there; and its client queues commands
 * while Redis is away. Every meeting state, presence and count, even to people on this process,
 * would wait for Redis to come back. Here each of those fails at once while Redis is away and
 * after a second otherwise: an event is then delivered here only (the other processes' people see
 * the next one), the server count is taken as this one, and a reconnecting socket starts afresh
 * (it joins its meeting again and is sent the whole state).
 */
function goingOnWithoutRedis(makeAdapter: ReturnType<typeof createAdapter>, client: Redis): ServerOptions['adapter'] {
  // socket.io calls it with `new`: a function (not an arrow) that returns the adapter it made.
  return function adapterFor(nsp: unknown) {
    const adapter = makeAdapter(nsp) as unknown as StreamsAdapter;
    const [publish, serverCount, restoreSession] = [adapter.doPublish.bind(adapter), adapter.serverCount.bind(adapter), adapter.restoreSession.bind(adapter)];
    adapter.doPublish = (message) => withinDeadline(client, () => publish(message));
    adapter.serverCount = () => withinDeadline(client, serverCount).catch(() => 1);
    adapter.restoreSession = (pid, offset) => withinDeadline(client, () => restoreSession(pid, offset));
    // It does not wait for the write it starts, so a failure of it would be heard by nobody: not
    // tried while Redis is away (that socket cannot be restored, and starts afresh).
    const persistSession = adapter.persistSession.bind(adapter);
    adapter.persistSession = (session) => {
      if (client.status === 'ready') persistSession(session);
    };
    return adapter;
  } as unknown as ServerOptions['adapter'];
}

/**
 * The adapter starts some commands without awaiting them: a socket's session kept for recovery
 * (SET), a request to the other processes (PUBLISH, for `fetchSockets` across processes) and its
 * subscriptions (SUBSCRIBE, on a duplicate of this connection). One in flight when Redis goes
 * would reject unheard. Failing costs only what Redis was for (that socket starts afresh if it
 * reconnects; the other processes' sockets are not listed, as while Redis is away), so each is
 * logged, and the promise is still the caller's to await.
 */
function hearUnawaitedCommands(client: Redis, log: Logger): Redis {
  const commands = client as unknown as Record<'set' | 'publish' | 'subscribe', (...args: unknown[]) => Promise<unknown>>;
  for (const name of ['set', 'publish', 'subscribe'] as const) {
    const command = commands[name].bind(client);
    commands[name] = (...args) => {
      const sent = command(...args);
      sent.catch((error: unknown) => log.debug({ err: error, command: name }, 'a socket.io command to Redis failed'));
      return sent;
    };
  }
  const duplicate = client.duplicate.bind(client);
  client.duplicate = (...args) => hearUnawaitedCommands(duplicate(...args), log);
  return client;
}

/** Any number of processes serving the same sites through Redis at `redisUrl`. */
export function redisCluster(config: Config & { redisUrl: string }, log: Logger): Cluster {
  const prefix = config.redisPrefix ?? 'lp:';
  const adapterClient = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  adapterClient.on('error', (error) => log.warn({ err: error }, 'socket.io Redis connection error'));
  hearUnawaitedCommands(adapterClient, log);
  const bus = redisBus(config.redisUrl, `${prefix}bus:`, log);
  // The adapter's connection blocks on stream reads; counting needs one of its own.
  // While Redis is away counting is done in this process at once; a count caught by a failure waits 1 s at most.
  const limitsClient = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 1_000 });
  limitsClient.on('error', (error) => log.warn({ err: error }, 'rate limit Redis connection error'));
  return {
    bus,
    rateLimitStore: (name) =>
      new RecoveringRateLimitStore(
        {
          prefix: `${prefix}rate-limit:${name}:`,
          sendCommand: (command: string, ...args: string[]) => limitsClient.call(command, ...args) as Promise<number | string>,
        },
        () => limitsClient.status === 'ready',
        log,
      ),
    socketAdapter: goingOnWithoutRedis(createAdapter(adapterClient, { streamName: `${prefix}socket.io`, channelPrefix: `${prefix}socket.io` }), adapterClient),
    async forgetBroadcastsMentioning(texts) {
      const needles = texts.map((text) => Buffer.from(text));
      let from = '-';
      for (;;) {
        const entries = await limitsClient.xrangeBuffer(`${prefix}socket.io`, from, '+', 'COUNT', 500);
        const mentioning = entries.filter(([, fields]) => fields.some((field) => needles.some((needle) => field.includes(needle)))).map(([id]) => id.toString());
        if (mentioning.length) await limitsClient.xdel(`${prefix}socket.io`, ...mentioning);
        if (entries.length < 500) return;
        from = `(${entries.at(-1)![0].toString()}`;
      }
    },
    async close() {
      await bus.close();
      // socket.io has closed by now: QUIT lets the adapter's last commands (a session kept for a
      // socket that just closed) be answered, where a disconnect would reject them, and nobody
      // hears those rejections (the adapter does not wait for them).
      await (adapterClient.status === 'ready' ? adapterClient.quit().catch(() => adapterClient.disconnect()) : adapterClient.disconnect());
      limitsClient.disconnect();
    },
  };
}
