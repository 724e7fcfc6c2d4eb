import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminCli } from '../helpers/admin-cli';
import { collabClient, eventually, whenSynced } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';
import { pause } from '../helpers/pace';

const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

/** `npm run backup` / `npm run restore` against the data in `dataDir`. */
const cli = (dataDir: string, ...args: string[]) => adminCli({ DATA_DIR: dataDir }, ...args);

describe('backing up and restoring the embedded store', () => {
  it('a backup taken while people edit restores to a store that opens and holds every edit acknowledged before it', async () => {
    const server = await startApp();
    servers.push(server);
    const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const siteId = (await facilitator.get('/api/sites')).body[0].id;
    const docName = `site:${siteId}:backup`;
    // The server relays an edit only once it is stored: what the reader receives is acknowledged.
    const writer = collabClient(server.wsUrl, docName, facilitator.cookie);
    const reader = collabClient(server.wsUrl, docName, facilitator.cookie);
    const received = new Set<string>();
    reader.doc.getMap('entries').observe((event) => event.keysChanged.forEach((key) => received.add(key)));
    await Promise.all([whenSynced(writer), whenSynced(reader)]);

    let written = 0;
    let writing = true;
    const typing = (async () => {
      while (writing) {
        writer.doc.getMap<string>('entries').set(`e${String(written++).padStart(5, '0')}`, 'x'.repeat(200));
        await pause(5);
      }
    })();
    await eventually(() => expect(received.size).toBeGreaterThan(100));
    const acknowledgedBefore = new Set(received);
    const backupFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lp-backup-')), 'nightly.db');
    const backup = await cli(server.dataDir, 'backup', '--to', backupFile);
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toMatch(/Backed up .* to .*nightly\.db \(\d+ KB\)/);
    await eventually(() => expect(received.size).toBeGreaterThan(acknowledgedBefore.size + 20));
    writing = false;
    await typing;
    writer.destroy();
    reader.destroy();

    // Restored into a fresh folder (as onto a new machine), with its own server.
    const restoredDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-restored-'));
    const restore = await cli(restoredDir, 'restore', '--from', backupFile);
    expect(restore.code, restore.out).toBe(0);
    const restored = await startApp({ dataDir: restoredDir });
    servers.push(restored);
    const again = await ApiClient.signIn(restored.url, 'facilitator@demo.example', demoPassword);
    const after = collabClient(restored.wsUrl, docName, again.cookie);
    await whenSynced(after);
    const stored = new Set(after.doc.getMap('entries').keys());
    after.destroy();
    const lost = [...acknowledgedBefore].filter((key) => !stored.has(key));
    expect({ acknowledgedBefore: acknowledgedBefore.size, lost }).toEqual({ acknowledgedBefore: acknowledgedBefore.size, lost: [] });
  }, 90_000);

  it('refuses to restore a file that is not a sound backup, and leaves the data as it was', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-restore-bad-'));
    const notADatabase = path.join(dataDir, 'holiday-photo.jpg');
    fs.writeFileSync(notADatabase, 'not a database at all');
    fs.writeFileSync(path.join(dataDir, 'link-programme.db'), 'the data that is there now');
    const refused = await cli(dataDir, 'restore', '--from', notADatabase);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/holiday-photo\.jpg cannot be restored: it cannot be opened/);
    expect(fs.readFileSync(path.join(dataDir, 'link-programme.db'), 'utf8')).toBe('the data that is there now');
    expect((await cli(dataDir, 'restore')).out).toContain('Say which backup to restore: --from FILE');
  });
});
