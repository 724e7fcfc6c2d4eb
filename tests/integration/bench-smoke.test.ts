import { describe, expect, it } from 'vitest';
import { realtimeTargets, runAll, sizes } from '../../bench/run';

// A few seconds of every benchmark at toy sizes, so `npm run bench` cannot rot unnoticed.
// It checks that each one runs and that what it counts is right; never how fast anything is.
describe('benchmarks, smoke sizes', () => {
  it('run end to end against every server and count every delivery', async () => {
    process.setMaxListeners(0);
    const results = await runAll(sizes.smoke);

    expect(results.realtime.map((r) => r.target)).toEqual(realtimeTargets);
    for (const r of results.realtime) {
      expect(r.edits, r.target).toBeGreaterThan(0);
      expect(r.deliveries, r.target).toBe(r.expectedDeliveries);
      expect(r.converged, r.target).toBe(true);
      expect(r.latencyMs.count, r.target).toBe(r.deliveries);
    }
    expect(results.realtimeRatios.p99OursToYWebsocket).toBeGreaterThan(0);

    expect(results.facilitation.actions).toBeGreaterThan(0);
    expect(results.facilitation.deliveries).toBe(results.facilitation.expectedDeliveries);

    expect(results.survey).toMatchObject({ acknowledged: sizes.smoke.survey.schools, stored: sizes.smoke.survey.schools, lost: 0, failedRequests: 0 });
    expect(results.surveyOnPostgres).toMatchObject({ acknowledged: sizes.smoke.survey.schools, stored: sizes.smoke.survey.schools, lost: 0, failedRequests: 0 });
    expect(results.survey.meetingIdle.count).toBeGreaterThan(0);
    expect(results.survey.meetingUnderDeadline.count).toBeGreaterThan(0);

    expect(results.serverChange?.ways.map((w) => w.way)).toEqual([expect.stringContaining('before'), expect.stringContaining('now'), expect.stringContaining('reference')]);
    for (const way of results.serverChange!.ways) expect(way.msPerChange, way.way).toBeGreaterThan(0);

    expect(results.client.initialJsGzipBytes).toBeGreaterThan(0);
    expect(results.client.files.some((f) => f.endsWith('.css'))).toBe(true);

    expect(results.memory.loadedHeapMb).toBeGreaterThan(results.memory.baselineHeapMb);
    expect(Number.isFinite(results.memory.heapPerBoardMb)).toBe(true);

    // Every page was opened and became usable; an application page's cold visit downloads the
    // shell, its warm visit comes from the cache (the floor page is too small to tell).
    expect(results.pageLoad.pages.map((p) => p.page)).toEqual(['school survey, first question', 'sign-in page', 'your sites (signed in)', 'live board (stakeholder)']);
    expect(results.pageLoad.floor.cold.ms).toBeGreaterThan(0);
    for (const p of results.pageLoad.pages) {
      expect(p.cold.ms).toBeGreaterThan(0);
      // Controls work no earlier than the page is shown.
      expect(p.cold.usableMs).toBeGreaterThanOrEqual(p.cold.ms);
      expect(p.cold.kb).toBeGreaterThan(p.warm.kb);
    }
  }, 300_000);
});
