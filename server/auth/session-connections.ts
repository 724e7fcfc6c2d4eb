import type { Request, Response } from 'express';
import type { SessionEndReason } from '@shared/api/session-end';
import type { DomainEvents } from '../events/domain-events';
import type { Store } from '../store';
import { clearSessionCookie, currentSessionHash, sessionHashOf } from './sessions';

/** Which sessions ended: one, or all of a person's but the one they are using. */
export type EndedSessions = { userId: string; only: string | null; except: string | null; reason: SessionEndReason };

const matches = (ended: EndedSessions, userId: string, sessionHash: string) =>
  ended.userId === userId && (ended.only === null || ended.only === sessionHash) && ended.except !== sessionHash;

/**
 * Deletes the sessions and tells every process, whose socket.io and board connections opened
 * with them close: a tab signed out elsewhere must not go on writing under that person's name.
 */
export async function endSessions(store: Store, events: DomainEvents, ended: EndedSessions): Promise<void> {
  if (ended.only) await store.deleteSession(ended.only);
  else await store.deleteUserSessions(ended.userId, ended.except ?? undefined);
  await events.publish({ type: 'sessions-ended', ...ended });
}

/** Signs this browser out: its session ends (with the connections opened with it) and its cookie is forgotten. */
export async function signOut(store: Store, events: DomainEvents, req: Request, res: Response, reason: SessionEndReason = 'signed-out'): Promise<void> {
  const user = res.locals.user;
  const sessionHash = currentSessionHash(req);
  if (user && sessionHash) await endSessions(store, events, { userId: user.id, only: sessionHash, except: null, reason });
  else if (sessionHash) await store.deleteSession(sessionHash);
  clearSessionCookie(res);
}

/**
 * The open connections of one kind (socket.io sockets, board websockets) and the session each
 * was opened with, so that ending a session closes them on this process.
 */
export class SessionBoundConnections<C> {
  private readonly open = new Map<C, { userId: string; sessionHash: string }>();
  private readonly stop: () => void;

  constructor(
    private readonly store: Store,
    events: DomainEvents,
    private readonly closeConnection: (connection: C, reason: SessionEndReason) => void,
  ) {
    const stopHearing = events.on('sessions-ended', (ended) => {
      for (const [connection, opened] of this.open) if (matches(ended, opened.userId, opened.sessionHash)) this.end(connection, ended.reason);
    });
    const stopChecking = events.onMissed(() => this.closeEnded());
    this.stop = () => (stopHearing(), stopChecking());
  }

  /**
   * Remembers a connection admitted with this cookie. The session may have ended while the
   * connection was being admitted (its event then came too early to close it), so it is looked
   * up once more after the connection is remembered.
   */
  async add(connection: C, cookieHeader: string | undefined, userId: string): Promise<void> {
    const sessionHash = sessionHashOf(cookieHeader);
    if (!sessionHash) return this.closeConnection(connection, 'signed-out');
    this.open.set(connection, { userId, sessionHash });
    if (!(await this.store.getSession(sessionHash)) && this.open.has(connection)) this.end(connection, 'session-ended');
  }

  /** Closes every connection whose session has ended, read from the store (one read a session). */
  private async closeEnded(): Promise<void> {
    const ended = new Map<string, Promise<boolean>>();
    for (const [connection, { sessionHash }] of [...this.open]) {
      if (!ended.has(sessionHash)) ended.set(sessionHash, this.store.getSession(sessionHash).then((session) => session === null));
      if ((await ended.get(sessionHash)) && this.open.has(connection)) this.end(connection, 'session-ended');
    }
  }

  delete(connection: C): void {
    this.open.delete(connection);
  }

  close(): void {
    this.stop();
    this.open.clear();
  }

  private end(connection: C, reason: SessionEndReason) {
    this.open.delete(connection);
    this.closeConnection(connection, reason);
  }
}
