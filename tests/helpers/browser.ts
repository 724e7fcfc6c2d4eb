import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type LaunchOptions, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ApiClient } from './http';
import { bookingIn } from './dates';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const artifactsDir = path.resolve(import.meta.dirname, '../../test-artifacts');

/**
 * How far the test process's clock was moved (tests/helpers/clock.ts, or the whole suite run in
 * another year), in whole milliseconds: the browser's `Date.now()` must stay an integer, as the
 * app's records require (a goal draft's `createdAt`).
 */
function clockOffsetMs(): number {
  const offset = Math.round(Date.now() - (performance.timeOrigin + performance.now()));
  return Math.abs(offset) > 60_000 ? offset : 0;
}

/**
 * Runs in every page and frame before the app's own code: the same shift as
 * tests/helpers/shifted-clock.mjs in Node, measured from the browser's own real clock (the
 * machine's, as the test process's is), so it holds from one page load to the next.
 */
function shiftDateBy(offset: number): void {
  const RealDate = Date;
  function ShiftedDate(this: unknown, ...args: unknown[]) {
    if (!new.target) return new RealDate(RealDate.now() + offset).toString();
    return Reflect.construct(RealDate, args.length ? args : [RealDate.now() + offset], new.target) as Date;
  }
  ShiftedDate.prototype = RealDate.prototype;
  Object.setPrototypeOf(ShiftedDate, RealDate);
  ShiftedDate.now = () => RealDate.now() + offset;
  globalThis.Date = ShiftedDate as unknown as DateConstructor;
}

/**
 * When the test process's clock (and so the server's) was moved, each new context's pages read
 * that moved time, so the browser and the server agree on what day it is. Only `Date` moves.
 * Playwright's `clock.install` is not used: it logs each install with the Node process's
 * `Date.now()` (moved here) and, on every page load, advances the page's clock by the browser's
 * real `Date.now()` minus that, which is negative and ignored, so each reload started the page's
 * clock again at the moment its context was made. A goal proposed after a reload was then dated
 * before one proposed earlier on another page and sorted first (the meeting's "nothing lost" step
 * read the empty new draft). It also fakes the page's timers, which no test here needs.
 */
function followingTheClock(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    const offset = clockOffsetMs();
    if (offset) await context.addInitScript(shiftDateBy, offset);
    return context;
  };
  return browser;
}

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const chromiumOptions = { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: chromiumArgs };

/**
 * Work Chromium does for a person at a screen that no test uses. Each browser context is a new
 * window, and since Chromium 15x each window draws its address bar's popup with WebUI, in a
 * renderer of its own: 0.6 s of CPU per context, over a hundred contexts a run. And each context
 * keeps a spare renderer started ahead of its next page, so that page appears sooner; a test
 * opens one page per context, so every context started one renderer it never used (0.08–0.12 s
 * of CPU each, the whole context 0.85 s with it and 0.6 s without, twenty contexts measured).
 */
const unusedFeatures = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup', 'SpareRendererForSitePerProcess'];

let launchOptions: Promise<LaunchOptions> | undefined;

/**
 * Chromium keeps only the last `--disable-features` it is given, and Playwright passes a list of
 * its own, so ours is added to Playwright's rather than replacing it. Playwright's list is read
 * from a first browser (once per test worker) instead of copied here, so it stays whatever the
 * installed Playwright passes.
 */
function withUnusedFeaturesOff(): Promise<LaunchOptions> {
  launchOptions ??= (async () => {
    // The browser tells its command line only to a client that says it is automation.
    const probe = await chromium.launch({ ...chromiumOptions, args: [...chromiumArgs, '--enable-automation'] });
    try {
      const session = await probe.newBrowserCDPSession();
      const { arguments: commandLine } = await session.send('Browser.getBrowserCommandLine');
      const playwrights = commandLine.find((arg) => arg.startsWith('--disable-features='));
      const ours = unusedFeatures.join(',');
      if (!playwrights) return { ...chromiumOptions, args: [...chromiumArgs, `--disable-features=${ours}`] };
      return { ...chromiumOptions, ignoreDefaultArgs: [playwrights], args: [...chromiumArgs, `${playwrights},${ours}`] };
    } finally {
      await probe.close();
    }
  })();
  return launchOptions;
}

let workersChromium: Promise<Browser> | undefined;
/** Every context open in this worker's Chromium, whichever file opened it: pictured when a test fails. */
const openContexts = new Set<BrowserContext>();

/**
 * Debian's Chromium, headless; never a downloaded browser. One Chromium serves the browser files
 * a test worker runs one after another (a launch is most of a second of CPU, and a run has
 * fifteen files): each file gets its own handle on it, whose `close` closes the contexts that
 * file opened, so no page, cookie or storage outlives the file. Playwright ends the browser
 * with the worker.
 */
export async function launchBrowser(): Promise<Browser> {
  workersChromium ??= withUnusedFeaturesOff().then(async (options) => followingTheClock(await chromium.launch(options)));
  const browser = await workersChromium;
  const opened = new Set<BrowserContext>();
  return new Proxy(browser, {
    get(target, property) {
      if (property === 'newContext') {
        return async (options?: BrowserContextOptions) => {
          const context = await target.newContext(options);
          opened.add(context);
          openContexts.add(context);
          context.once('close', () => {
            opened.delete(context);
            openContexts.delete(context);
          });
          return context;
        };
      }
      if (property === 'close') return async () => void (await Promise.all([...opened].map((context) => context.close())));
      if (property === 'newPage') throw new Error('open a context with newContext: its pages close with the file');
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * A Chromium whose process the test can kill (SIGKILL, as a crashed laptop or a closed lid would
 * end it): no goodbye to the server, its connections simply drop.
 */
export async function launchKillableBrowser(): Promise<{ browser: Browser; kill(): Promise<void> }> {
  const server = await chromium.launchServer(await withUnusedFeaturesOff());
  const browser = followingTheClock(await chromium.connect(server.wsEndpoint()));
  return { browser, kill: () => server.kill() };
}

/** Whether the element is wholly inside the window, where the person is looking. */
export const inViewport = (element: Locator): Promise<boolean> =>
  element.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
  });

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}

/**
 * A full-page picture of every page open in this worker's browser, with its address, for a test
 * that failed: a browser test that fails once in many runs leaves what each person saw.
 */
export async function pictureOpenPages(name: string): Promise<string[]> {
  const pages = [...openContexts].flatMap((context) => context.pages());
  return Promise.all(
    pages.map(async (page, n) => {
      const file = `${name}-page-${n + 1}`;
      await screenshot(page, file).catch(() => undefined);
      return `${file}.png: ${page.url()}`;
    }),
  );
}

/** Runs axe-core's WCAG 2.1 A and AA rules on the page and fails on any violation. */
export async function expectAccessible(page: Page, context: string): Promise<void> {
  // Evaluated through the devtools protocol, which our Content-Security-Policy rightly
  // blocks for inline <script> tags; once per document (a page checked again still has it).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      // Every rule still runs on every element; only violations, the one result read here, get
      // a selector for each node (axe's advice for speed: building those is what costs most).
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  expect(violations, `axe-core violations on ${context}`).toEqual([]);
}

/**
 * A new browser context signed in as `email`, with `url` open (the caller waits for what it
 * expects there). The sign-in page is walked where it is the point (accounts.e2e, and `signIn`
 * after a password is set); elsewhere the session comes from the sign-in API and is handed to the
 * browser as the cookie the server set, which saves a page, a form and a navigation per person.
 * It is kept for the browser's session rather than until the expiry the server gave: a test that
 * moved the clock back would otherwise hand the browser, whose clock is the machine's, a cookie
 * already expired.
 */
export async function signedInAt(browser: Browser, url: string, email: string, password: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const { origin } = new URL(url);
  const context = await browser.newContext({ viewport });
  const cookie = (await ApiClient.signIn(origin, email, password)).cookie;
  const equals = cookie.indexOf('=');
  await context.addCookies([{ name: cookie.slice(0, equals), value: cookie.slice(equals + 1), url: origin, httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** A new browser context signed in as `email`, on the home page with their sites shown. */
export async function signedInPage(browser: Browser, baseUrl: string, email: string, password: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await signedInAt(browser, `${baseUrl}/`, email, password, viewport);
  await page.getByRole('heading', { name: 'Your sites' }).waitFor();
  return page;
}

/** Signs in on the sign-in page, as a person types it, and waits for their sites. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Your sites' }).waitFor();
}

/**
 * A live consultation on the demo site with the demo stakeholders invited, open in three
 * browser contexts: the facilitator, Sam and Sasha.
 */
export async function openLiveConsultation(browser: Browser, baseUrl: string, password: string) {
  const api = await ApiClient.signIn(baseUrl, 'facilitator@demo.example', password);
  const siteId = (await api.get('/api/sites')).body[0].id as string;
  const members = (await api.get(`/api/sites/${siteId}`)).body.members as { userId: string; role: string }[];
  const created = await api.post(`/api/sites/${siteId}/meetings`, {
    kind: 'consultation',
    startsAt: bookingIn(37),
    durationMinutes: 180,
    attendeeIds: members.filter((m) => m.role === 'stakeholder').map((m) => m.userId),
  });
  const meetingId = created.body.id as string;
  expect((await api.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
  const [facilitator, sam, sasha] = (await Promise.all(
    ['facilitator@demo.example', 'stakeholder1@demo.example', 'stakeholder2@demo.example'].map((email) => signedInAt(browser, `${baseUrl}/meetings/${meetingId}`, email, password)),
  )) as [Page, Page, Page];
  return { api, siteId, meetingId, facilitator, sam, sasha };
}

/** Fills a GOV.UK date input (day, month and year boxes in a fieldset named `legend`) with a "YYYY-MM-DD" day. */
export async function fillDate(scope: Page | Locator, legend: string | RegExp, day: string): Promise<void> {
  const [year, month, date] = day.split('-');
  const group = scope.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(date)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year!);
}
