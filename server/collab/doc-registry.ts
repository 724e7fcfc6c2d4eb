import type * as Y from 'yjs';
import { localBus, type ClusterBus } from '../cluster/bus';
import type { Logger } from '../log';
import type { DocLog } from '../store/store';
import type { DocPolicy } from './doc-policy';
import { DocRoom, type CollabConnection } from './doc-room';

/** The server's own place in a room while it changes a document (one per change): it receives nothing. */
const serverConnection = (): CollabConnection => ({
  userId: 'server',
  siteId: '',
  identity: { id: 'server', name: 'server', role: 'facilitator' },
  send: () => {},
  close: () => {},
});

export type PolicyFor = (docName: string) => Promise<DocPolicy>;

/**
 * How long a document the server changed stays loaded with nobody connected to it here. A
 * meeting's actions (notes, votes, grouping) come in bursts, often to a process that does not
 * hold the board (the proxy keeps a board's connections on one process, the actions on either),
 * and each load reads the whole document and each unload folds its log: 10–15 ms of CPU a change
 * for a board of 300 notes, against 1–1.5 ms while it stays loaded.
 */
const serverChangeLingerMs = 30_000;

/**
 * The documents this process has loaded. A document is loaded once however many people
 * connect at the same moment, and unloaded (after a final compaction) when its last local
 * connection leaves, so memory follows the live meetings rather than every meeting ever held.
 */
export class DocRegistry {
  private readonly rooms = new Map<string, Promise<DocRoom>>();
  /** Rooms nobody here is connected to, kept a while after a change the server made. */
  private readonly lingering = new Map<DocRoom, NodeJS.Timeout>();
  /** People's connections to the documents of this process (for metrics). */
  connectionCount = 0;

  constructor(
    private readonly store: DocLog,
    private readonly log: Logger,
    private readonly policyFor: PolicyFor = async () => ({ readOnly: false }),
    private readonly bus: ClusterBus = localBus(),
    private readonly observePersist: (seconds: number) => void = () => {},
  ) {}

  get loadedCount(): number {
    return this.rooms.size;
  }

  async join(name: string, connection: CollabConnection): Promise<DocRoom> {
    for (;;) {
      let loading = this.rooms.get(name);
      if (!loading) {
        loading = this.policyFor(name).then((policy) => DocRoom.load(name, this.store, this.log, policy, this.bus, this.observePersist));
        this.rooms.set(name, loading);
        loading.catch(() => this.rooms.delete(name));
      }
      const room = await loading;
      this.stopLingering(room);
      if (room.closing) {
        // Joined while the last person was leaving, or after the copy was discarded: wait for
        // it to go, then load afresh from the store.
        await room.closing;
        if (this.rooms.get(name) === loading) this.rooms.delete(name);
        continue;
      }
      room.addConnection(connection);
      if (connection.userId !== 'server') this.connectionCount += 1;
      return room;
    }
  }

  leave(room: DocRoom, connection: CollabConnection): void {
    if (connection.userId !== 'server') this.connectionCount -= 1;
    if (room.removeConnection(connection) > 0) return;
    if (connection.userId === 'server' && !room.closing) return this.linger(room);
    void room.unload().finally(() => this.forget(room));
  }

  private linger(room: DocRoom): void {
    this.stopLingering(room);
    const timer = setTimeout(() => {
      this.lingering.delete(room);
      if (room.connectionCount === 0) void room.unload().finally(() => this.forget(room));
    }, serverChangeLingerMs);
    this.lingering.set(room, timer.unref());
  }

  private stopLingering(room: DocRoom): void {
    clearTimeout(this.lingering.get(room));
    this.lingering.delete(room);
  }

  /** Drops the entry for this room, unless a newer copy of the document has taken its place. */
  private forget(room: DocRoom): void {
    const entry = this.rooms.get(room.name);
    void entry?.then(
      (current) => {
        if (current === room && this.rooms.get(room.name) === entry) this.rooms.delete(room.name);
      },
      () => {},
    );
  }

  /**
   * Makes a loaded document refuse changes and resolves once every change it accepted before
   * is stored. A document not loaded here gets the read-only policy when it next loads.
   */
  async freeze(name: string): Promise<void> {
    const loading = this.rooms.get(name);
    if (!loading) return;
    const room = await loading.catch(() => null);
    if (!room) return;
    room.makeReadOnly();
    await room.settled();
  }

  /**
   * Changes a document as the server (not as any person's client), loading it if need be, and
   * resolves once the change is stored and sent to everyone; rejects if it could not be stored.
   */
  async change(name: string, mutate: (doc: Y.Doc) => void): Promise<void> {
    const connection = serverConnection();
    const room = await this.join(name, connection);
    try {
      await room.applyServerChange(mutate);
    } finally {
      this.leave(room, connection);
    }
  }

  /**
   * Rewrites a document as the server even if it is read-only (a closed meeting's board), then
   * folds its log into a snapshot so what was overwritten is no longer stored anywhere: erasing
   * a person. `mutate` says whether it changed anything; nothing is stored if not.
   */
  async rewrite(name: string, mutate: (doc: Y.Doc) => boolean): Promise<void> {
    const connection = serverConnection();
    const room = await this.join(name, connection);
    try {
      let changed = false;
      await room.applyServerChange((doc) => void (changed = mutate(doc)), { evenIfReadOnly: true });
      if (changed) await room.compactNow();
    } finally {
      this.leave(room, connection);
    }
  }

  /** The person's connections on this process: on one site, or (with no site) on any. */
  async connectionsOf(siteId: string | null, userId: string): Promise<CollabConnection[]> {
    const rooms = await Promise.all(this.rooms.values());
    return rooms.flatMap((room) => room.connectionsOf(userId).filter((c) => siteId === null || c.siteId === siteId));
  }

  /** Persists and unloads everything; used on graceful shutdown. */
  async closeAll(): Promise<void> {
    for (const timer of this.lingering.values()) clearTimeout(timer);
    this.lingering.clear();
    const rooms = await Promise.allSettled(this.rooms.values());
    await Promise.all(rooms.map((r) => (r.status === 'fulfilled' ? r.value.unload() : undefined)));
    this.rooms.clear();
  }
}
