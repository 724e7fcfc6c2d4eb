import { formatDate } from '../format';
import { changeFromBaseline } from '../goals/gbo';
import type { MeetingReport } from './meeting-report';

/**
 * The meeting record as plain blocks — headings, paragraphs and lists — for the editable
 * documents (ODT and DOCX) leads circulate in their organisations. Both files are written from
 * this one outline, so they always say the same thing.
 */
export type RecordBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] };

/**
 * Text as XML 1.0 can hold it: without the control characters (other than tab and line breaks)
 * and the two non-characters it forbids even escaped, which members can type or paste into any
 * free text. One of them left in makes the whole file unreadable to every word processor.
 */
export const xmlCharacters = (text: string): string => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export function recordOutline(report: MeetingReport): RecordBlock[] {
  const blocks: RecordBlock[] = [];
  const heading = (text: string, level: 1 | 2 = 1) => blocks.push({ kind: 'heading', level, text });
  const paragraph = (text: string) => blocks.push({ kind: 'paragraph', text });
  const list = (items: string[]) => {
    if (items.length) blocks.push({ kind: 'list', items });
  };

  blocks.push({ kind: 'title', text: `${report.site.name}: ${report.meeting.kindLabel}` });
  paragraph(`Held on ${formatDate(report.meeting.heldAt)}; record closed ${formatDate(report.meeting.closedAt)}. ${report.attendance.total} ${report.attendance.total === 1 ? 'person' : 'people'} attended.`);
  list(report.attendance.byOrganisation.map((o) => `${o.name}: ${o.count}`));

  heading('The board, by domain and theme');
  for (const d of report.domains) {
    heading(`${d.id}. ${d.title}`, 2);
    paragraph(d.agreed ? `Agreed rating: ${d.agreed.rating} out of 5. ${d.agreed.rationale}`.trim() : 'No agreed rating was recorded.');
    if (d.change !== null) paragraph(`Change since the last rated meeting: ${signed(d.change)} (from ${d.previousRating}).`);
    for (const theme of d.themes) {
      paragraph(`Theme: ${theme.name}`);
      list(theme.notes);
    }
    const unthemed = [...d.strengths.map((t) => `Strength: ${t}`), ...d.challenges.map((t) => `Challenge: ${t}`)];
    list(unthemed);
  }

  if (report.areasOfNeed.length) {
    heading('Areas of greatest need');
    list(report.areasOfNeed.map((a) => `${a.id}. ${a.title} (${a.votes} votes)`));
  }

  heading('Goals');
  if (!report.goals.length) paragraph('No goals have been agreed yet.');
  for (const g of report.goals) {
    heading(`Goal ${g.position}: ${g.wording}`, 2);
    paragraph(`Owner: ${g.namedOwner ?? 'not yet named'}${g.owner ? ` (accountable: ${g.owner})` : ''}. Due by ${g.dueDate ? formatDate(g.dueDate) : 'no date'}.`);
    paragraph(`Measure and target: ${g.measure || 'not given'}; ${g.target || 'no target'}.`);
    paragraph(g.ratings.length ? `Agreed ratings (0 to 10): ${g.ratings.map((r) => `${r.label} ${r.rating}`).join('; ')}.` : 'Not yet rated.');
    if (g.change !== null) paragraph(`Now ${g.ratings.at(-1)!.rating} out of 10, ${changeFromBaseline(g.change)}.`);
    if (g.reviewed) list([`Progress: ${g.reviewed.progress || 'not recorded'}`, `Barriers: ${g.reviewed.barriers || 'not recorded'}`, `How to overcome them: ${g.reviewed.overcome || 'not recorded'}`]);
  }

  heading('Actions');
  if (!report.actions.length) paragraph('No actions recorded.');
  list(report.actions.map((a) => `${a.about ? `${a.about}: ` : ''}${a.what} (${a.owner}, due ${formatDate(a.due)})${a.done ? ' – done' : ''}`));

  heading('Decisions');
  if (!report.decisions.length) paragraph('No decisions recorded.');
  list(report.decisions.map((d) => `${d.about ? `${d.about}: ` : ''}${d.text}`));
  return blocks;
}
