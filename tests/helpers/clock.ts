import { vi } from 'vitest';

/**
 * Moves the test process's clock — and so that of an app started in it with `startApp` — to
 * `at`, from where it runs on at the real pace. Only `Date` is replaced: timers, sockets and
 * databases keep real time. `restoreClock` (in an afterEach, or a finally) puts it back.
 */
export function moveClockTo(at: Date | string): void {
  if (vi.isFakeTimers()) vi.setSystemTime(new Date(at));
  else vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, now: new Date(at) });
}

export function restoreClock(): void {
  vi.useRealTimers();
}
