import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { sessionEnded } from './session-ended';
import type { ClientToServerEvents, ServerToClientEvents, SitePresence } from '@shared/realtime';

type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: AppSocket | null = null;

/** One socket.io connection per tab, opened on first use (after sign-in, as it needs the cookie). */
export function realtimeSocket(): AppSocket {
  if (!shared) {
    // WebSocket only: any server process behind a plain load balancer can take the connection
    // (long-polling would need sticky sessions).
    shared = io({ withCredentials: true, transports: ['websocket'] });
    shared.on('session:ended', ({ message }) => sessionEnded(message));
  }
  // The server closed it when the session ended; after signing in again it is opened anew.
  else if (!shared.active) shared.connect();
  return shared;
}

/** Who else has this site open right now; rejoins after a reconnect. */
export function useSitePresence(siteId: string): SitePresence['online'] | null {
  const [online, setOnline] = useState<SitePresence['online'] | null>(null);
  useEffect(() => {
    const socket = realtimeSocket();
    const join = () =>
      socket.emit('site:join', { siteId }, (reply) => {
        if (reply.ok) setOnline(reply.data.online);
      });
    const onPresence = (presence: SitePresence) => {
      if (presence.siteId === siteId) setOnline(presence.online);
    };
    socket.on('site:presence', onPresence);
    socket.on('connect', join);
    if (socket.connected) join();
    return () => {
      socket.off('site:presence', onPresence);
      socket.off('connect', join);
    };
  }, [siteId]);
  return online;
}
