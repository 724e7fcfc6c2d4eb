import * as Y from 'yjs';
import { stampPresence, type PresenceIdentity } from './presence';
import { CloseCode, closeReasons, maxCollabMessageBytes } from '@shared/collab/close-codes';
import { GuardedDoc } from '@shared/collab/guarded-doc';
import { scanUpdate } from '@shared/collab/update-scan';
import { encodeSavedNotice } from '@shared/collab/saved-notice';
import type { ClusterBus } from '../cluster/bus';
import type { Logger } from '../log';
import type { DocLog } from '../store/store';
import type { DocPolicy } from './doc-policy';
import { applyStoredDoc } from './stored-doc';
import {
  awarenessProtocol,
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2Frames,
  encodeUpdate,
} from './protocol';

/** What a room needs of a client connection; the websocket layer provides it. */
export interface CollabConnection {
  readonly userId: string;
  readonly siteId: string;
  /** The identity its presence shows, from the server's session, whatever the client says. */
  readonly identity: PresenceIdentity;
  /**
   * Sends a frame. A reply (what the client asked for, such as the document when it joins) is
   * always sent; anything else may instead cut off a connection that has fallen too far behind.
   */
  send(frame: Uint8Array, reply?: boolean): void;
  close(code: number, reason: string): void;
}

/** Fold the update log into a snapshot after this many appended updates. */
const compactEvery = 500;

/** What another process sent about a document: first byte the kind, then its bytes. */
const enum BusKind {
  update = 1,
  awareness = 2,
  frozen = 3,
}
const busChannel = (name: string) => `doc:${name}`;

/** Origin of changes that came from another process or from the store: relayed, never stored again. */
const fromElsewhere = Symbol('from elsewhere');
/** Origin of changes the server makes itself. */
const serverOrigin = Symbol('server');

/**
 * One loaded Yjs document and the connections editing it. Each incoming change is applied,
 * written to the store, and only then relayed: nobody sees an edit that is not yet durable.
 * Sync work runs through one queue per room so that order is kept while the store is awaited;
 * changes from other processes, stored already, do not wait in it.
 */
export class DocRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly connections = new Map<CollabConnection, Set<number>>();
  /** Every change from a connection is tried on a copy first (see GuardedDoc). */
  private readonly guard: GuardedDoc;
  /** Whose each presence id is, for the room's life: an id that has been someone's is never anyone else's. */
  private readonly presenceOwners = new Map<number, string>();
  private queue: Promise<void> = Promise.resolve();
  private appendedSinceCompaction = 0;
  private unpersisted: Uint8Array[] = [];
  /**
   * Set when a change could not be stored. Yjs cannot take a change back, so the copy in memory
   * may hold what the store refused: from then on it serves nobody, and the next person to
   * connect gets a fresh copy read from the store.
   */
  private discarded = false;
  closing: Promise<void> | null = null;

  private constructor(
    readonly name: string,
    private readonly store: DocLog,
    private readonly log: Logger,
    private readonly bus: ClusterBus,
    private policy: DocPolicy,
    private readonly observePersist: (seconds: number) => void,
  ) {
    this.awareness.setLocalState(null);
    this.guard = new GuardedDoc(this.doc, policy.collections ?? null);
    // Yjs re-encodes what actually changed: we persist and relay that, never the raw bytes a
    // client sent, so a stored update is always well formed.
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === fromElsewhere) this.relay(encodeUpdate(update), null);
      else this.unpersisted.push(update);
    });
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /**
   * Loads a document: listens to other processes first, then reads the store, so an update
   * stored anywhere is either in what was read or arrives as a message (Yjs ignores repeats).
   */
  static async load(name: string, store: DocLog, log: Logger, policy: DocPolicy, bus: ClusterBus, observePersist: (seconds: number) => void = () => {}): Promise<DocRoom> {
    const room = new DocRoom(name, store, log, bus, policy, observePersist);
    const early: Buffer[] = [];
    let ready = false;
    room.unsubscribe = await bus.subscribe(busChannel(name), (payload) => (ready ? room.fromBus(payload) : early.push(payload)));
    room.stopReconnect = bus.onReconnect(() => void room.enqueue(async () => void (await room.catchUp())));
    let stored: Awaited<ReturnType<DocLog['loadDoc']>>;
    try {
      stored = await store.loadDoc(name);
    } catch (error) {
      // Not loaded, so not listening either: the next join subscribes afresh.
      room.stopReconnect();
      await room.unsubscribe();
      throw error;
    }
    applyStoredDoc(room.doc, stored, fromElsewhere);
    room.appendedSinceCompaction = stored.updates.length;
    const seed = !stored.snapshot && !stored.updates.length && policy.seed ? await policy.seed() : null;
    if (seed) {
      await store.appendDocUpdate(name, seed);
      room.appendedSinceCompaction += 1;
      Y.applyUpdate(room.doc, seed, fromElsewhere);
    }
    ready = true;
    for (const payload of early) room.fromBus(payload);
    return room;
  }

  private unsubscribe: () => Promise<void> = async () => {};
  private stopReconnect: () => void = () => {};

  private fromBus(payload: Buffer): void {
    const kind = payload[0] as BusKind;
    const bytes = new Uint8Array(payload.subarray(1));
    // Already stored by the process that took it, so applied and relayed at once rather than
    // behind this room's own store writes (Yjs takes updates in any order).
    if (kind === BusKind.update) {
      if (!this.discarded && !this.closing) Y.applyUpdate(this.doc, bytes, fromElsewhere);
    }
    else if (kind === BusKind.awareness) awarenessProtocol.applyAwarenessUpdate(this.awareness, bytes, fromElsewhere);
    else if (kind === BusKind.frozen) this.policy = { ...this.policy, readOnly: true };
  }

  private publish(kind: BusKind, bytes: Uint8Array): void {
    if (this.bus.clustered) this.bus.publish(busChannel(this.name), Buffer.concat([Buffer.of(kind), bytes]));
  }

  /** Everything the store holds that this copy may lack (messages from other processes missed while Redis was away). */
  private async catchUp(): Promise<string> {
    const stored = await this.store.loadDoc(this.name);
    applyStoredDoc(this.doc, stored, fromElsewhere);
    return stored.head;
  }

  private relay(frame: Uint8Array, except: CollabConnection | null): void {
    for (const connection of this.connections.keys()) {
      if (connection !== except) connection.send(frame);
    }
  }

  /** From now on, refuse every change (the meeting has closed), here and in every other process. */
  makeReadOnly(): void {
    this.policy = { ...this.policy, readOnly: true };
    this.publish(BusKind.frozen, new Uint8Array());
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  connectionsOf(userId: string): CollabConnection[] {
    return [...this.connections.keys()].filter((c) => c.userId === userId);
  }

  addConnection(connection: CollabConnection): void {
    this.connections.set(connection, new Set());
    this.enqueue(async () => {
      if (this.discarded) return;
      connection.send(encodeSyncStep1(this.doc), true);
      if (this.awareness.getStates().size) connection.send(this.awarenessFrame([...this.awareness.getStates().keys()]), true);
    });
  }

  /** Removes the connection and the presence it brought; resolves with how many remain. */
  removeConnection(connection: CollabConnection): number {
    const clientIds = this.connections.get(connection);
    this.connections.delete(connection);
    if (clientIds?.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...clientIds], null);
    return this.connections.size;
  }

  /** Throws MalformedMessage (synchronously) for a frame that cannot be decoded. */
  receive(connection: CollabConnection, frame: Uint8Array): void {
    const message = decodeClientMessage(frame);
    switch (message.type) {
      case 'sync-step-1':
        this.enqueue(async () => {
          if (this.discarded) return;
          for (const out of encodeSyncStep2Frames(this.doc, message.stateVector, maxCollabMessageBytes)) connection.send(out, true);
        });
        break;
      case 'sync-update':
        this.enqueue(() => this.applyAndPersist(connection, message.update, message.reply));
        break;
      case 'awareness': {
        const goneAt = (clientId: number) => (this.awareness.getStates().has(clientId) ? undefined : this.awareness.meta.get(clientId)?.clock);
        const stamped = stampPresence(message.update, connection.identity, (clientId) => this.presenceOwner(clientId), goneAt);
        if (!stamped) break;
        for (const clientId of stamped.clientIds) this.presenceOwners.set(clientId, connection.userId);
        awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped.update, connection);
        // The presences this connection sent are its own, to take away when it leaves: read from
        // what the room shows after applying them, not from its update event, because a presence
        // already shown at the same clock (heard from the process the person was on before
        // reconnecting here) changes nothing and raises no event, yet must not linger 30 s.
        const owned = this.connections.get(connection);
        for (const clientId of stamped.clientIds) {
          if (this.awareness.getStates().has(clientId)) owned?.add(clientId);
          else owned?.delete(clientId);
        }
        break;
      }
      case 'query-awareness':
        connection.send(this.awarenessFrame([...this.awareness.getStates().keys()]), true);
        break;
      case 'auth':
        break;
    }
  }

  /** Waits for every queued change to be durable, folds the log, and frees the document. */
  unload(): Promise<void> {
    this.closing ??= this.enqueue(async () => {
      if (this.appendedSinceCompaction > 0 && !this.discarded) await this.compact();
      this.stopReconnect();
      await this.unsubscribe();
      this.awareness.destroy();
      this.guard.destroy();
      this.doc.destroy();
    });
    return this.closing;
  }

  /** Resolves when everything queued so far has been done. */
  settled(): Promise<void> {
    return this.enqueue(async () => {});
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task).catch((error) => {
      this.log.error({ err: error, doc: this.name }, 'collaboration task failed');
    });
    this.queue = run;
    return run;
  }

  private async applyAndPersist(origin: CollabConnection, update: Uint8Array, reply: boolean): Promise<void> {
    if (this.discarded) return;
    let paused = false;
    try {
      paused = !this.policy.readOnly && !this.policy.serverWritten && (await this.policy.pause?.pausedAsHeard()) === true;
    } catch (error) {
      // The store could not say (PostgreSQL away): the change is not taken, and its author must know
      // to send it again, as when it cannot be stored.
      return this.discard('could not read whether the meeting is paused', error);
    }
    if (this.policy.readOnly || this.policy.serverWritten || paused) {
      // A connection sends back its copy when it (re)joins: that is let be, unapplied. A change
      // it makes, or anything new, is refused without ever reaching the document.
      if (reply && isAlreadyKnown(this.doc, update)) return;
      const code = this.policy.readOnly ? CloseCode.readOnly : this.policy.serverWritten ? CloseCode.serverWritten : CloseCode.paused;
      return origin.close(code, closeReasons[code]);
    }
    const admission = this.guard.admit(update, { id: origin.userId, name: origin.identity.name }, origin);
    // Not taken, but no reason to close: asked for what the room lacks, the sender sends it with this change.
    if (!admission.ok && admission.behind) return origin.send(encodeSyncStep1(this.doc), true);
    if (!admission.ok) {
      this.log.info({ doc: this.name, reason: admission.reason, final: admission.final }, 'refused a document change');
      // Close reasons are limited to 123 bytes; the full reason went to the log.
      const code = admission.unreadable ? CloseCode.malformedMessage : admission.final ? CloseCode.changeAbusive : CloseCode.changeRefused;
      return origin.close(code, closeReasons[code]);
    }
    // Answered even when it added nothing (a reconnecting client resending what is stored), so
    // the author's "saved" indicator always settles.
    if ((await this.persistAndRelay(origin)) !== false) origin.send(encodeSavedNotice(this.doc), true);
  }

  /**
   * A change made by the server itself (a note written from a meeting action): applied, stored
   * and relayed to everyone like anyone's, through the same queue. Rejects when the document
   * takes no changes or the change could not be stored, so the action can be tried again.
   */
  applyServerChange(mutate: (doc: Y.Doc) => void, options: { evenIfReadOnly?: boolean } = {}): Promise<void> {
    return new Promise((resolve, reject) => {
      void this.enqueue(async () => {
        if (this.discarded || (this.policy.readOnly && !options.evenIfReadOnly)) return reject(new Error(`${this.name} takes no changes now`));
        this.doc.transact(() => mutate(this.doc), serverOrigin);
        if ((await this.persistAndRelay(null)) === false) return reject(new Error(`a change to ${this.name} could not be stored`));
        resolve();
      });
    });
  }

  /**
   * Stores what the last change added and only then relays it; true once stored, null when the
   * change added nothing, false when it could not be stored.
   */
  private async persistAndRelay(origin: CollabConnection | null): Promise<boolean | null> {
    const changes = this.unpersisted;
    if (!changes.length) return null;
    this.unpersisted = [];
    const merged = changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
    const started = performance.now();
    // A connection's change is stored only if its meeting is not paused, read as it is stored.
    const pause = origin ? this.policy.pause : undefined;
    try {
      const head = await this.store.appendDocUpdateUnlessPaused(this.name, merged, pause?.meetingId ?? null);
      this.observePersist((performance.now() - started) / 1000);
      if (head === null) {
        // Paused in a way this process had not heard of: the copy in memory holds the refused
        // change, so everyone reconnects to what is stored, and the author is then told of the pause.
        pause?.heardPaused();
        this.discard('refused a document change: its meeting had been paused', null);
        return false;
      }
    } catch (error) {
      this.discard('could not persist document update', error);
      return false;
    }
    this.appendedSinceCompaction += 1;
    this.relay(encodeUpdate(merged), origin);
    this.publish(BusKind.update, merged);
    // Folding only tidies: the change is stored either way, and its author must be told so.
    if (this.appendedSinceCompaction >= compactEvery) await this.compact().catch((error) => this.log.warn({ err: error, doc: this.name }, 'could not fold the document log'));
    return true;
  }

  /**
   * A change applied in memory was not stored (the store failed, or refused it for a pause made
   * elsewhere): not durable, so never relayed or served.
   * Everyone reconnects to a copy read from the store, and each client sends again what the
   * store does not have yet.
   */
  private discard(what: string, error: unknown | null): void {
    if (error) this.log.error({ err: error, doc: this.name }, what);
    else this.log.info({ doc: this.name }, what);
    this.discarded = true;
    void this.unload();
    for (const connection of this.connections.keys()) connection.close(CloseCode.notSaved, closeReasons[CloseCode.notSaved]);
  }

  /** Folds the stored log into a snapshot now, after any change in hand (erasure: old values must go). */
  compactNow(): Promise<void> {
    return new Promise((resolve, reject) => void this.enqueue(() => this.compact().then(resolve, reject)));
  }

  /**
   * Folds the stored log into a snapshot. First it takes in everything stored up to now, so the
   * snapshot holds every update up to the head it names: other processes may append to the same
   * log (with Redis, or by mistake without it on one PostgreSQL, where this copy would not even
   * hear of their updates), and an update this copy lacks must never be folded away.
   */
  private async compact(): Promise<void> {
    const head = await this.catchUp();
    await this.store.compactDoc(this.name, Y.encodeStateAsUpdate(this.doc), head);
    this.appendedSinceCompaction = 0;
  }

  private presenceOwner(clientId: number): string | undefined {
    return this.presenceOwners.get(clientId) ?? ((this.awareness.getStates().get(clientId)?.user as { id?: string } | undefined)?.id);
  }

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const changed = [...added, ...updated, ...removed];
    const frame = this.awarenessFrame(changed);
    for (const connection of this.connections.keys()) connection.send(frame);
    if (origin !== fromElsewhere) this.publish(BusKind.awareness, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
  };

  private awarenessFrame(clientIds: number[]): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds));
  }
}

/** Limits for reading, never applying, what a connection sends to a document it may not change. */
const readOnlyScan = { maxStructs: 200_000, maxNewStructs: 0, maxDeleteRanges: 200_000, maxContentBytes: 1024 * 1024 };

/** True when every struct in the update is already in the document. Deletions are not looked at. */
function isAlreadyKnown(doc: Y.Doc, update: Uint8Array): boolean {
  const scanned = scanUpdate(update, (client) => Y.getState(doc.store, client), readOnlyScan);
  return scanned.ok && scanned.scan.onlyKnown;
}
