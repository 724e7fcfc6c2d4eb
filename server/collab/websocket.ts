import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode, closeReasons, maxCollabMessageBytes } from '@shared/collab/close-codes';
import { collabPath, parseDocName, type DocName } from '@shared/collab/doc-names';
import { sessionEndedMessages } from '@shared/api/session-end';
import { SessionBoundConnections } from '../auth/session-connections';
import { lapsedMemberships } from '../sites/lapsed-memberships';
import { userFromCookieHeader } from '../auth/sessions';
import { isOwnOrigin } from '../http/security';
import type { Logger } from '../log';
import type { DomainEvents } from '../events/domain-events';
import type { Store } from '../store';
import type { DocRegistry } from './doc-registry';
import type { CollabConnection } from './doc-room';
import type { PresenceIdentity } from './presence';
import { MalformedMessage } from './protocol';

/**
 * Closes a connection that fell too far behind with a code y-websocket reconnects after; a
 * peer that reads nothing never sees the close frame, so the socket is dropped shortly after.
 */
function cutOff(ws: WebSocket): void {
  if (ws.readyState !== ws.OPEN) return;
  ws.close(CloseCode.tooFarBehind, closeReasons[CloseCode.tooFarBehind]);
  setTimeout(() => ws.terminate(), 1000).unref();
}

/**
 * The pings go out in this many slices spread over each period: pinging a thousand sockets in one
 * go holds up every edit waiting behind it, once a period.
 */
const heartbeatSlices = 15;

type Admission = { ok: true; userId: string; siteId: string; docName: string; identity: PresenceIdentity } | { ok: false; code: CloseCode };

/** A further check for some documents (e.g. a meeting board is for that meeting's people). */
export type AdmitDoc = (name: DocName, userId: string) => Promise<CloseCode | null>;

async function admit(store: Store, req: IncomingMessage, docPath: string, admitDoc?: AdmitDoc): Promise<Admission> {
  let docName: string;
  try {
    docName = decodeURIComponent(docPath);
  } catch {
    return { ok: false, code: CloseCode.unknownDocument };
  }
  const parsed = parseDocName(docName);
  if (!parsed) return { ok: false, code: CloseCode.unknownDocument };
  const user = await userFromCookieHeader(store, req.headers.cookie);
  if (!user) return { ok: false, code: CloseCode.notSignedIn };
  const membership = await store.getMembership(parsed.siteId, user.id);
  if (!membership) return { ok: false, code: CloseCode.notMember };
  const refusal = admitDoc ? await admitDoc(parsed, user.id) : null;
  if (refusal) return { ok: false, code: refusal };
  return { ok: true, userId: user.id, siteId: parsed.siteId, docName, identity: { id: user.id, name: user.name, role: membership.role } };
}

/**
 * The y-websocket protocol endpoint at /collab/<documentName>. Only signed-in members of the
 * document's site get in; everyone else is accepted and immediately closed with a code from
 * shared/ so the browser can say why (an HTTP error on upgrade reaches scripts as nothing).
 */
export function attachCollabEndpoint(deps: {
  server: Server;
  store: Store;
  registry: DocRegistry;
  events: DomainEvents;
  publicUrl: string;
  log: Logger;
  admitDoc?: AdmitDoc;
  /** Outgoing bytes a connection may have waiting before it is cut off. */
  maxBufferedBytes: number;
  /** How often each connection is pinged; one that has not answered its previous ping is dropped. */
  heartbeatMs: number;
}) {
  const { registry, log } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxCollabMessageBytes, perMessageDeflate: false });
  const alive = new WeakSet<WebSocket>();
  const heartbeatSlice = new WeakMap<WebSocket, number>();
  let connectionsSeen = 0;
  /** People's connections on this process, to find those whose membership ended unheard. */
  const people = new Set<CollabConnection>();
  // Ending a session closes the boards opened with it, saying why (a final code: no reconnecting).
  const sessionBound = new SessionBoundConnections<WebSocket>(deps.store, deps.events, (ws, reason) => ws.close(CloseCode.notSignedIn, sessionEndedMessages[reason]));

  deps.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0]!;
    if (!path.startsWith(`${collabPath}/`)) return; // socket.io handles its own path
    socket.on('error', () => socket.destroy());
    if (!isOwnOrigin(req.headers.origin, req.headers.host, deps.publicUrl)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    admit(deps.store, req, path.slice(collabPath.length + 1), deps.admitDoc).then(
      (admission) => {
        wss.handleUpgrade(req, socket, head, (ws) => {
          if (!admission.ok) return ws.close(admission.code, closeReasons[admission.code]);
          ws.once('close', () => sessionBound.delete(ws));
          const sessionChecked = sessionBound.add(ws, req.headers.cookie, admission.userId).catch((error) => log.error({ err: error }, 'session check of a board connection failed'));
          void connect(ws, admission, sessionChecked);
        });
      },
      (error) => {
        log.error({ err: error }, 'collaboration upgrade failed');
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      },
    );
  });

  /**
   * `sessionChecked` settles once the session has been read again with the connection already
   * listening for its end. Nothing the board sends is answered before that, so a client that is
   * synced is one whose session ending reaches it as said (signed out, signed out everywhere…),
   * never as found ended by a check still in flight on a busy database.
   */
  async function connect(ws: WebSocket, admission: Extract<Admission, { ok: true }>, sessionChecked: Promise<unknown>) {
    alive.add(ws);
    heartbeatSlice.set(ws, connectionsSeen++ % heartbeatSlices);
    ws.on('pong', () => alive.add(ws));
    ws.on('error', (error) => log.debug({ err: error }, 'collaboration socket error'));
    const connection: CollabConnection = {
      userId: admission.userId,
      siteId: admission.siteId,
      identity: admission.identity,
      send: (frame, reply = false) => {
        if (ws.readyState !== ws.OPEN) return;
        // A client that stops reading would make us hold everything relayed to it. Past the
        // limit it is let go (it reconnects and catches up from the document) instead.
        if (!reply && ws.bufferedAmount + frame.byteLength > deps.maxBufferedBytes) return cutOff(ws);
        ws.send(frame);
      },
      close: (code, reason) => ws.close(code, reason),
    };
    people.add(connection);
    ws.once('close', () => people.delete(connection));
    // Frames that arrive while the document loads wait here, in order.
    let deliver: ((frame: Uint8Array) => void) | null = null;
    const early: Uint8Array[] = [];
    ws.on('message', (data, isBinary) => {
      if (!isBinary) return ws.close(CloseCode.malformedMessage, closeReasons[CloseCode.malformedMessage]);
      const frame = data instanceof Buffer ? data : Buffer.concat(data as Buffer[]);
      if (deliver) deliver(frame);
      else early.push(frame);
    });
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));

    let room;
    try {
      [room] = await Promise.all([registry.join(admission.docName, connection), sessionChecked]);
    } catch (error) {
      log.error({ err: error, doc: admission.docName }, 'could not load document');
      return ws.close(1011, 'The board could not be loaded');
    }
    const joined = room;
    deliver = (frame) => {
      try {
        joined.receive(connection, frame);
      } catch (error) {
        if (!(error instanceof MalformedMessage)) log.error({ err: error }, 'collaboration message failed');
        ws.close(CloseCode.malformedMessage, closeReasons[CloseCode.malformedMessage]);
      }
    };
    for (const frame of early.splice(0)) deliver(frame);
    await closed;
    registry.leave(joined, connection);
  }

  let slice = 0;
  const heartbeat = setInterval(() => {
    const now = slice++ % heartbeatSlices;
    for (const ws of wss.clients) {
      if (heartbeatSlice.get(ws) !== now) continue;
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, deps.heartbeatMs / heartbeatSlices);
  heartbeat.unref();

  const stopListening = deps.events.on('membership-ended', async ({ siteId, userId }) => {
    for (const connection of await registry.connectionsOf(siteId, userId)) {
      connection.close(CloseCode.membershipEnded, closeReasons[CloseCode.membershipEnded]);
    }
  });

  const stopDeactivated = deps.events.on('account-deactivated', async ({ userId }) => {
    for (const connection of await registry.connectionsOf(null, userId)) connection.close(CloseCode.accountClosed, closeReasons[CloseCode.accountClosed]);
  });

  const stopChecking = deps.events.onMissed(async () => {
    const lapsed = await lapsedMemberships(deps.store, people);
    for (const connection of people) if (lapsed(connection.siteId, connection.userId)) connection.close(CloseCode.membershipEnded, closeReasons[CloseCode.membershipEnded]);
  });

  return {
    async close() {
      clearInterval(heartbeat);
      stopListening();
      stopDeactivated();
      stopChecking();
      sessionBound.close();
      for (const ws of wss.clients) ws.close(CloseCode.serverRestarting, closeReasons[CloseCode.serverRestarting]);
      await registry.closeAll();
      wss.close();
    },
  };
}
