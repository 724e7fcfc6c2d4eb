import PDFDocument from 'pdfkit';
import { completedWords } from '@shared/survey/count';
import type { MeetingReport } from '@shared/reports/meeting-report';
import { changeFromBaseline } from '@shared/goals/gbo';

const brand = '#1d70b8';
const text = '#0b0c0c';
const secondary = '#505a5f';
const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const formatDate = (iso: string) => date.format(new Date(iso));

/** The PDF's built-in fonts cover Latin-1 and common punctuation; anything else becomes "?". */
const safe = (s: string) => s.replace(/[^\x20-\x7E\xA0-\xFF‘’“”–—•…]/g, '?');

/**
 * The meeting report as a PDF, drawn with PDFKit: real text (searchable, readable by screen
 * readers that read PDFs) and a bar chart of the agreed ratings drawn as vector shapes.
 */
export function meetingReportPdf(report: MeetingReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: safe(`${report.site.name}: ${report.meeting.kindLabel}`), Author: 'Link Programme' }, lang: 'en-GB', displayTitle: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 100;

  const heading = (s: string, size = 16) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).fillColor(text).text(safe(s), { width });
    doc.moveDown(0.2);
  };
  const para = (s: string, options: { color?: string; size?: number } = {}) => doc.font('Helvetica').fontSize(options.size ?? 11).fillColor(options.color ?? text).text(safe(s), { width });
  const bullets = (items: string[]) => {
    for (const item of items) para(`•  ${item}`);
  };

  doc.font('Helvetica').fontSize(12).fillColor(secondary).text(safe(report.site.name));
  doc.font('Helvetica-Bold').fontSize(22).fillColor(text).text(safe(report.meeting.kindLabel), { width });
  para(`Held on ${formatDate(report.meeting.heldAt)}; record closed ${formatDate(report.meeting.closedAt)}.`, { color: secondary });

  heading('Who attended');
  para(`${report.attendance.total} ${report.attendance.total === 1 ? 'person' : 'people'}.`);
  bullets(report.attendance.bySector.map((s) => `${s.label}: ${s.count}`));
  para('By organisation:', { color: secondary });
  bullets(report.attendance.byOrganisation.map((o) => `${o.name}: ${o.count}`));

  heading('Agreed ratings of the seven CASCADE domains');
  const chartTop = doc.y + 4;
  const labelWidth = 220;
  const barArea = width - labelWidth - 40;
  report.domains.forEach((d, i) => {
    const y = chartTop + i * 22;
    doc.font('Helvetica').fontSize(9).fillColor(text).text(safe(`${d.id}. ${d.title}`), 50, y + 2, { width: labelWidth - 10, height: 20, ellipsis: true });
    if (d.agreed) {
      doc.rect(50 + labelWidth, y, (d.agreed.rating / 5) * barArea, 14).fill(brand);
      doc.fillColor(text).fontSize(9).text(String(d.agreed.rating), 50 + labelWidth + (d.agreed.rating / 5) * barArea + 4, y + 3);
    } else doc.fillColor(secondary).fontSize(9).text('No agreed rating', 50 + labelWidth, y + 3);
  });
  doc.x = 50;
  doc.y = chartTop + report.domains.length * 22 + 6;
  para('Ratings run from 1 to 5.', { color: secondary, size: 9 });

  const comparedWith = report.review?.comparedWith?.toLowerCase() ?? 'consultation';
  const carriedFrom = report.review?.carriedFrom?.toLowerCase() ?? null;
  for (const d of report.domains) {
    heading(`${d.id}. ${d.title}`, 13);
    const c = d.preRatings.counts;
    para(`Ratings before the meeting: 1 (${c[0]}), 2 (${c[1]}), 3 (${c[2]}), 4 (${c[3]}), 5 (${c[4]}), don't know (${d.preRatings.dontKnow}).`);
    para(d.agreed ? `Agreed rating: ${d.agreed.rating}. ${d.agreed.rationale}` : 'No agreed rating was recorded.');
    if (d.change !== null) para(`Change since the ${comparedWith}: ${d.change > 0 ? '+' : ''}${d.change} (from ${d.previousRating}).`);
    if (d.strengths.length) {
      para(`Strengths${carriedFrom ? ' added at this meeting' : ''}:`, { color: secondary });
      bullets(d.strengths);
    }
    if (d.challenges.length) {
      para(`Challenges${carriedFrom ? ' added at this meeting' : ''}:`, { color: secondary });
      bullets(d.challenges);
    }
    const carried = [...d.carriedOver.strengths.map((t) => `Strength: ${t}`), ...d.carriedOver.challenges.map((t) => `Challenge: ${t}`)];
    if (carried.length) {
      para(`Carried over from the ${carriedFrom}:`, { color: secondary });
      bullets(carried);
    }
    if (d.themes.length) {
      para('Themes the group found:', { color: secondary });
      bullets(d.themes.map((t) => `${t.name}: ${t.notes.join('; ')}`));
    }
  }

  heading('Areas of greatest need');
  if (report.areasOfNeed.length) bullets(report.areasOfNeed.map((a) => `${a.id}. ${a.title} (${a.votes} votes)`));
  else para('None were settled at this meeting.');

  heading('Goals');
  if (!report.goals.length) para('No goals have been agreed yet.');
  for (const g of report.goals) {
    doc.moveDown(0.3).font('Helvetica-Bold').fontSize(12).fillColor(text).text(safe(`Goal ${g.position}: ${g.wording}`), { width });
    para(`For whom and what changes: ${g.specific || 'not given'}`);
    para(`Measure and target: ${g.measure || 'not given'}; ${g.target || 'no target'}`);
    para(`Owner: ${g.namedOwner ?? 'not yet named'}${g.owner ? ` (accountable: ${g.owner})` : ''}. Due by ${g.dueDate ? formatDate(g.dueDate) : 'no date'}.`);
    para(g.ratings.length ? `Ratings (0 to 10): ${g.ratings.map((r) => `${r.label} ${r.rating}`).join('; ')}.` : 'Not yet rated.');
    if (g.change !== null) para(`Now ${g.ratings.at(-1)!.rating} out of 10, ${changeFromBaseline(g.change)}.`);
    if (g.reviewed) {
      para(`Progress made: ${g.reviewed.progress || 'not recorded'}`);
      para(`Barriers: ${g.reviewed.barriers || 'not recorded'}`);
      para(`How to overcome them: ${g.reviewed.overcome || 'not recorded'}`);
    }
  }

  heading('Survey of schools and colleges');
  if (!report.surveys.length) para('No survey was run for this site.');
  for (const s of report.surveys) {
    if (s.factors) {
      para(`${s.title}: ${completedWords(s)} completed.`);
      bullets(s.factors.map((f) => `${f.label}: mean ${f.mean}`));
    } else para(`${s.title}: ${completedWords(s)} completed; results are shown once ${s.threshold} are complete.`);
  }

  heading('Actions');
  if (!report.actions.length) para('No actions recorded.');
  bullets(report.actions.map((a) => `${a.about ? `${a.about}: ` : ''}${a.what} (${a.owner}, due ${formatDate(a.due)})${a.done ? ' - done' : ''}`));

  heading('Decisions');
  if (!report.decisions.length) para('No decisions recorded.');
  bullets(report.decisions.map((d) => `${d.about ? `${d.about}: ` : ''}${d.text}`));

  doc.end();
  return done;
}
