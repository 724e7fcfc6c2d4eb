import crypto from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { fieldErrors } from '@shared/api/errors';
import {
  directoryCsvColumns,
  DirectoryEntryBody,
  emptyDirectory,
  ImportDirectoryBody,
  isStale,
  searchDirectory,
  Directory,
  type DirectoryEntry,
} from '@shared/directory/directory';
import { signedInUser } from '../auth/sessions';
import { HttpError, parse } from '../http/errors';
import { fromCsv, toCsv } from '../http/csv';
import { SiteParams } from '../http/params';
import { requireMembership } from '../sites/access';
import type { Store } from '../store';
import { readVersioned, updateVersioned } from '../store/versioned';

const EntryParams = SiteParams.extend({ entryId: z.string().min(1).max(64) });
const SearchQuery = z.object({ q: z.string().max(200).default('') });

const today = () => new Date().toISOString().slice(0, 10);
const withFlags = (entries: DirectoryEntry[]) => entries.map((e) => ({ ...e, stale: isStale(e, today()) }));

/** Rows of an imported CSV as entries, or every problem with the row numbers people see in a spreadsheet. */
function entriesFromCsv(csv: string): z.infer<typeof DirectoryEntryBody>[] {
  let rows: Record<string, string>[];
  try {
    rows = fromCsv(csv);
  } catch (error) {
    throw new HttpError(400, `The file could not be read as CSV: ${(error as Error).message}`);
  }
  const missing = directoryCsvColumns.filter((c) => rows.length && !(c.header in rows[0]!)).map((c) => c.header);
  if (!rows.length) throw new HttpError(400, 'The file has no rows to import');
  if (missing.length) throw new HttpError(400, `The file is missing the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  const problems: string[] = [];
  const entries = rows.map((row, i) => {
    const parsed = DirectoryEntryBody.safeParse(Object.fromEntries(directoryCsvColumns.map((c) => [c.key, row[c.header]])));
    if (!parsed.success) problems.push(`Row ${i + 2}: ${Object.values(fieldErrors(parsed.error))[0]}`);
    return parsed.data!;
  });
  if (problems.length) throw new HttpError(400, `Nothing was imported. ${problems.slice(0, 5).join('. ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
  return entries;
}

/** The site's local services directory: any member reads and edits it; nobody else sees it. */
export function directoryRoutes(deps: { store: Store }) {
  const { store } = deps;
  const router = Router();
  const read = (siteId: string) => readVersioned(store, 'directory', siteId, emptyDirectory, Directory);
  const change = (siteId: string, apply: (d: Directory) => Directory | string) =>
    updateVersioned(store, 'directory', siteId, emptyDirectory, (current) => {
      const next = apply(structuredClone(current));
      return typeof next === 'string' ? { ok: false, error: next } : { ok: true, value: { ...next, version: current.version + 1 } };
    }, Directory);

  router.get('/sites/:siteId/directory', async (req, res) => {
    const { siteId } = parse(SiteParams, req.params);
    await requireMembership(store, signedInUser(res), siteId);
    const { q } = parse(SearchQuery, req.query);
    res.json(withFlags(searchDirectory((await read(siteId)).entries, q)));
  });

  router.get('/sites/:siteId/directory/export.csv', async (req, res) => {
    const { siteId } = parse(SiteParams, req.params);
    await requireMembership(store, signedInUser(res), siteId);
    const rows = (await read(siteId)).entries.map((e) => directoryCsvColumns.map((c) => e[c.key]));
    res.type('text/csv').attachment('local-services-directory.csv').send(toCsv([directoryCsvColumns.map((c) => c.header), ...rows]));
  });

  router.post('/sites/:siteId/directory', async (req, res) => {
    const user = signedInUser(res);
    const { siteId } = parse(SiteParams, req.params);
    await requireMembership(store, user, siteId);
    const body = parse(DirectoryEntryBody, req.body);
    const entry: DirectoryEntry = { id: crypto.randomUUID(), ...body, updatedBy: user.id, updatedAt: new Date().toISOString() };
    await change(siteId, (d) => ({ ...d, entries: [...d.entries, entry] }));
    res.status(201).json(entry);
  });

  router.put('/sites/:siteId/directory/:entryId', async (req, res) => {
    const user = signedInUser(res);
    const { siteId, entryId } = parse(EntryParams, req.params);
    await requireMembership(store, user, siteId);
    const body = parse(DirectoryEntryBody, req.body);
    await change(siteId, (d) => {
      const index = d.entries.findIndex((e) => e.id === entryId);
      if (index < 0) return 'There is no such entry in this directory';
      d.entries[index] = { ...d.entries[index]!, ...body, updatedBy: user.id, updatedAt: new Date().toISOString() };
      return d;
    });
    res.status(204).end();
  });

  router.post('/sites/:siteId/directory/:entryId/confirm', async (req, res) => {
    const user = signedInUser(res);
    const { siteId, entryId } = parse(EntryParams, req.params);
    await requireMembership(store, user, siteId);
    await change(siteId, (d) => {
      const entry = d.entries.find((e) => e.id === entryId);
      if (!entry) return 'There is no such entry in this directory';
      Object.assign(entry, { lastConfirmed: today(), updatedBy: user.id, updatedAt: new Date().toISOString() });
      return d;
    });
    res.status(204).end();
  });

  router.delete('/sites/:siteId/directory/:entryId', async (req, res) => {
    const user = signedInUser(res);
    const { siteId, entryId } = parse(EntryParams, req.params);
    await requireMembership(store, user, siteId);
    await change(siteId, (d) => (d.entries.some((e) => e.id === entryId) ? { ...d, entries: d.entries.filter((e) => e.id !== entryId) } : 'There is no such entry in this directory'));
    res.status(204).end();
  });

  router.post('/sites/:siteId/directory/import', async (req, res) => {
    const user = signedInUser(res);
    const { siteId } = parse(SiteParams, req.params);
    await requireMembership(store, user, siteId);
    const rows = entriesFromCsv(parse(ImportDirectoryBody, req.body).csv);
    const now = new Date().toISOString();
    await change(siteId, (d) => ({ ...d, entries: [...d.entries, ...rows.map((row) => ({ id: crypto.randomUUID(), ...row, updatedBy: user.id, updatedAt: now }))] }));
    res.status(201).json({ imported: rows.length });
  });

  return router;
}
