import { EventEmitter } from 'node:events';
import { localBus, type ClusterBus } from '../cluster/bus';

export interface MembershipEnded {
  siteId: string;
  userId: string;
}

/**
 * Tells the realtime layers that someone lost access to a site, so their open websocket and
 * socket.io connections close at once rather than at their next reconnect.
 */
export class MembershipEvents {
  private readonly emitter = new EventEmitter();
  private bus: ClusterBus = localBus();

  /** Hears of membership changes made through the other server processes too. */
  async connect(bus: ClusterBus): Promise<void> {
    this.bus = bus;
    await bus.subscribe('membership-ended', (payload) => this.emitter.emit('ended', JSON.parse(payload.toString()) as MembershipEnded));
  }

  ended(event: MembershipEnded): void {
    this.emitter.emit('ended', event);
    this.bus.publish('membership-ended', Buffer.from(JSON.stringify(event)));
  }

  onEnded(listener: (event: MembershipEnded) => void): () => void {
    this.emitter.on('ended', listener);
    return () => this.emitter.off('ended', listener);
  }
}
