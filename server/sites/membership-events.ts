import { EventEmitter } from 'node:events';

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

  ended(event: MembershipEnded): void {
    this.emitter.emit('ended', event);
  }

  onEnded(listener: (event: MembershipEnded) => void): () => void {
    this.emitter.on('ended', listener);
    return () => this.emitter.off('ended', listener);
  }
}
