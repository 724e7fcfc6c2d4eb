import type { RequestHandler } from 'express';

/**
 * Draining on SIGTERM, the part HTTP sees: once it starts, readiness says 503 (the balancer stops
 * sending new work here) and every answer asks its connection to close (a keep-alive client opens
 * its next connection elsewhere). `answered` waits for the requests already taken to be answered,
 * so nothing in flight is cut off.
 */
export function requestDrain() {
  let draining = false;
  let active = 0;
  const whenIdle: (() => void)[] = [];

  const track: RequestHandler = (_req, res, next) => {
    active += 1;
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      active -= 1;
      if (active === 0) for (const resolve of whenIdle.splice(0)) resolve();
    });
    next();
  };

  return {
    track,
    isDraining: () => draining,
    start() {
      draining = true;
    },
    /** Resolves once no request is being answered, or after `withinMs` whatever is left. */
    answered(withinMs: number): Promise<void> {
      if (active === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, withinMs);
        whenIdle.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
