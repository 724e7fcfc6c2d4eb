import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { listenForSavedNotices } from '@shared/collab/saved-notice';

/** The `ws` class with a Cookie header, as a browser would send on the upgrade request. */
export function websocketWithCookie(cookie: string) {
  return class CookieWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { Cookie: cookie } });
    }
  };
}

export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: { code: number; reason: string }[];
  /** How far the server has said it stores this client's own edits (its saved notices). */
  savedUpTo(): number;
  destroy(): void;
}

/**
 * In Node each y-websocket provider listens for the process's exit (to take its presence away)
 * until it is destroyed; a test holds more than ten at once, which is not a leak.
 */
process.setMaxListeners(Math.max(process.getMaxListeners(), 100));

/** A stock y-websocket client. disableBc keeps clients in one process from syncing around the server. */
export function collabClient(wsUrl: string, docName: string, cookie: string, options: { connect?: boolean; doc?: Y.Doc } = {}): CollabClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`${wsUrl}/collab`, docName, doc, {
    WebSocketPolyfill: websocketWithCookie(cookie) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: 500,
  });
  const closes: { code: number; reason: string }[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  let saved = 0;
  listenForSavedNotices(provider, doc, (clock) => (saved = clock));
  return {
    doc,
    provider,
    closes,
    savedUpTo: () => saved,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function whenSynced(client: CollabClient, timeoutMs = 10_000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('collab client did not sync')), timeoutMs);
    client.provider.once('sync', (synced: boolean) => {
      if (synced) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

/**
 * Polls until `check` passes (an async check is awaited: a rejection is a failed try, never an
 * unhandled one); the assertion error of the last try is what a failure reports.
 */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/**
 * Writes a note straight into a board document from this client, as a hostile or outdated
 * client could: the server only ever writes notes itself, so it must refuse this.
 */
export function forgeNote(doc: Y.Doc, id: string, fields: Record<string, unknown>, text: string): void {
  doc.transact(() => {
    const note = new Y.Map<unknown>();
    doc.getMap('notes').set(id, note);
    for (const [field, value] of Object.entries({ createdAt: Date.now(), theme: '', ...fields })) note.set(field, value);
    const body = new Y.Text();
    note.set('text', body);
    body.insert(0, text);
  });
}
