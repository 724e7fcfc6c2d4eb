import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';

/** Frames of the y-websocket protocol, built by hand as a hostile client would. */
export const frames = {
  syncStep1: (stateVector: Uint8Array) => syncFrame(0, stateVector),
  syncStep2: (update: Uint8Array) => syncFrame(1, update),
  update: (update: Uint8Array) => syncFrame(2, update),
};

/** A presence (awareness) message setting one client's state. */
export function awarenessFrame(clientId: number, clock: number, state: object | null): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
  return encoding.toUint8Array(encoder);
}

function syncFrame(kind: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** What became of frames sent on a raw connection: taken in (the server answered after them), or the connection closed. */
export type Outcome = ({ closed: false } | { closed: true; code: number }) & { /** From sending the frames to the answer or the close. */ ms: number };

/**
 * A raw connection to the collaboration endpoint: sends frames, then a sync step 1 as a barrier
 * (the server answers it in order, after everything sent before), and reports whether the
 * connection was closed before the answer came.
 */
export async function sendRaw(wsUrl: string, docName: string, cookie: string, toSend: Uint8Array[], timeoutMs = 15_000): Promise<Outcome> {
  const ws = new WebSocket(`${wsUrl}/collab/${docName}`, { headers: { Cookie: cookie } });
  ws.binaryType = 'nodebuffer';
  try {
    return await new Promise<Outcome>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer from the server')), timeoutMs);
      let sentBarrier = false;
      let sentAt = 0;
      ws.on('message', (data: Buffer) => {
        // The first message is the server's sync step 1: send everything, then the barrier.
        if (!sentBarrier) {
          sentBarrier = true;
          sentAt = performance.now();
          for (const frame of toSend) ws.send(frame);
          ws.send(frames.syncStep1(new Uint8Array([0])));
          return;
        }
        if (data[0] === 0 && data[1] === 1) {
          clearTimeout(timer);
          resolve({ closed: false, ms: performance.now() - sentAt });
        }
      });
      ws.on('close', (code) => {
        clearTimeout(timer);
        resolve({ closed: true, code, ms: performance.now() - sentAt });
      });
      ws.on('error', () => {});
    });
  } finally {
    ws.close();
  }
}
