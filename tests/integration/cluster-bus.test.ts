import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterBus } from '../../server/cluster/bus';
import { redisBus } from '../../server/cluster/redis-bus';
import { createLogger } from '../../server/log';
import { eventually } from '../helpers/collab';
import { dropRedisConnections } from '../helpers/redis';
import { startRedisProcess, type RedisProcess } from '../helpers/redis-process';

/**
 * The messages between processes, on a real Redis. Redis keeps no message for a connection that
 * is away, so what matters is that whoever may have missed one hears that they may have. A
 * redis-server of this file's own: its connections are dropped and its clients paused, which
 * must not reach other files' processes on the suite's shared Redis.
 */
const prefix = 'cluster-bus:';
const log = createLogger('silent');
const buses: ClusterBus[] = [];
let redis: RedisProcess;
beforeAll(async () => {
  redis = await startRedisProcess();
});
afterAll(async () => {
  await Promise.all(buses.map((bus) => bus.close()));
  await redis?.stop();
});

function bus(on = redis.url): ClusterBus {
  const made = redisBus(on, prefix, log);
  buses.push(made);
  return made;
}

describe('the cluster bus on Redis', () => {
  it('tells the other processes they may have missed a message that one could not send while its own connection was away', async () => {
    const sender = bus();
    const receiver = bus();
    const received: string[] = [];
    let missed = 0;
    await receiver.subscribe('doc:board', (payload) => received.push(payload.toString()));
    receiver.onReconnect(() => (missed += 1));
    await eventually(() => expect([sender.status(), receiver.status()]).toEqual(['connected', 'connected']));

    sender.publish('doc:board', Buffer.from('before'));
    await eventually(() => expect(received).toEqual(['before']));

    // Only the publishers' connections drop: the receiver's listener stays connected throughout,
    // so it has no reconnection of its own to tell it anything was missed.
    expect(await dropRedisConnections(redis.url, 'lp-publisher')).toBe(2);
    await eventually(() => expect(sender.status()).toBe('away'));
    sender.publish('doc:board', Buffer.from('while away'));
    await eventually(() => expect(sender.status()).toBe('connected'));
    await eventually(() => expect(missed).toBe(1));
    expect(received).toEqual(['before']);

    // Nothing owed any more: later messages arrive, and nobody is told again.
    sender.publish('doc:board', Buffer.from('after'));
    await eventually(() => expect(received).toEqual(['before', 'after']));
    expect(missed).toBe(1);
  });

  it('after a stall in which every message failed, says so and reads again a bounded number of times, not once a message', async () => {
    // A Redis of this test's own too: the first test's buses must not share its pause.
    const stalled = await startRedisProcess();
    const admin = new Redis(stalled.url);
    // Every "may have missed" said, as Redis carries it.
    const listener = new Redis(stalled.url);
    let said = 0;
    await listener.subscribe(`${prefix}cluster:missed`);
    listener.on('message', () => (said += 1));
    try {
      const sender = bus(stalled.url);
      const receiver = bus(stalled.url);
      let missed = 0;
      receiver.onReconnect(() => (missed += 1));
      await eventually(() => expect([sender.status(), receiver.status()]).toEqual(['connected', 'connected']));
      // Redis answers nothing for 3 s while every connection stays up: each publish times out (2 s).
      await admin.client('PAUSE', 3_000, 'ALL');
      for (let i = 0; i < 100; i++) sender.publish('doc:board', Buffer.from(`stalled ${i}`));
      await eventually(() => expect(missed).toBeGreaterThan(0), 15_000);
      // Barrier: a message sent now arrives after every "may have missed" sent before it.
      const received: string[] = [];
      await receiver.subscribe('doc:after', (payload) => received.push(payload.toString()));
      sender.publish('doc:after', Buffer.from('after the stall'));
      await eventually(() => expect(received).toEqual(['after the stall']), 15_000);
      // A hundred failed messages: said at most once a second (the stall is 3 s), and read
      // again at most once a second too (one more may still be due at the end of the second).
      expect(said).toBeGreaterThan(0);
      expect(said).toBeLessThanOrEqual(3);
      expect(missed).toBeLessThanOrEqual(2);
    } finally {
      listener.disconnect();
      admin.disconnect();
      await stalled.stop();
    }
  }, 30_000);
});
