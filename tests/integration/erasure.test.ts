import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import { adminCli } from '../helpers/admin-cli';
import { eventually } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { invitationToken, outbox, testPassword } from '../helpers/outbox';
import { runConsultationAndReview, stakeholderProfiles } from '../helpers/programme';
import { connectedSocket, request } from '../helpers/realtime';
import { storageModes } from '../helpers/redis';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

/** Every value in every table of the SQLite file, text and bytes alike (Yjs documents are stored as bytes). */
function sqliteContents(dataDir: string): Buffer[] {
  const db = new Database(path.join(dataDir, 'link-programme.db'), { readonly: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    return tables.flatMap(({ name }) =>
      db
        .prepare(`SELECT * FROM "${name}"`)
        .raw()
        .all()
        .flatMap((row) => (row as unknown[]).filter((cell) => cell !== null).map((cell) => (Buffer.isBuffer(cell) ? cell : Buffer.from(String(cell))))),
    );
  } finally {
    db.close();
  }
}

/** Every key and value under the server's prefix, whatever the key's type. */
async function redisContents(url: string, prefix: string): Promise<Buffer[]> {
  const redis = new Redis(url);
  const out: Buffer[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        out.push(Buffer.from(key));
        const type = await redis.type(key);
        if (type === 'string') out.push((await redis.getBuffer(key))!);
        else if (type === 'hash') out.push(...Object.entries(await redis.hgetallBuffer(key)).flatMap(([k, v]) => [Buffer.from(k), v]));
        else if (type === 'zset' || type === 'list') out.push(...(type === 'zset' ? await redis.zrangeBuffer(key, 0, -1) : await redis.lrangeBuffer(key, 0, -1)));
        else if (type === 'set') out.push(...(await redis.smembersBuffer(key)));
        else if (type === 'stream') out.push(...(await redis.xrangeBuffer(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]));
        else throw new Error(`a ${type} key the search does not read: ${key}`);
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return out;
}

/** Every value in every table of the server's PostgreSQL schema, text and bytes alike. */
async function postgresContents(url: string, schema: string): Promise<Buffer[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
    const out: Buffer[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await client.query({ text: `SELECT * FROM "${schema}"."${table_name}"`, rowMode: 'array' });
      for (const row of rows.rows as unknown[][]) out.push(...row.filter((cell) => cell !== null).map((cell) => (Buffer.isBuffer(cell) ? cell : Buffer.from(String(cell)))));
    }
    return out;
  } finally {
    await client.end();
  }
}

describe.each(storageModes())('erasing a person (%s)', (_mode, env) => {
  it('leaves no trace of their name or email in any table or key, while the meeting report still renders', async () => {
    const server = await startApp({ env });
    servers.push(server);
    const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    // A year in which Priya wrote notes, proposed and owned goals, rated beforehand, added an action and wrote review notes.
    const year = await runConsultationAndReview(server, facilitator, 'Erasure Borough');
    const priya = year.stakeholderApis[0]!;
    const me = (await priya.get('/api/me')).body as { id: string; email: string; name: string };
    expect(me.name).toBe(stakeholderProfiles[0].name);
    await priya.post(`/api/meetings/${year.reviewId}/registration`);
    const traces = [me.name, me.email];
    // With several processes: PostgreSQL, and whatever Redis still holds of the messages it passed.
    const contents = async () =>
      env.DATABASE_URL ? [...(await postgresContents(env.DATABASE_URL, env.DATABASE_SCHEMA!)), ...(await redisContents(env.REDIS_URL!, env.REDIS_PREFIX!))] : sqliteContents(server.dataDir);
    const found = async () => {
      const all = await contents();
      return traces.filter((trace) => all.some((value) => value.includes(Buffer.from(trace))));
    };
    // The search finds them before: it would notice a miss.
    expect(await found()).toEqual(traces);

    expect((await priya.post(`/api/admin/accounts/${me.id}/erase`)).status).toBe(403);
    expect((await facilitator.post(`/api/admin/accounts/${me.id}/erase`)).status).toBe(204);
    if (!env.DATABASE_URL) await server.stop();
    expect(await found()).toEqual([]);
    if (!env.DATABASE_URL) {
      // Nor in the file's bytes: not in free pages, not in the write-ahead log.
      const files = fs.readdirSync(server.dataDir).filter((f) => f.startsWith('link-programme.db'));
      const bytes = Buffer.concat(files.map((f) => fs.readFileSync(path.join(server.dataDir, f))));
      expect(traces.filter((trace) => bytes.includes(Buffer.from(trace)))).toEqual([]);
      await server.start();
    }

    // The record of the meetings is intact, with the author shown as a former participant.
    const again = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const report = await again.get(`/api/meetings/${year.consultationId}/report`);
    expect(report.status).toBe(200);
    expect(JSON.stringify(report.body)).toContain('Named link worker in half the schools');
    expect(JSON.stringify(report.body)).toContain('Former participant');
    expect((await again.get(`/api/meetings/${year.reviewId}/report`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/meetings/${year.reviewId}/report.pdf`, { headers: { Cookie: again.cookie } })).status).toBe(200);
    expect((await again.get(`/api/sites/${year.siteId}/goals`)).body.goals).toHaveLength(3);
    // They can no longer sign in, and the log says an account was erased without saying whose.
    expect((await new ApiClient(server.url).post('/api/auth/login', { email: me.email, password: 'a long enough password' })).status).toBe(401);
    const audit = (await again.get('/api/admin/audit')).body as { action: string; subject: string }[];
    expect(audit[0]).toMatchObject({ action: 'account-erased', subject: `Account ${me.id.slice(0, 8)}` });
  }, 120_000);
});

/** The bytes of the database file, its write-ahead log and every mail in the outbox, as they are on disk. */
function bytesOnDisk(dataDir: string): Buffer {
  const files = fs.readdirSync(dataDir).filter((f) => f.startsWith('link-programme.db'));
  const outboxDir = path.join(dataDir, 'outbox');
  const mails = fs.existsSync(outboxDir) ? fs.readdirSync(outboxDir).map((f) => path.join(outboxDir, f)) : [];
  return Buffer.concat([...files.map((f) => path.join(dataDir, f)), ...mails].map((f) => fs.readFileSync(f)));
}

/**
 * A two-letter name cannot be searched for as two bytes (any binary holds them by chance), so it
 * is searched for as a stored value: a JSON string, and a string value in a Yjs document (type
 * 119, length 2). It is two letters that do not begin an English word, so that mail text cannot
 * hold it either.
 */
const shortName = 'Qx';
const storedShortName = [Buffer.from(`"${shortName}"`), Buffer.from([119, 2, ...Buffer.from(shortName)])];

describe('erasing someone who has moved on', () => {
  it('finds them on a site they left, under the name they used before and a two-letter one, in the database, its log, the outbox and a restored backup', async () => {
    const server = await startApp();
    servers.push(server);
    const cli = (...args: string[]) => adminCli({ DATA_DIR: server.dataDir }, ...args);
    const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    // On the first site she writes notes and goals as "Priya CYPMHS".
    const first = await runConsultationAndReview(server, facilitator, 'Left Borough');
    const priya = first.stakeholderApis[0]!;
    const me = (await priya.get('/api/me')).body as { id: string; email: string; name: string };
    const backupFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lp-erasure-backup-')), 'before.db');
    expect((await cli('backup', '--to', backupFile)).code).toBe(0);

    // She leaves it, joins a second site with the same account, and renames herself "Qx".
    expect((await facilitator.delete(`/api/sites/${first.siteId}/members/${me.id}`)).status).toBe(204);
    const second = (await facilitator.post('/api/sites', { name: 'Next Borough' })).body as { id: string };
    expect((await facilitator.post(`/api/sites/${second.id}/invitations`, { email: me.email, role: 'stakeholder' })).status).toBe(201);
    expect((await priya.post('/api/invitations/accept', { token: invitationToken(server.dataDir, me.email), password: testPassword })).status).toBe(200);
    expect((await priya.patch('/api/me', { name: shortName, organisation: 'North CYPMHS' })).status).toBe(200);
    // There she writes a note in a live meeting, which shows her new name.
    const scheduled = await facilitator.post(`/api/sites/${second.id}/meetings`, { kind: 'consultation', startsAt: new Date(Date.now() + 60_000).toISOString(), durationMinutes: 120, attendeeIds: [me.id] });
    const meetingId = scheduled.body.id as string;
    expect((await facilitator.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
    const facilitatorSocket = await connectedSocket(server.url, facilitator.cookie);
    expect((await request(facilitatorSocket, 'meeting:action', { meetingId, action: { type: 'set-phase', phase: 'domain-review' } })).ok).toBe(true);
    facilitatorSocket.close();
    const socket = await connectedSocket(server.url, priya.cookie);
    expect((await request(socket, 'meeting:join', { meetingId })).ok).toBe(true);
    const note = await request(socket, 'meeting:action', { meetingId, action: { type: 'add-note', noteId: 'note-by-qx', domain: 3, list: 'strength', text: 'Shared training days' } });
    expect(note.ok, JSON.stringify(note)).toBe(true);
    socket.close();
    expect((await facilitator.post(`/api/meetings/${meetingId}/close`)).status).toBe(200);
    const secondReport = async (who: ApiClient) => JSON.stringify((await who.get(`/api/meetings/${meetingId}/report`)).body);
    expect(await secondReport(facilitator)).toContain(`"${shortName}"`);

    const traces = [stakeholderProfiles[0].name, me.email];
    const found = (bytes: Buffer) => [...traces.filter((t) => bytes.includes(Buffer.from(t))), ...(storedShortName.some((b) => bytes.includes(b)) ? [shortName] : [])];
    // The search finds every one of them before: it would notice a miss.
    expect(found(bytesOnDisk(server.dataDir))).toEqual([...traces, shortName]);
    expect(outbox(server.dataDir).some((mail) => mail.includes(me.email))).toBe(true);

    expect((await facilitator.post(`/api/admin/accounts/${me.id}/erase`)).status).toBe(204);
    await server.stop();
    expect(found(bytesOnDisk(server.dataDir))).toEqual([]);
    await server.start();
    const again = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    expect(await secondReport(again)).toContain('Former participant');
    expect(JSON.stringify((await again.get(`/api/meetings/${first.consultationId}/report`)).body)).toContain('Named link worker in half the schools');

    // A backup from before the erasure brings her back; the next start erases her again, before it answers.
    await server.stop();
    const restored = await cli('restore', '--from', backupFile);
    expect(restored.code, restored.out).toBe(0);
    expect(found(bytesOnDisk(server.dataDir))).toContain(me.email);
    await server.start();
    expect((await new ApiClient(server.url).post('/api/auth/login', { email: me.email, password: testPassword })).status).toBe(401);
    await server.stop();
    expect(found(bytesOnDisk(server.dataDir))).toEqual([]);
    await server.start();
    await eventually(async () => expect((await new ApiClient(server.url).get('/readyz')).status).toBe(200));

    // On a new machine: a backup taken after the erasure keeps the ledger (ids only) beside it, so
    // restoring the older backup from the same folder into an empty data folder erases her again there.
    expect((await cli('backup', '--to', path.join(path.dirname(backupFile), 'after.db'))).code).toBe(0);
    const newMachine = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-erasure-new-machine-'));
    const restoredThere = await adminCli({ DATA_DIR: newMachine }, 'restore', '--from', backupFile);
    expect(restoredThere.code, restoredThere.out).toBe(0);
    expect(found(bytesOnDisk(newMachine))).toContain(me.email);
    const elsewhere = await startApp({ dataDir: newMachine });
    servers.push(elsewhere);
    expect((await new ApiClient(elsewhere.url).post('/api/auth/login', { email: me.email, password: testPassword })).status).toBe(401);
    await elsewhere.stop();
    expect(found(bytesOnDisk(newMachine))).toEqual([]);
  }, 180_000);
});
