/**
 * Messages between the server processes that serve the same sites: document updates and
 * presence, meeting state, membership changes. A process never receives its own messages.
 * With one process (embedded storage) nothing needs sending, and the local bus does nothing.
 */
export interface ClusterBus {
  readonly clustered: boolean;
  publish(channel: string, payload: Buffer): void;
  /** Resolves once subscribed, so nothing published afterwards is missed. */
  subscribe(channel: string, listener: (payload: Buffer) => void): Promise<() => Promise<void>>;
  /**
   * Called when messages may have been missed: after this process's connection to Redis came
   * back, and after another process could not send one (its own connection was away).
   */
  onReconnect(listener: () => void): () => void;
  /** Whether messages reach the other processes just now ('alone' with one process). */
  status(): 'connected' | 'away' | 'alone';
  close(): Promise<void>;
}

export const localBus = (): ClusterBus => ({
  clustered: false,
  publish: () => {},
  subscribe: async () => async () => {},
  onReconnect: () => () => {},
  status: () => 'alone',
  close: async () => {},
});
