import { afterAll, describe, expect, it } from 'vitest';
import { redisBus, type ClusterBus } from '../../server/cluster/bus';
import { createLogger } from '../../server/log';
import { eventually } from '../helpers/collab';
import { clusterSettings, dropRedisConnections } from '../helpers/redis';

/**
 * The messages between processes, on a real Redis. Redis keeps no message for a connection that
 * is away, so what matters is that whoever may have missed one hears that they may have.
 */
const { REDIS_URL: url, REDIS_PREFIX: prefix } = clusterSettings();
const log = createLogger('silent');
const buses: ClusterBus[] = [];
afterAll(() => Promise.all(buses.map((bus) => bus.close())));

function bus(): ClusterBus {
  const made = redisBus(url, prefix, log);
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
    expect(await dropRedisConnections(url, 'lp-publisher')).toBe(2);
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
});
