import path from 'node:path';
import Database from 'better-sqlite3';

/** Row counts of every table in a server's SQLite file: a cheap "nothing was written" check. */
export function rowCounts(dataDir: string): Record<string, number> {
  const db = new Database(path.join(dataDir, 'link-programme.db'), { readonly: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
    return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

/**
 * How many surveys a campaign has stored, read from the SQLite file: while a survey is open the
 * API tells only steps of five, and a test of "stored once" needs the exact figure.
 */
export function storedResponses(dataDir: string, campaignId: string): number {
  const db = new Database(path.join(dataDir, 'link-programme.db'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM survey_responses WHERE campaign_id = ?').get(campaignId) as { n: number }).n;
  } finally {
    db.close();
  }
}
