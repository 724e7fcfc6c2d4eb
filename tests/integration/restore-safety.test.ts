import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { adminCli } from '../helpers/admin-cli';
import { ApiClient } from '../helpers/http';
import { demoPassword, startServer, type RunningServer } from '../helpers/server';
import { attemptStart, jsonLines } from '../helpers/start-attempt';

/**
 * Restore and backup that cannot hurt: a restore refuses while a server runs on the data folder
 * (held for as long as the server process lives, kill -9 included), a database from a newer
 * release is refused by name, and migrations are logged.
 */
const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});
const cli = (dataDir: string, ...args: string[]) => adminCli({ DATA_DIR: dataDir }, ...args);

/** Creates sites one after another; each 201 is an acknowledged write. */
async function createSites(client: ApiClient, names: string[]): Promise<void> {
  for (const name of names) expect((await client.post('/api/sites', { name })).status).toBe(201);
}
const siteNames = async (client: ApiClient): Promise<string[]> => ((await client.get('/api/sites')).body as { name: string }[]).map((s) => s.name);

describe('restoring while a server runs', () => {
  it('is refused, and nothing the server acknowledged before or after is lost; once the server is killed, the restore goes ahead', async () => {
    const server = await startServer();
    servers.push(server);
    // A new database is brought up to this release's schema, each step in the log.
    expect(server.output()).toMatch(/"migration":\d+,"why":"[^"]+","msg":"store migrated"/);
    const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const before = Array.from({ length: 20 }, (_, i) => `Before backup ${i}`);
    await createSites(facilitator, before);
    const backupFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lp-restore-safety-')), 'earlier.db');
    const backup = await cli(server.dataDir, 'backup', '--to', backupFile);
    expect(backup.code, backup.out).toBe(0);
    expect(fs.readdirSync(path.dirname(backupFile))).toEqual(['earlier.db']);

    const after = Array.from({ length: 20 }, (_, i) => `After backup ${i}`);
    await createSites(facilitator, after.slice(0, 10));
    const refused = await cli(server.dataDir, 'restore', '--from', backupFile);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(new RegExp(`A server is using .* \\(process ${server.pid()} on .*\\)\\. Stop every server on this data folder first`));
    await createSites(facilitator, after.slice(10));

    // Everything acknowledged survives the server's sudden death and its next start.
    await server.kill('SIGKILL');
    await server.start();
    const again = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    expect(await siteNames(again)).toEqual(expect.arrayContaining([...before, ...after]));

    // A killed server holds nothing: with this one stopped by kill -9, the restore goes ahead.
    await server.kill('SIGKILL');
    const restored = await cli(server.dataDir, 'restore', '--from', backupFile);
    expect(restored.code, restored.out).toBe(0);
    await server.start();
    const fromBackup = await siteNames(await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword));
    expect(fromBackup).toEqual(expect.arrayContaining(before));
    expect(fromBackup.filter((name) => name.startsWith('After backup'))).toEqual([]);
  }, 120_000);
});

describe('a database from a newer release', () => {
  it('is refused at start, naming DATA_DIR and both schema versions, and left as it was', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-newer-'));
    const file = path.join(dataDir, 'link-programme.db');
    const db = new Database(file);
    db.exec('CREATE TABLE users (id TEXT PRIMARY KEY)');
    db.pragma('user_version = 99');
    db.close();
    const { code, output } = await attemptStart({ NODE_ENV: 'development', PORT: '0', DATA_DIR: dataDir });
    expect(code).toBe(1);
    const fatal = jsonLines(output).find((line) => line.level === 60)!;
    expect(fatal).toMatchObject({ setting: 'DATA_DIR', msg: expect.stringMatching(/made by a newer release \(schema version 99; this release knows up to \d+\)/) });
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(99);
    after.close();
  });
});
