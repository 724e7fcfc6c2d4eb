import * as Y from 'yjs';
import { CloseCode, closeReasons, maxCollabMessageBytes } from '@shared/collab/close-codes';
import type { Logger } from '../log';
import type { Store } from '../store';
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
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** What a document allows: a shape check for incoming changes, or no changes at all. */
export interface DocPolicy {
  /** A reason to refuse the update, or null to accept it. */
  check?: (doc: Y.Doc, update: Uint8Array, senderId: string) => string | null;
  readOnly: boolean;
}

/** Fold the update log into a snapshot after this many appended updates. */
const compactEvery = 500;

/**
 * One loaded Yjs document and the connections editing it. Each incoming change is applied,
 * written to the store, and only then relayed: nobody sees an edit that is not yet durable.
 * Sync work runs through one queue per room so that order is kept while the store is awaited.
 */
export class DocRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly connections = new Map<CollabConnection, Set<number>>();
  private queue: Promise<void> = Promise.resolve();
  private head: string;
  private appendedSinceCompaction: number;
  private unpersisted: Uint8Array[] = [];
  closing: Promise<void> | null = null;

  private constructor(
    readonly name: string,
    private readonly store: Store,
    private readonly log: Logger,
    stored: Awaited<ReturnType<Store['loadDoc']>>,
    private policy: DocPolicy,
  ) {
    this.head = stored.head;
    this.appendedSinceCompaction = stored.updates.length;
    this.awareness.setLocalState(null);
    applyStoredDoc(this.doc, stored);
    // Yjs re-encodes what actually changed: we persist and relay that, never the raw bytes a
    // client sent, so a stored update is always well formed.
    this.doc.on('update', (update: Uint8Array) => this.unpersisted.push(update));
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  static async load(name: string, store: Store, log: Logger, policy: DocPolicy): Promise<DocRoom> {
    return new DocRoom(name, store, log, await store.loadDoc(name), policy);
  }

  /** From now on, refuse every change (the meeting has closed). */
  makeReadOnly(): void {
    this.policy = { ...this.policy, readOnly: true };
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
      connection.send(encodeSyncStep1(this.doc));
      if (this.awareness.getStates().size) connection.send(this.awarenessFrame([...this.awareness.getStates().keys()]));
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
          for (const out of encodeSyncStep2Frames(this.doc, message.stateVector, maxCollabMessageBytes)) connection.send(out);
        });
        break;
      case 'sync-update':
        this.enqueue(() => this.applyAndPersist(connection, message.update));
        break;
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, connection);
        break;
      case 'query-awareness':
        connection.send(this.awarenessFrame([...this.awareness.getStates().keys()]));
        break;
      case 'auth':
        break;
    }
  }

  /** Waits for every queued change to be durable, folds the log, and frees the document. */
  unload(): Promise<void> {
    this.closing ??= this.enqueue(async () => {
      if (this.appendedSinceCompaction > 0) await this.compact();
      this.awareness.destroy();
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

  private async applyAndPersist(origin: CollabConnection, update: Uint8Array): Promise<void> {
    if (this.policy.readOnly) {
      // A reconnecting viewer resends what we already hold; only new content is refused.
      if (isAlreadyKnown(this.doc, update)) return;
      return origin.close(CloseCode.readOnly, closeReasons[CloseCode.readOnly]);
    }
    const refusal = this.policy.check?.(this.doc, update, origin.userId);
    if (refusal) {
      this.log.info({ doc: this.name, reason: refusal }, 'refused a document change');
      // Close reasons are limited to 123 bytes; the full reason went to the log.
      return origin.close(CloseCode.changeRefused, closeReasons[CloseCode.changeRefused]);
    }
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch {
      // Whatever Yjs integrated before failing was still emitted and is persisted below.
      origin.close(4400, 'The server could not read a change and closed the connection');
    }
    const changes = this.unpersisted;
    if (!changes.length) return;
    this.unpersisted = [];
    const merged = changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
    try {
      this.head = await this.store.appendDocUpdate(this.name, merged);
    } catch (error) {
      // Not durable, so not relayed; closing everyone makes clients resync from what is stored.
      this.log.error({ err: error, doc: this.name }, 'could not persist document update');
      for (const connection of this.connections.keys()) connection.close(1011, 'The server could not save a change');
      throw error;
    }
    this.appendedSinceCompaction += 1;
    const frame = encodeUpdate(merged);
    for (const connection of this.connections.keys()) {
      if (connection !== origin) connection.send(frame);
    }
    if (this.appendedSinceCompaction >= compactEvery) await this.compact();
  }

  private async compact(): Promise<void> {
    await this.store.compactDoc(this.name, Y.encodeStateAsUpdate(this.doc), this.head);
    this.appendedSinceCompaction = 0;
  }

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const owned = this.connections.get(origin as CollabConnection);
    if (owned) {
      for (const id of added) owned.add(id);
      for (const id of removed) owned.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    const frame = this.awarenessFrame(changed);
    for (const connection of this.connections.keys()) connection.send(frame);
  };

  private awarenessFrame(clientIds: number[]): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds));
  }
}

/** True when every struct in the update is already in the document. Deletions are not looked at. */
function isAlreadyKnown(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs } = Y.decodeUpdate(update);
  return structs.every((s) => Y.getState(doc.store, s.id.client) >= s.id.clock + s.length);
}
