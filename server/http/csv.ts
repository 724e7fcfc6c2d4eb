import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/**
 * Spreadsheets run a cell that begins with = + - @ (or a tab or carriage return) as a formula,
 * so a note typed as `=HYPERLINK(...)` would act when a lead opens the export. Such text cells
 * get a leading apostrophe, which spreadsheets show as plain text (OWASP's advice). Numbers are
 * written as numbers.
 */
const formulaStart = /^[=+\-@\t\r]/;
const guardCell = (cell: unknown) => (typeof cell === 'string' && formulaStart.test(cell) ? `'${cell}` : cell);

export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return stringify(rows.map((row) => row.map(guardCell)));
}

/** Reads a CSV with a header row; takes off the apostrophe that `toCsv` adds, so exports import back unchanged. */
export function fromCsv(csv: string): Record<string, string>[] {
  const rows: Record<string, string>[] = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  const unguard = (value: string) => (value.startsWith("'") && formulaStart.test(value.slice(1)) ? value.slice(1) : value);
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, unguard(value)])));
}
