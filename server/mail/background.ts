import { randomInt } from 'node:crypto';
import { setTimeout as pause } from 'node:timers/promises';
import type { Logger } from '../log';
import type { Mail, Mailer } from './mailer';

/** Waits before each further attempt: a mail server that is briefly away gets a few minutes to come back. */
const retryDelaysMs = [1_000, 5_000, 30_000, 120_000];

/** How long each task waits before it starts, chosen at random each time (see `later`). */
const startAfterMs = { min: 50, max: 250 };

/**
 * Work done after the answer has gone, one task at a time in the order asked, and mail sent from
 * it tried again when the mail server fails. For answers that must not show, by their timing or
 * their status, whether anything was sent (a password reset for an address with an account or
 * without, with the mail server up or down).
 */
export class AfterAnswering {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly mailer: Mailer,
    private readonly log: Logger,
  ) {}

  /**
   * Runs the task after the ones asked for before it; a failure is logged, never thrown at the
   * caller. Each starts a random 50–250 ms later: run at once, a task's work (more of it for an
   * address with an account) held up whatever the process did next, the answers that came just
   * after (a requester's own next request, or, with the app in the test process, the answer it
   * was waiting for). Spread at random, it falls on later answers of either kind alike.
   */
  later(what: string, task: () => Promise<void>): void {
    this.queue = this.queue
      .then(() => pause(randomInt(startAfterMs.min, startAfterMs.max + 1)))
      .then(task)
      .catch((error) => this.log.error({ err: error, what }, 'background work failed'));
  }

  /** Sends the mail in the background, trying again after each failure until the delays run out. */
  send(what: string, mail: Mail): void {
    void this.attempt(what, mail, 0);
  }

  private async attempt(what: string, mail: Mail, failures: number): Promise<void> {
    try {
      await this.mailer.send(mail);
    } catch (error) {
      const delay = retryDelaysMs[failures];
      if (delay === undefined) return this.log.error({ err: error, what }, 'mail not sent: gave up after retrying');
      this.log.warn({ err: error, what, retryInMs: delay }, 'mail not sent: trying again');
      setTimeout(() => void this.attempt(what, mail, failures + 1), delay).unref();
    }
  }
}
