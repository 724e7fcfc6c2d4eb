/**
 * Close codes the server uses on the Yjs websocket (and reasons it gives), shared so the
 * client can tell people why they were disconnected instead of silently reconnecting.
 */
export const CloseCode = {
  /** Standard code `ws` uses when a frame is over the payload limit. */
  messageTooLarge: 1009,
  /** Standard "internal error": a change could not be saved; the client reconnects and sends it again. */
  notSaved: 1011,
  /** Standard "service restart": the client should reconnect. */
  serverRestarting: 1012,
  /** Standard "try again later": the connection fell too far behind; it reconnects and catches up. */
  tooFarBehind: 1013,
  malformedMessage: 4400,
  notSignedIn: 4401,
  notMember: 4403,
  unknownDocument: 4404,
  membershipEnded: 4410,
  accountClosed: 4411,
  changeRefused: 4422,
  readOnly: 4423,
  /** Notes and themes come from meeting actions; their document takes no change from a connection. */
  serverWritten: 4424,
  /** The meeting is paused: the change is not stored. In the "try again later" range (45xx), so the stock client reconnects and sends it again, and it is taken once the meeting resumes. */
  paused: 4503,
  /** A change no client of ours would send (crafted to do harm or to cost the server): not retried. */
  changeAbusive: 4429,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export const closeReasons: Record<CloseCode, string> = {
  1009: 'The change was too large to send',
  1011: 'Not saved yet: the server could not store a change, and is reconnecting to send it again',
  1012: 'The server is restarting',
  1013: 'The connection fell behind and is catching up',
  4400: 'The server could not read a message and closed the connection',
  4401: 'You are not signed in',
  4403: 'You are not a member of this site',
  4404: 'There is no such board',
  4410: 'Your membership of this site has ended',
  4411: 'Your account has been closed',
  4422: 'The server refused a change that does not fit the board',
  4423: 'This board is closed and can no longer be changed',
  4424: 'Notes are added and changed through the meeting, not written into the board directly',
  4503: 'The meeting is paused: your change is kept on this device and saved when the meeting resumes',
  4429: 'The server refused a change that the board would never send, and closed the connection',
};

/** Codes after which reconnecting cannot help: the client should stop and explain. */
export const finalCloseCodes: ReadonlySet<number> = new Set([
  CloseCode.notSignedIn,
  CloseCode.notMember,
  CloseCode.unknownDocument,
  CloseCode.membershipEnded,
  CloseCode.accountClosed,
  CloseCode.serverWritten,
  CloseCode.changeAbusive,
]);

/** Largest websocket frame the collaboration endpoint accepts (and the most it sends in one). */
export const maxCollabMessageBytes = 1024 * 1024;
