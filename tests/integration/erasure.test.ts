import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/http';
import { runConsultationAndReview, stakeholderProfiles } from '../helpers/programme';
import { storageModes } from '../helpers/redis';
import { demoPassword, startServer, type RunningServer } from '../helpers/server';

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

describe.each(storageModes())('erasing a person (%s)', (_mode, env) => {
  it('leaves no trace of their name or email in any table or key, while the meeting report still renders', async () => {
    const server = await startServer({ env });
    servers.push(server);
    const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    // A year in which Priya wrote notes, proposed and owned goals, rated beforehand, added an action and wrote review notes.
    const year = await runConsultationAndReview(server, facilitator, 'Erasure Borough');
    const priya = year.stakeholderApis[0]!;
    const me = (await priya.get('/api/me')).body as { id: string; email: string; name: string };
    expect(me.name).toBe(stakeholderProfiles[0].name);
    await priya.post(`/api/meetings/${year.reviewId}/registration`);
    const traces = [me.name, me.email];
    const contents = async () => (env.REDIS_URL ? redisContents(env.REDIS_URL, env.REDIS_PREFIX!) : sqliteContents(server.dataDir));
    const found = async () => {
      const all = await contents();
      return traces.filter((trace) => all.some((value) => value.includes(Buffer.from(trace))));
    };
    // The search finds them before: it would notice a miss.
    expect(await found()).toEqual(traces);

    expect((await priya.post(`/api/admin/accounts/${me.id}/erase`)).status).toBe(403);
    expect((await facilitator.post(`/api/admin/accounts/${me.id}/erase`)).status).toBe(204);
    if (!env.REDIS_URL) await server.stop();
    expect(await found()).toEqual([]);
    if (!env.REDIS_URL) {
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
