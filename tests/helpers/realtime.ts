import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared/realtime';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client that sends the session cookie, as a signed-in browser tab would. */
export function socketFor(url: string, cookie: string): ClientSocket {
  return io(url, { extraHeaders: cookie ? { Cookie: cookie } : {}, transports: ['websocket'], reconnection: false });
}

export async function connectedSocket(url: string, cookie: string): Promise<ClientSocket> {
  const socket = socketFor(url, cookie);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Emits an event and waits for its acknowledgement. Payloads are loosely typed on purpose. */
export function request(socket: ClientSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<any> {
  return (socket.timeout(10_000) as any).emitWithAck(event, payload);
}
