import { isRealDay, type Day } from './dates';

/**
 * A day typed into a GOV.UK date input (`readDay` in the client sends it as "year-month-day",
 * each part as typed, an empty part left empty), checked as the GOV.UK date input guidance says
 * it: one message for each thing that can be wrong, naming the part to mend. The client forms and
 * the server read it with this one rule, so the message a person sees before sending is the one
 * the server would give.
 */
export type TypedDay = { ok: true; day: Day } | { ok: false; problem: string };

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * `answer` as a day, or what is wrong with it. `question` names the date in its messages, as in
 * "Enter the date it is due" and "Date it is due must be a real date". With `today`, a day before
 * it is refused: the answer is about something still to come.
 */
export function checkTypedDay(answer: string, question: string, today?: Day): TypedDay {
  const refuse = (problem: string): TypedDay => ({ ok: false, problem });
  const parts = answer.split('-').map((part) => part.trim());
  if (parts.every((part) => !part)) return refuse(`Enter the ${question}`);
  if (parts.length !== 3) return refuse(`${sentence(question)} must be a real date`);
  const [year, month, day] = parts as [string, string, string];
  // Named in the order the boxes are shown: day, month, year.
  const missing = Object.entries({ day, month, year }).flatMap(([name, part]) => (part ? [] : [name]));
  if (missing.length) return refuse(`${sentence(question)} must include a ${missing.join(' and ')}`);
  if (parts.some((part) => !/^\d+$/.test(part))) return refuse(`${sentence(question)} must be a real date`);
  // "27" would be the year 27; a leading zero is the same two numbers padded.
  if (!/^[1-9]\d{3}$/.test(year)) return refuse('Year must include 4 numbers');
  if (month.length > 2 || day.length > 2) return refuse(`${sentence(question)} must be a real date`);
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isRealDay(iso)) return refuse(`${sentence(question)} must be a real date`);
  if (today && iso < today) return refuse(`${sentence(question)} must be today or in the future`);
  return { ok: true, day: iso };
}
