/**
 * Loaded into a server process (`node --import`) by tests that walk a programme year: the
 * process's clock starts at TEST_CLOCK_START (an ISO date-time) and runs on from there at the real
 * pace. Only the clock is moved; everything else in the process is the real server.
 */
const start = Date.parse(process.env.TEST_CLOCK_START ?? '');
if (Number.isNaN(start)) throw new Error('TEST_CLOCK_START must be an ISO date-time');
const RealDate = Date;
const offset = start - RealDate.now();

/**
 * A function rather than a subclass, so `Date.prototype` stays the real one: libraries that wrap
 * its methods (e.g. @date-fns/tz) must still find them there.
 */
function ShiftedDate(...args) {
  if (!new.target) return new RealDate(RealDate.now() + offset).toString();
  return Reflect.construct(RealDate, args.length ? args : [RealDate.now() + offset], new.target);
}
ShiftedDate.prototype = RealDate.prototype;
Object.setPrototypeOf(ShiftedDate, RealDate);
ShiftedDate.now = () => RealDate.now() + offset;
globalThis.Date = ShiftedDate;
