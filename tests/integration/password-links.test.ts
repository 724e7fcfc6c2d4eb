import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCli } from '../helpers/admin-cli';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept, outbox, testPassword } from '../helpers/outbox';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

/** A password link stops working once any other link of that person's is used, or their password changes. */

let server: RunningServer;
let facilitator: ApiClient;
let siteId: string;
beforeAll(async () => {
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Linkton' })).body.id;
});
afterAll(async () => server?.stop());

const tokenIn = (text: string) => /\/set-password#([A-Za-z0-9_-]{32,64})/.exec(text.replace(/=\r?\n/g, ''))?.[1];
const resetLinksTo = (email: string) => outbox(server.dataDir).filter((m) => m.includes(`To: ${email}`) && m.includes('/set-password#')).map((m) => tokenIn(m)!);
const setPassword = (token: string, password: string) => new ApiClient(server.url).post('/api/auth/set-password', { token, password });

async function askForResetLink(email: string): Promise<string> {
  const before = resetLinksTo(email).length;
  expect((await new ApiClient(server.url).post('/api/auth/forgotten-password', { email })).status).toBe(202);
  let links: string[] = [];
  // The mail goes out in the background; wait for it to be written.
  await expect.poll(() => (links = resetLinksTo(email)).length, { timeout: 10_000 }).toBe(before + 1);
  return links.at(-1)!;
}

describe('superseded password links', () => {
  it('an older reset link is refused once a newer one has been used', async () => {
    await inviteAndAccept(server, facilitator, siteId, 'older@linkton.example');
    const older = await askForResetLink('older@linkton.example');
    const newer = await askForResetLink('older@linkton.example');
    expect((await setPassword(newer, 'the newer long password')).status).toBe(200);
    const refused = await setPassword(older, 'the older long password');
    expect(refused.status).toBe(410);
    expect((await new ApiClient(server.url).post('/api/auth/login', { email: 'older@linkton.example', password: 'the newer long password' })).status).toBe(200);
    expect((await new ApiClient(server.url).post('/api/auth/login', { email: 'older@linkton.example', password: 'the older long password' })).status).toBe(401);
  });

  it('a newer reset link is refused once an older one has been used', async () => {
    await inviteAndAccept(server, facilitator, siteId, 'either@linkton.example');
    const older = await askForResetLink('either@linkton.example');
    const newer = await askForResetLink('either@linkton.example');
    expect((await setPassword(older, 'the older long password')).status).toBe(200);
    expect((await setPassword(newer, 'the newer long password')).status).toBe(410);
  });

  it('changing the password voids every reset link sent before', async () => {
    const person = await inviteAndAccept(server, facilitator, siteId, 'changer@linkton.example');
    const link = await askForResetLink('changer@linkton.example');
    expect((await person.post('/api/me/password', { currentPassword: testPassword, newPassword: 'a changed long password' })).status).toBe(204);
    expect((await setPassword(link, 'someone else’s password')).status).toBe(410);
    expect((await new ApiClient(server.url).post('/api/auth/login', { email: 'changer@linkton.example', password: 'a changed long password' })).status).toBe(200);
  });

  it('a second welcome from create-facilitator voids the first', async () => {
    const env = { DATA_DIR: server.dataDir, PUBLIC_URL: server.url };
    const first = tokenIn((await adminCli(env, 'create-facilitator', '--email', 'twice@linkton.example', '--name', 'Twice Welcomed')).out)!;
    const second = tokenIn((await adminCli(env, 'create-facilitator', '--email', 'twice@linkton.example', '--name', 'Twice Welcomed')).out)!;
    expect(first).not.toBe(second);
    expect((await setPassword(first, 'the first long password')).status).toBe(410);
    expect((await setPassword(second, 'the second long password')).status).toBe(200);
    expect((await setPassword(second, 'the second long password')).status).toBe(410);
  });

  it('a welcome link is refused once a reset link has been used', async () => {
    const env = { DATA_DIR: server.dataDir, PUBLIC_URL: server.url };
    const welcome = tokenIn((await adminCli(env, 'create-facilitator', '--email', 'both@linkton.example', '--name', 'Both Links')).out)!;
    const reset = await askForResetLink('both@linkton.example');
    expect((await setPassword(reset, 'the reset long password')).status).toBe(200);
    expect((await setPassword(welcome, 'the welcome long password')).status).toBe(410);
  });
});
