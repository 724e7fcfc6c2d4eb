/**
 * Loaded into every Node process of a test run (`node --import`, through NODE_OPTIONS) by
 * `scripts/test-in-another-year.sh`: the clock reads TEST_CLOCK_START at the real moment
 * TEST_CLOCK_ANCHOR (milliseconds since 1970) and runs on at the real pace, in the test process
 * and in every server it starts alike. Only the clock is moved; everything else is real.
 */
const start = Date.parse(process.env.TEST_CLOCK_START ?? '');
if (Number.isNaN(start)) throw new Error('TEST_CLOCK_START must be an ISO date-time');
const RealDate = Date;
const anchor = Number(process.env.TEST_CLOCK_ANCHOR ?? RealDate.now());
const offset = start - anchor;

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
