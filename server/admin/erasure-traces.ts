/**
 * What erasure replaces, and where. A person is found by their email (anywhere) and by every
 * name they have used: a field that names a person and holds exactly one of their names is
 * replaced whatever the name's length ("Al" as a note's author), unless the object says it is
 * someone else's (another "Al"); inside longer text only names of four characters or more are
 * replaced, as a shorter one would match inside other words. Identifiers, kinds, statuses and
 * dates are never touched, so a person calling themselves "open" cannot rewrite every open survey.
 */
export const formerParticipant = 'Former participant';

export interface Traces {
  userId: string;
  email: string;
  names: readonly string[];
}

/** Fields whose whole value is a person's name (or address). */
const personFields = new Set(['authorName', 'proposedByName', 'requestedByName', 'byName', 'ownerName', 'owner', 'by', 'actor', 'updatedBy', 'name', 'subject']);
/** Fields that say whose an object is. */
const ownerFields = ['userId', 'authorId', 'proposedBy', 'requestedBy'];
const untouchableFields = new Set(['id', 'kind', 'status', 'accessMode', 'phase', 'list', 'role', 'sector', 'version', 'publicToken', 'instrumentId', 'instrumentVersion', 'domain', 'theme']);
const untouchable = (field: string | null) => field !== null && (untouchableFields.has(field) || /(Id|Ids|At|On)$/.test(field));

/** Whether an object (a record entry, a note) says it belongs to someone other than this person. */
export function belongsToSomeoneElse(read: (field: string) => unknown, traces: Traces): boolean {
  return ownerFields.some((field) => {
    const owner = read(field);
    return typeof owner === 'string' && owner !== '' && owner !== traces.userId;
  });
}

/** The names searched for inside text: those long enough not to match inside other words. */
const namesWithinText = (traces: Traces): string[] => traces.names.filter((name) => name.length >= 4);

/** Everything searched for inside text (mails, kept broadcasts): the address and those names. */
export const tracesWithinText = (traces: Traces): string[] => [traces.email, ...namesWithinText(traces)];

/** `text`, held in `field`, with the person's traces replaced. */
export function replaceIn(text: string, traces: Traces, field: string | null, someoneElses = false): string {
  if (untouchable(field)) return text;
  if (text.trim() === traces.email) return '[erased]';
  if (field !== null && personFields.has(field) && !someoneElses && traces.names.includes(text.trim())) return formerParticipant;
  let result = text.split(traces.email).join('[erased]');
  if (someoneElses && field !== null && personFields.has(field)) return result;
  for (const name of namesWithinText(traces)) result = result.split(name).join(formerParticipant);
  return result;
}

/** A JSON value with the person's traces replaced in its strings, field by field. */
export function replaceValues(value: unknown, traces: Traces, field: string | null = null, someoneElses = false): unknown {
  if (typeof value === 'string') return replaceIn(value, traces, field, someoneElses);
  if (Array.isArray(value)) return value.map((v) => replaceValues(v, traces, field, someoneElses));
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const theirs = belongsToSomeoneElse((f) => record[f], traces);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, replaceValues(v, traces, k, theirs)]));
  }
  return value;
}
