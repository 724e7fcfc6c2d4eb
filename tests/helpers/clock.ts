/**
 * The clock the process started with: the real one, or tests/helpers/shifted-clock.mjs's when
 * the whole suite runs in another year. Moving the clock replaces it for a while; restoring puts
 * this one back, so a test that moves it composes with a run in another year.
 */
const processDate = Date;

/**
 * Moves the test process's clock — and so that of an app started in it with `startApp` — to
 * `at`, from where it runs on at the real pace. Only `Date` is replaced: timers, sockets and
 * databases keep real time. `restoreClock` (in an afterEach, or a finally) puts it back.
 *
 * The moved clock counts real time (`performance.now()`), not vitest's fake timers: those
 * advance `Date` by 20 ms each time their interval gets to run, so with the event loop busy
 * (the app, the browser's driver and the socket clients share it) the app's clock fell seconds
 * behind the browser's, which runs at the real pace from the moved time (tests/helpers/browser.ts).
 */
export function moveClockTo(at: Date | string): void {
  const target = new processDate(at).getTime();
  const from = performance.now();
  // The app must only ever see whole milliseconds, as from the real clock.
  const now = () => target + Math.floor(performance.now() - from);
  /** A function rather than a subclass, so `Date.prototype` stays the real one (see shifted-clock.mjs). */
  function MovedDate(this: unknown, ...args: unknown[]) {
    if (!new.target) return new processDate(now()).toString();
    return Reflect.construct(processDate, args.length ? args : [now()], new.target) as Date;
  }
  MovedDate.prototype = processDate.prototype;
  Object.setPrototypeOf(MovedDate, processDate);
  MovedDate.now = now;
  globalThis.Date = MovedDate as unknown as DateConstructor;
}

export function restoreClock(): void {
  globalThis.Date = processDate;
}
