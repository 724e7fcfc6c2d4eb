import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cascadeDomains } from '@shared/cascade/framework';
import { distributionOf } from '@shared/meetings/facilitation';
import type { MeetingReport } from '@shared/reports/meeting-report';
import { ApiClient } from '../helpers/http';
import { outbox } from '../helpers/outbox';
import { pdfText } from '../helpers/pdf';
import { runConsultationAndReview, script, stakeholderProfiles } from '../helpers/programme';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

let server: RunningServer;
let facilitator: ApiClient;
let outsider: ApiClient;
let year: Awaited<ReturnType<typeof runConsultationAndReview>>;

beforeAll(async () => {
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  outsider = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
  year = await runConsultationAndReview(server, facilitator, 'Report Borough');
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe('meeting reports', () => {
  it('the 3-month review report matches the stored ratings, votes, notes and goals', async () => {
    const { status, body } = await year.stakeholderApis[1]!.get(`/api/meetings/${year.reviewId}/report`);
    expect(status).toBe(200);
    const report = body as MeetingReport;
    expect(report.site.name).toBe('Report Borough');
    expect(report.meeting).toMatchObject({ kind: 'review-3m', kindLabel: '3-month review meeting', startsAt: year.reviewStartsAt });
    // Booked for April, held in this run: the record says when it was held.
    expect(Date.now() - Date.parse(report.meeting.heldAt)).toBeLessThan(3_600_000);
    expect(report.domains.map((d) => [d.id, d.agreed?.rating, d.previousRating, d.change])).toEqual(
      cascadeDomains.map((d, i) => [d.id, script.reviewAgreed[i], script.consultationAgreed[i], script.reviewAgreed[i]! - script.consultationAgreed[i]!]),
    );
    expect(report.review).toEqual({ comparedWith: 'Strategic consultation meeting', carriedFrom: 'Strategic consultation meeting' });
    // The review board started from the consultation's: its notes are shown as carried over, not as the review's own.
    expect(report.domains[1]!.carriedOver.strengths).toEqual(['Named link worker in half the schools']);
    expect(report.domains[5]!.carriedOver.challenges).toEqual(['Waiting times for first appointments']);
    expect(report.domains[1]!.strengths).toEqual([]);
    // The theme came with its note.
    expect(report.domains[5]!.themes).toEqual([{ name: script.theme, notes: ['Waiting times for first appointments'] }]);
    // What the review recorded about each goal.
    expect(report.goals[0]!.reviewed).toEqual(script.reviewNotes);
    expect(report.goals[1]!.reviewed).toBeNull();
    expect(report.goals.map((g) => [g.position, g.wording, g.ratings.map((r) => r.rating), g.change])).toEqual(
      script.goals.map((wording, n) => [n + 1, wording, [script.baselines[n], script.reviewRatings[n]], script.reviewRatings[n]! - script.baselines[n]!]),
    );
    expect(report.actions).toEqual([{ about: 'Goal 1', what: 'Publish the link worker list', owner: 'Priya CYPMHS', due: year.actionDue, done: false }]);
  });

  it('the consultation report has the pre-meeting distributions, the votes, and attendance by organisation and sector', async () => {
    const report = (await facilitator.get(`/api/meetings/${year.consultationId}/report`)).body as MeetingReport;
    for (const d of report.domains) {
      const expected = distributionOf(stakeholderProfiles.map((_, i) => ({ domain: d.id, rating: script.preRating(i, d.id) as 1 })), d.id);
      expect(d.preRatings).toEqual(expected);
      expect(d.change).toBeNull();
    }
    expect(report.areasOfNeed).toEqual([
      { id: 6, title: cascadeDomains[5]!.title, votes: 3 },
      { id: 2, title: cascadeDomains[1]!.title, votes: 2 },
    ]);
    expect(report.goals.every((g) => g.ratings.length === 1)).toBe(true);
    expect(report.domains.map((d) => d.themes)).toEqual(cascadeDomains.map((d) => (d.id === 6 ? [{ name: script.theme, notes: ['Waiting times for first appointments'] }] : [])));
    expect(report.attendance.total).toBe(4);
    expect(report.attendance.bySector).toEqual(
      expect.arrayContaining([
        { sector: 'cypmhs', label: expect.any(String), count: 1 },
        { sector: 'education', label: expect.any(String), count: 1 },
        { sector: 'local-authority', label: expect.any(String), count: 1 },
      ]),
    );
    expect(report.attendance.byOrganisation.map((o) => o.name)).toEqual(expect.arrayContaining(['North CYPMHS', 'Hill Academy', 'Borough Council']));
    expect(report.surveys).toEqual([]);
  });

  it('the PDF is a real PDF whose text has the site, the seven domains and the three goals', async () => {
    const response = await fetch(`${server.url}/api/meetings/${year.reviewId}/report.pdf`, { headers: { Cookie: year.lead.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('Report Borough');
    for (const d of cascadeDomains) expect(text).toContain(d.title.replace(/\s+/g, ' '));
    for (const goal of script.goals) expect(text).toContain(goal);
    // A review's PDF says what the review recorded, and where its board came from.
    for (const note of Object.values(script.reviewNotes)) expect(text).toContain(note);
    expect(text).toContain('Carried over from the strategic consultation meeting');
    expect(text).toContain('Change since the strategic consultation meeting');
    expect(text).toContain(`Themes the group found: • ${script.theme}: Waiting times for first appointments`);
    // Each goal's change in words: baselines 2, 3 and 1, rated 5, 3 and 4 at the review.
    for (const said of ['Now 5 out of 10, up 3 from the baseline.', 'Now 3 out of 10, no change from the baseline.']) expect(text).toContain(said);
  });

  it('refuses the report and its PDF to someone from another site, and to anyone signed out', async () => {
    for (const path of [`/api/meetings/${year.reviewId}/report`, `/api/meetings/${year.reviewId}/report.pdf`]) {
      expect((await outsider.get(path)).status).toBe(403);
      expect((await new ApiClient(server.url).get(path)).status).toBe(401);
    }
    expect((await outsider.post(`/api/meetings/${year.reviewId}/report/email`)).status).toBe(403);
  });

  it('the lead emails the report to the attendees, with the PDF attached; a stakeholder cannot', async () => {
    expect((await year.stakeholderApis[0]!.post(`/api/meetings/${year.reviewId}/report/email`)).status).toBe(403);
    const before = outbox(server.dataDir).length;
    const sent = await year.lead.post(`/api/meetings/${year.reviewId}/report/email`);
    expect(sent.status).toBe(200);
    expect(sent.body.sent).toBe(4);
    const mails = outbox(server.dataDir).slice(before);
    expect(mails).toHaveLength(4);
    for (const mail of mails) {
      expect(mail).toContain('Subject: Report Borough: report of the 3-month review meeting');
      expect(mail).toMatch(/Content-Type: application\/pdf; name=meeting-report\.pdf/);
    }
  });
});
