/**
 * The gaps in a load generator or a fault schedule: a typist's pause between keystrokes, the
 * moment Redis is crashed while work is running. Never a wait for a result: that is `eventually`
 * or `expect.poll` (with a deadline) or a barrier (send a marker after what must not arrive, wait
 * for the marker). `scripts/check-test-waits.mjs` refuses a bare timer in a test file so that
 * the difference stays visible.
 */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
