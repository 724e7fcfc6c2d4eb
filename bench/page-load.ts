import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../tests/helpers/browser';
import { ApiClient } from '../tests/helpers/http';
import { demoPassword } from '../tests/helpers/server';
import { startOurs } from './lib/targets';
import { bookingIn } from '../tests/helpers/dates';

/**
 * What people feel first: pages opened in Chromium under Lighthouse's mobile settings (150 ms
 * round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU slowed 4×), cold (empty cache) and warm (the
 * same browser again), timed until the page can be used, beside a plain HTML page with a similar
 * first question served by the same server in the same run: the floor.
 */
export interface PageLoadLoad {
  runs: number;
  /** Off only in the smoke run, which counts bytes and order, never time: a slowed network is minutes of waiting. */
  mobile: boolean;
}

interface Figure {
  ms: number;
  /** Until its controls work: later than `ms` only on a page the server drew for the app to take over. */
  usableMs: number;
  kb: number;
}
interface PageLoadRow {
  page: string;
  cold: Figure;
  warm: Figure;
  /** Cold and warm time as a multiple of the floor page's. */
  ratioCold: number;
  ratioWarm: number;
}
export interface PageLoadResult {
  load: PageLoadLoad;
  floor: { cold: Figure; warm: Figure };
  pages: PageLoadRow[];
}

const mobile = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const floorHtml = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Survey – floor page</title>
<style>body{font-family:arial,sans-serif;margin:0 auto;max-width:40em;padding:1em;line-height:1.4}fieldset{border:0;padding:0}label{display:block;margin:.5em 0}button{font-size:1.1em;padding:.5em 1em;background:#00703c;color:#fff;border:0}</style></head>
<body><h1>School and college collaboration with mental health services</h1><p>This survey asks how your school or college works with mental health services in your area. It takes about 10 minutes.</p>
<form method="post"><fieldset><legend>What type of setting do you work in?</legend><label><input type="radio" name="setting" value="primary"> Primary</label><label><input type="radio" name="setting" value="secondary"> Secondary</label><label><input type="radio" name="setting" value="fe"> Further education</label></fieldset><button type="submit">Start now</button></form></body></html>`;

/** A copy of the built client with the floor page beside it, compressed like every other file. */
function clientWithFloorPage(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-bench-client-'));
  fs.cpSync(path.resolve(import.meta.dirname, '../dist/client'), dir, { recursive: true, filter: (file) => !file.endsWith('.map') });
  const file = path.join(dir, 'floor.html');
  fs.writeFileSync(file, floorHtml);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(floorHtml));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(floorHtml, { level: 9 }));
  return dir;
}

/** Throttles the page like a mid-range phone on a slow connection (when asked), and counts the bytes it receives. */
async function throttled(page: Page, asMobile: boolean): Promise<() => number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  if (asMobile) {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...mobile });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event) => (bytes += event.encodedDataLength));
  return () => bytes;
}

/**
 * What shows that a page is ready: an element of this kind whose text contains this; and, on a
 * page the server draws for the app to take over, what shows its controls work (`usable`, a CSS
 * selector). Elsewhere they work as soon as they are shown.
 */
interface ReadyWhen {
  selector: string;
  text: string;
  usable?: string;
}

/**
 * Timed by the page itself, from the start of its navigation to the first frame painted after
 * the ready element is in the document (and after its controls work): the browser's own clock,
 * so the test driver's round trips are not counted. Runs before any of the page's own scripts.
 */
function recordWhenReady({ selector, text, usable }: ReadyWhen) {
  const timing = window as unknown as { readyAt?: number; usableAt?: number };
  const observer = new MutationObserver(() => {
    if (timing.readyAt === undefined && [...document.querySelectorAll(selector)].some((element) => element.textContent?.includes(text))) {
      timing.readyAt = -1;
      requestAnimationFrame(() => (timing.readyAt = performance.now()));
    }
    if (timing.readyAt !== undefined && timing.usableAt === undefined && (!usable || document.querySelector(usable))) {
      timing.usableAt = -1;
      requestAnimationFrame(() => (timing.usableAt = performance.now()));
    }
    if (timing.readyAt !== undefined && timing.usableAt !== undefined) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
}

/** Opens `url` and waits until the page can be used; time and bytes of that visit. */
async function visit(page: Page, bytesSoFar: () => number, url: string): Promise<Figure> {
  const before = bytesSoFar();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => ((window as unknown as { usableAt?: number }).usableAt ?? -1) > 0, null, { timeout: 60_000 });
  const { readyAt, usableAt } = await page.evaluate(() => {
    const timing = window as unknown as { readyAt: number; usableAt: number };
    return { readyAt: timing.readyAt, usableAt: timing.usableAt };
  });
  // Let the last responses finish so they are counted with this visit.
  await page.waitForLoadState('networkidle').catch(() => {});
  return { ms: Math.round(readyAt), usableMs: Math.round(usableAt), kb: Math.round(((bytesSoFar() - before) / 1024) * 10) / 10 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const medianFigure = (figures: Figure[]): Figure => ({ ms: median(figures.map((f) => f.ms)), usableMs: median(figures.map((f) => f.usableMs)), kb: median(figures.map((f) => f.kb)) });

interface PageSpec {
  name: string;
  viewport: { width: number; height: number };
  /** Sets up the browser context (a session cookie) before the visit. */
  prepare?: (context: BrowserContext) => Promise<void>;
  url: string;
  ready: ReadyWhen;
}

export async function runPageLoad(load: PageLoadLoad): Promise<PageLoadResult> {
  const ours = await startOurs({ CLIENT_DIR: clientWithFloorPage() });
  const browser = await launchBrowser();
  try {
    const { server, api } = ours;
    const siteId = (await api.get('/api/sites')).body[0].id as string;
    const survey = await api.post(`/api/sites/${siteId}/surveys`, { accessMode: 'open', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 7 * 86400_000).toISOString() });
    const surveyPath = new URL(survey.body.publicUrl).pathname;
    const stakeholder = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
    const members = (await api.get(`/api/sites/${siteId}`)).body.members as { userId: string; email: string }[];
    const meeting = await api.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(37), durationMinutes: 180, attendeeIds: members.map((m) => m.userId) });
    await api.post(`/api/meetings/${meeting.body.id}/start`);
    const signedIn = async (context: BrowserContext) => {
      const [name, value] = stakeholder.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: server.url }]);
    };
    const phone = { width: 412, height: 823 };
    const laptop = { width: 1280, height: 800 };
    const specs: PageSpec[] = [
      { name: 'floor page (plain HTML)', viewport: phone, url: `${server.url}/floor.html`, ready: { selector: 'button', text: 'Start now' } },
      { name: 'school survey, first question', viewport: phone, url: `${server.url}${surveyPath}`, ready: { selector: 'button', text: 'Start now' } },
      { name: 'sign-in page', viewport: laptop, url: `${server.url}/sign-in`, ready: { selector: 'button', text: 'Sign in' } },
      { name: 'your sites (signed in)', viewport: laptop, prepare: signedIn, url: `${server.url}/`, ready: { selector: 'a', text: 'Demo Borough' } },
      { name: 'live board (stakeholder)', viewport: laptop, prepare: signedIn, url: `${server.url}/meetings/${meeting.body.id}`, ready: { selector: 'h1', text: 'Welcome and survey results', usable: '.app-board:not([disabled])' } },
    ];
    const measured = new Map<string, { cold: Figure[]; warm: Figure[] }>();
    for (let run = 0; run < load.runs; run++) {
      for (const spec of specs) {
        const context = await browser.newContext({ viewport: spec.viewport });
        await spec.prepare?.(context);
        const page = await context.newPage();
        await page.addInitScript(recordWhenReady, spec.ready);
        const bytes = await throttled(page, load.mobile);
        const cold = await visit(page, bytes, spec.url);
        const warm = await visit(page, bytes, spec.url);
        await context.close();
        const figures = measured.get(spec.name) ?? { cold: [], warm: [] };
        measured.set(spec.name, { cold: [...figures.cold, cold], warm: [...figures.warm, warm] });
      }
    }
    const rows = specs.map((spec) => ({ page: spec.name, cold: medianFigure(measured.get(spec.name)!.cold), warm: medianFigure(measured.get(spec.name)!.warm) }));
    const [floor, ...pages] = rows;
    const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10;
    return {
      load,
      floor: { cold: floor!.cold, warm: floor!.warm },
      pages: pages.map((row) => ({ ...row, ratioCold: ratio(row.cold.ms, floor!.cold.ms), ratioWarm: ratio(row.warm.ms, floor!.warm.ms) })),
    };
  } finally {
    await browser.close();
    await ours.stop();
  }
}
