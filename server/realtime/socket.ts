import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer, type ServerOptions } from 'socket.io';
import {
  SiteJoinMessage,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SitePresence,
} from '@shared/realtime';
import { sessionEndedMessages } from '@shared/api/session-end';
import type { SiteRole } from '@shared/roles';
import { SessionBoundConnections } from '../auth/session-connections';
import { lapsedMemberships } from '../sites/lapsed-memberships';
import { userFromCookieHeader } from '../auth/sessions';
import { describeFailure, HttpError } from '../http/errors';
import { isOwnOrigin } from '../http/security';
import type { Logger } from '../log';
import type { DomainEvents } from '../events/domain-events';
import type { Store } from '../store';

export interface SocketData {
  userId: string;
  name: string;
  /** Rooms joined per site, so that leaving a site leaves all of them. */
  roomsBySite: Record<string, string[]>;
  /** Meeting id → the person's role on its site when they joined, for the views sent to them. */
  meetingRoles: Record<string, SiteRole>;
}

/** Joins a room that belongs to a site, remembering it for when membership ends. */
export async function joinSiteRoom(socket: { data: SocketData; join: (room: string) => unknown }, siteId: string, room: string) {
  const rooms = (socket.data.roomsBySite[siteId] ??= []);
  if (!rooms.includes(room)) rooms.push(room);
  await socket.join(room);
}

/**
 * Connection-state recovery replays the events a socket missed while it was away, straight
 * from the adapter and before any middleware runs. If the person was removed from one of the
 * socket's sites meanwhile, recover nothing: the client connects afresh and rejoins through
 * the membership checks.
 */
function refuseRecoveryAfterRemoval(io: RealtimeServer, isMember: (siteId: string, userId: string) => Promise<boolean>) {
  const adapter = io.of('/').adapter;
  const restore = adapter.restoreSession.bind(adapter);
  // Adapters answer null when there is nothing to restore, whatever the declared type says.
  adapter.restoreSession = (async (pid: string, offset: string) => {
    const session = await restore(pid, offset);
    const data = session?.data as Partial<SocketData> | undefined;
    if (!session || !data?.userId) return session;
    for (const siteId of Object.keys(data.roomsBySite ?? {})) if (!(await isMember(siteId, data.userId))) return null;
    return session;
  }) as typeof adapter.restoreSession;
}

export type RealtimeServer = SocketServer<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

type RealtimeSocket = Parameters<Parameters<RealtimeServer['on']>[1]>[0];

export const siteRoom = (siteId: string) => `site:${siteId}`;

/**
 * Wraps a handler so that bad input or a thrown error becomes a clear negative acknowledgement.
 * An HttpError below 500 carries a message meant for the person, and the store being away is said
 * as the HTTP API says it (nothing changed, try again); anything else is logged.
 */
export function acked<T>(log: Logger, handler: (payload: unknown) => Promise<T>) {
  // Typed loosely on purpose: a misbehaving client may send anything, or no callback at all.
  return async (payload: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: Ack<T>) => void) : () => {};
    try {
      reply({ ok: true, data: await handler(payload) });
    } catch (error) {
      // Classified as the HTTP API does: a refusal says why, the store away says nothing changed.
      const failure = describeFailure(error);
      const told = (failure.kind === 'refused' && failure.status < 500) || failure.kind === 'unavailable';
      if (failure.kind === 'unavailable') log.warn({ err: error }, 'socket handler: store unavailable');
      else if (!told) log.error({ err: error }, 'socket handler failed');
      reply({ ok: false, error: told ? failure.message : 'Something went wrong on our side' });
      return;
    }
  };
}

/**
 * socket.io carries the authoritative facilitation events. Every socket belongs to a signed-in
 * user; joining a site's room needs membership, checked on the server for each join.
 */
export function attachRealtime(deps: {
  server: HttpServer;
  store: Store;
  events: DomainEvents;
  publicUrl: string;
  log: Logger;
  /** With several processes: the adapter that shares rooms and events through Redis. */
  adapter?: ServerOptions['adapter'];
}) {
  const { store, log } = deps;
  const io: RealtimeServer = new SocketServer(deps.server, {
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
    serveClient: false,
    // Our collaboration endpoint shares the HTTP server's upgrade event and answers after an
    // async sign-in check: engine.io must not tear those sockets down meanwhile.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, callback) => callback(null, isOwnOrigin(req.headers.origin, req.headers.host, deps.publicUrl)),
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });

  // A socket opened with a session that has ended says why and closes (it does not reconnect).
  const sessionBound = new SessionBoundConnections<RealtimeSocket>(store, deps.events, (socket, reason) => {
    // Sent locally: a socket's own emit goes round Redis first (for recovery) and would arrive after the close.
    io.local.to(socket.id).emit('session:ended', { message: sessionEndedMessages[reason] });
    socket.disconnect(true);
  });

  refuseRecoveryAfterRemoval(io, async (siteId, userId) => (await store.getMembership(siteId, userId)) !== null);

  io.use(async (socket, next) => {
    try {
      const user = await userFromCookieHeader(store, socket.request.headers.cookie);
      if (!user) return next(new Error('You are not signed in'));
      // A recovered socket is back in its rooms, each of a site its person still belongs to (see
      // refuseRecoveryAfterRemoval). They are kept for that person only, not for someone else
      // who has signed in on this browser since.
      const keepRooms = socket.recovered && socket.data.userId === user.id;
      if (socket.recovered && !keepRooms) for (const room of [...socket.rooms]) if (room !== socket.id) await socket.leave(room);
      socket.data.roomsBySite = keepRooms ? socket.data.roomsBySite : {};
      socket.data.meetingRoles = keepRooms ? (socket.data.meetingRoles ?? {}) : {};
      socket.data.userId = user.id;
      socket.data.name = user.name;
      next();
    } catch (error) {
      log.error({ err: error }, 'socket sign-in check failed');
      // A refusal (connect_error) is final to socket.io's client: it never tries again, and a tab
      // whose connection dropped while the store was away would stay offline. Closing the
      // connection instead has it reconnect with its backoff, as after a restart.
      socket.conn.close();
      next(new Error('Something went wrong on our side'));
    }
  });

  async function presence(siteId: string): Promise<SitePresence> {
    const sockets = await io.in(siteRoom(siteId)).fetchSockets();
    const online = new Map<string, string>();
    for (const s of sockets) online.set(s.data.userId, s.data.name);
    return { siteId, online: [...online].map(([userId, name]) => ({ userId, name })) };
  }

  io.on('connection', (socket) => {
    const sessionChecked = sessionBound.add(socket, socket.request.headers.cookie, socket.data.userId).catch((error) => log.error({ err: error }, 'session check of a socket failed'));
    // As on the board: nothing the socket sends is acted on before its session has been read
    // again with the socket listening for its end, so a session ended while it was admitted
    // takes no action, and its end reaches the tab with its reason.
    socket.use((_packet, next) => void sessionChecked.then(() => socket.connected && next()));
    socket.on('disconnect', () => sessionBound.delete(socket));
    socket.on(
      'site:join',
      acked(log, async (payload) => {
        const parsed = SiteJoinMessage.safeParse(payload);
        if (!parsed.success) throw new HttpError(400, 'The site to join is missing or not valid');
        const { siteId } = parsed.data;
        if (!(await store.getMembership(siteId, socket.data.userId))) {
          throw new HttpError(403, 'You are not a member of this site');
        }
        await joinSiteRoom(socket, siteId, siteRoom(siteId));
        const current = await presence(siteId);
        socket.to(siteRoom(siteId)).emit('site:presence', current);
        return current;
      }),
    );

    socket.on('disconnecting', () => {
      const sites = [...socket.rooms].filter((room) => room.startsWith('site:')).map((room) => room.slice(5));
      // After the socket has left its rooms, tell the others who is still here.
      setImmediate(async () => {
        try {
          for (const siteId of sites) io.to(siteRoom(siteId)).emit('site:presence', await presence(siteId));
        } catch (error) {
          // Asking the other processes who is here can time out (one just died, Redis away); an
          // unheard rejection here would end the process. Presence is told again at the next join.
          deps.log.warn({ err: error }, 'could not tell a site who is still here');
        }
      });
    });
  });

  // Every process hears of the change (through the cluster bus) and acts on its own sockets.
  const stopGoals = deps.events.on('goals-changed', ({ siteId, version }) => {
    io.to(siteRoom(siteId)).emit('goals:changed', { siteId, version });
  });
  type LocalSocket = Awaited<ReturnType<typeof io.local.fetchSockets>>[number];
  /**
   * Told once per socket and site: the event and a catch-up from the store (after Redis may have
   * lost messages) can both find the same ended membership, and only the first finds rooms to
   * leave. The site stays listed, with none, so that a recovery after a dropped connection is
   * still checked against the membership (refuseRecoveryAfterRemoval).
   */
  const endMembership = (s: LocalSocket, siteId: string) => {
    const rooms = s.data.roomsBySite[siteId];
    if (!rooms?.length) return;
    s.data.roomsBySite[siteId] = [];
    s.emit('site:membership-ended', { siteId });
    for (const room of rooms) s.leave(room);
  };
  const stopListening = deps.events.on('membership-ended', async ({ siteId, userId }) => {
    for (const s of await io.local.fetchSockets()) if (s.data.userId === userId) endMembership(s, siteId);
  });
  // Memberships ended while this process could not hear of it: read from the store.
  const stopChecking = deps.events.onMissed(async () => {
    const sockets = await io.local.fetchSockets();
    // Sites already ended on a socket stay listed with no rooms: nothing to read for those.
    const joined = sockets.flatMap((s) =>
      Object.entries(s.data.roomsBySite)
        .filter(([, rooms]) => rooms.length > 0)
        .map(([siteId]) => ({ s, siteId, userId: s.data.userId })),
    );
    const lapsed = await lapsedMemberships(store, joined);
    for (const { s, siteId, userId } of joined) if (lapsed(siteId, userId)) endMembership(s, siteId);
  });

  const stopDeactivated = deps.events.on('account-deactivated', async ({ userId }) => {
    for (const s of await io.local.fetchSockets()) if (s.data.userId === userId) s.disconnect(true);
  });

  return {
    io,
    async close() {
      stopListening();
      stopGoals();
      stopDeactivated();
      stopChecking();
      sessionBound.close();
      await io.close();
    },
  };
}
