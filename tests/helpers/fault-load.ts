import crypto from 'node:crypto';
import { io } from 'socket.io-client';
import * as Y from 'yjs';
import { collabClient, type CollabClient } from './collab';
import { pause } from './pace';
import type { ClientSocket } from './realtime';

/**
 * Load for fault tests, as people make it: board typists, facilitators acting, schools answering
 * a survey. Each keeps what was acknowledged to it, and every wait any of them had is timed:
 * nobody may wait longer than `limitMs` without an answer or their connection being closed.
 */
const limitMs = 10_000;

const randomId = () => crypto.randomBytes(12).toString('base64url');

/** Every wait a client had; the ones past the limit with neither an answer nor a close are overdue. */
export class Waits {
  readonly overdue: string[] = [];
  count = 0;
  longest = 0;
  /** The latest refusals and failures, to say what was going on when something does not finish. */
  readonly latest: string[] = [];
  /** Refusals that did not say why (a fault of ours rather than the store being away). */
  readonly unexplained: string[] = [];

  answered(ms: number): void {
    this.count += 1;
    this.longest = Math.max(this.longest, ms);
  }
  late(what: string): void {
    this.overdue.push(`${new Date().toISOString()} ${what}`);
  }
  failure(what: string): void {
    this.latest.push(what);
    if (this.latest.length > 8) this.latest.shift();
  }
}

/** Does `attempt` until it answers true, as the browser does: the same ids with every retry. */
async function untilAcknowledged(attempt: () => Promise<boolean>): Promise<void> {
  while (!(await attempt())) await pause(100);
}

interface Edit {
  clock: number;
  at: number;
  overdue: boolean;
}

/** A person typing on a board: one new map entry per keystroke, each a key of its own. */
export class Typist {
  readonly client: CollabClient;
  /** Every entry typed, key → value; acknowledged once the server's saved notice covers its clock. */
  readonly typed = new Map<string, string>();
  readonly acknowledged = new Set<string>();
  private readonly pending: (Edit & { key: string })[] = [];
  private lastClose = 0;
  private stopped: Promise<void> | null = null;
  private running = false;

  constructor(
    wsUrl: string,
    docName: string,
    cookie: string,
    readonly name: string,
    private readonly waits: Waits,
  ) {
    this.client = collabClient(wsUrl, docName, cookie);
    this.client.provider.on('connection-close', () => (this.lastClose = Date.now()));
  }

  private get clock(): number {
    return Y.getState(this.client.doc.store, this.client.doc.clientID);
  }

  start(gapMs: number): void {
    this.running = true;
    this.stopped = (async () => {
      let n = this.typed.size;
      while (this.running) {
        const key = `${this.name}-${String(n++).padStart(5, '0')}`;
        const value = randomId();
        this.client.doc.getMap<string>('entries').set(key, value);
        this.typed.set(key, value);
        this.pending.push({ key, clock: this.clock, at: Date.now(), overdue: false });
        await pause(gapMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.stopped;
  }

  /** Takes in saved notices and notes any edit left unanswered and unclosed for longer than the limit. */
  check(now: number): void {
    const saved = this.client.savedUpTo();
    while (this.pending.length && this.pending[0]!.clock <= saved) {
      const edit = this.pending.shift()!;
      this.acknowledged.add(edit.key);
      this.waits.answered(now - Math.max(edit.at, this.lastClose));
    }
    for (const edit of this.pending) {
      if (edit.overdue || now - Math.max(edit.at, this.lastClose) <= limitMs) continue;
      edit.overdue = true;
      this.waits.late(`${this.name}: ${edit.key} neither saved nor closed after ${now - edit.at} ms (connected: ${this.client.provider.wsconnected})`);
    }
  }

  get allSaved(): boolean {
    return this.pending.length === 0 && this.client.savedUpTo() >= this.clock;
  }
}

/** A facilitator's tab: a socket.io connection through the balancer that reconnects, taking timer actions. */
export class Actor {
  readonly socket: ClientSocket;
  acknowledged = 0;
  private running = false;
  private stopped: Promise<void> | null = null;

  constructor(
    url: string,
    cookie: string,
    private readonly meetingId: string,
    private readonly waits: Waits,
  ) {
    this.socket = io(url, { extraHeaders: { Cookie: cookie }, transports: ['websocket'], reconnectionDelayMax: 500 });
  }

  start(gapMs: number): void {
    this.running = true;
    this.stopped = (async () => {
      for (let n = 0; this.running; n++) {
        const actionId = randomId();
        // Timers may be started in any phase (shared/meeting-actions.ts): the meeting can stay in its welcome.
        const message = { meetingId: this.meetingId, actionId, action: { type: 'start-timer', seconds: 60 + (n % 7) } };
        await untilAcknowledged(() => this.attempt(message));
        this.acknowledged += 1;
        await pause(gapMs);
      }
    })();
  }

  private async attempt(message: unknown): Promise<boolean> {
    // Sent only on a connection: a tab that is reconnecting shows so and holds its action back.
    if (!this.socket.connected) return false;
    const started = Date.now();
    try {
      const reply = (await (this.socket.timeout(limitMs) as any).emitWithAck('meeting:action', message)) as { ok: boolean; error?: string };
      this.waits.answered(Date.now() - started);
      if (!reply.ok) this.waits.failure(`action refused: ${reply.error}`);
      if (!reply.ok && /went wrong on our side/.test(reply.error ?? '')) this.waits.unexplained.push(reply.error!);
      return reply.ok;
    } catch (error) {
      // socket.io rejects a waiting acknowledgement when the connection closes: told, not left waiting.
      if (/disconnected/.test(String(error))) this.waits.failure(`action: ${String(error)}`);
      else this.waits.late(`action ${JSON.stringify(message)}: ${String(error)} after ${Date.now() - started} ms`);
      return false;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.stopped;
  }
}

/** A school answering the open survey, again and again, each answer with an id of its own. */
export class Submitter {
  acknowledged = 0;
  private running = false;
  private stopped: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly answers: Record<string, number>,
    private readonly waits: Waits,
  ) {}

  start(gapMs: number): void {
    this.running = true;
    this.stopped = (async () => {
      while (this.running) {
        const submissionId = randomId();
        await untilAcknowledged(() => this.attempt(submissionId));
        this.acknowledged += 1;
        await pause(gapMs);
      }
    })();
  }

  private async attempt(submissionId: string): Promise<boolean> {
    const started = Date.now();
    try {
      const reply = await fetch(`${this.url}/api/public/surveys/${this.token}/responses`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ submissionId, answers: this.answers, context: { setting: 'primary' } }),
        signal: AbortSignal.timeout(limitMs),
      });
      const text = await reply.text();
      this.waits.answered(Date.now() - started);
      if (reply.status !== 201) this.waits.failure(`submission answered ${reply.status}: ${text.slice(0, 120)}`);
      return reply.status === 201;
    } catch (error) {
      // A connection reset (the process was killed) is an answer of sorts; the deadline is not.
      if ((error as Error).name === 'TimeoutError') this.waits.late(`submission ${submissionId}: no answer after ${Date.now() - started} ms`);
      else this.waits.failure(`submission: ${String((error as Error).cause ?? error)}`);
      return false;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.stopped;
  }
}

/** One answer of /readyz: when it was asked, how long it took, and what it said ('refused': nothing listening). */
export interface ReadyPoll {
  process: number;
  sentAt: number;
  ms: number;
  status: number | 'refused' | 'timeout';
  body?: { ok?: boolean; store?: string; fanOut?: string };
}

/** Asks every process's /readyz in turn, all the time, until stopped. */
export function pollReadiness(urls: string[], waits: Waits): { polls: ReadyPoll[]; stop(): Promise<void> } {
  const polls: ReadyPoll[] = [];
  let running = true;
  const loops = urls.map(async (url, process) => {
    while (running) {
      const sentAt = Date.now();
      let status: ReadyPoll['status'];
      let body: ReadyPoll['body'];
      try {
        const reply = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(limitMs) });
        status = reply.status;
        body = (await reply.json()) as ReadyPoll['body'];
      } catch (error) {
        status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'refused';
        if (status === 'timeout') waits.late(`/readyz of process ${process} did not answer in ${limitMs} ms`);
      }
      polls.push({ process, sentAt, ms: Date.now() - sentAt, status, body });
      await pause(100);
    }
  });
  return {
    polls,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Checks every board's waits every 50 ms until stopped. */
export function watchBoards(typists: Typist[]): { stop(): Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      const now = Date.now();
      for (const typist of typists) typist.check(now);
      await pause(50);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
