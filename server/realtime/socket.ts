import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer } from 'socket.io';
import {
  SiteJoinMessage,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SitePresence,
} from '@shared/realtime';
import { userFromCookieHeader } from '../auth/sessions';
import { isOwnOrigin } from '../http/security';
import type { Logger } from '../log';
import type { MembershipEvents } from '../sites/membership-events';
import type { Store } from '../store';

interface SocketData {
  userId: string;
  name: string;
}

const siteRoom = (siteId: string) => `site:${siteId}`;

/** Wraps a handler so that bad input or a thrown error becomes a clear negative acknowledgement. */
function acked<T>(log: Logger, handler: (payload: unknown) => Promise<T>) {
  // Typed loosely on purpose: a misbehaving client may send anything, or no callback at all.
  return async (payload: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: Ack<T>) => void) : () => {};
    try {
      reply({ ok: true, data: await handler(payload) });
    } catch (error) {
      const message = error instanceof RealtimeError ? error.message : 'Something went wrong on our side';
      if (!(error instanceof RealtimeError)) log.error({ err: error }, 'socket handler failed');
      reply({ ok: false, error: message });
    }
  };
}

class RealtimeError extends Error {}

/**
 * socket.io carries the authoritative facilitation events. Every socket belongs to a signed-in
 * user; joining a site's room needs membership, checked on the server for each join.
 */
export function attachRealtime(deps: {
  server: HttpServer;
  store: Store;
  membershipEvents: MembershipEvents;
  publicUrl: string;
  log: Logger;
}) {
  const { store, log } = deps;
  const io = new SocketServer<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(deps.server, {
    serveClient: false,
    // Our collaboration endpoint shares the HTTP server's upgrade event and answers after an
    // async sign-in check: engine.io must not tear those sockets down meanwhile.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, callback) => callback(null, isOwnOrigin(req.headers.origin, req.headers.host, deps.publicUrl)),
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });

  io.use(async (socket, next) => {
    try {
      const user = await userFromCookieHeader(store, socket.request.headers.cookie);
      if (!user) return next(new Error('You are not signed in'));
      socket.data.userId = user.id;
      socket.data.name = user.name;
      next();
    } catch (error) {
      log.error({ err: error }, 'socket sign-in check failed');
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
    socket.on(
      'site:join',
      acked(log, async (payload) => {
        const parsed = SiteJoinMessage.safeParse(payload);
        if (!parsed.success) throw new RealtimeError('The site to join is missing or not valid');
        const { siteId } = parsed.data;
        if (!(await store.getMembership(siteId, socket.data.userId))) {
          throw new RealtimeError('You are not a member of this site');
        }
        await socket.join(siteRoom(siteId));
        const current = await presence(siteId);
        socket.to(siteRoom(siteId)).emit('site:presence', current);
        return current;
      }),
    );

    socket.on('disconnecting', () => {
      const sites = [...socket.rooms].filter((room) => room.startsWith('site:')).map((room) => room.slice(5));
      // After the socket has left its rooms, tell the others who is still here.
      setImmediate(async () => {
        for (const siteId of sites) {
          io.to(siteRoom(siteId)).emit('site:presence', await presence(siteId));
        }
      });
    });
  });

  const stopListening = deps.membershipEvents.onEnded(async ({ siteId, userId }) => {
    const sockets = await io.in(siteRoom(siteId)).fetchSockets();
    for (const s of sockets) {
      if (s.data.userId !== userId) continue;
      s.emit('site:membership-ended', { siteId });
      s.leave(siteRoom(siteId));
    }
  });

  return {
    io,
    async close() {
      stopListening();
      await io.close();
    },
  };
}
