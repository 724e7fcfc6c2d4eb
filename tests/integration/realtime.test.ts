import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, SitePresence } from '@shared/realtime';
import { connectedSocket, socketFor as socketForUrl, type ClientSocket } from '../helpers/realtime';
import { eventually } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';


let server: RunningServer;
let demoSiteId: string;
let otherSiteId: string;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startApp();
  const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  demoSiteId = (await facilitator.get('/api/sites')).body[0].id;
  otherSiteId = (await facilitator.post('/api/sites', { name: 'Elsewhere' })).body.id;
});
afterEach(() => sockets.splice(0).forEach((s) => s.close()));
afterAll(async () => server?.stop());

function socketFor(cookie: string): ClientSocket {
  const socket = socketForUrl(server.url, cookie);
  sockets.push(socket);
  return socket;
}

async function signedInSocket(email: string) {
  const client = await ApiClient.signIn(server.url, email, demoPassword);
  const socket = await connectedSocket(server.url, client.cookie);
  sockets.push(socket);
  return socket;
}

function join(socket: ClientSocket, payload: unknown): Promise<Ack<SitePresence>> {
  return socket.timeout(5000).emitWithAck('site:join', payload as { siteId: string });
}

describe('socket.io facilitation channel', () => {
  it('refuses a connection without a signed-in session', async () => {
    const socket = socketFor('');
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toMatch(/not signed in/);
  });

  it('lets members join their site and shows who is online', async () => {
    const lead = await signedInSocket('lead@demo.example');
    const stakeholder = await signedInSocket('stakeholder1@demo.example');
    const first = await join(lead, { siteId: demoSiteId });
    expect(first).toMatchObject({ ok: true });
    const updates: SitePresence[] = [];
    lead.on('site:presence', (p) => updates.push(p));
    const second = await join(stakeholder, { siteId: demoSiteId });
    expect(second.ok && second.data.online.map((p) => p.name).sort()).toEqual(['Leo Lead', 'Sam Stakeholder']);
    await eventually(() => expect(updates.at(-1)?.online).toHaveLength(2));
    stakeholder.close();
    await eventually(() => expect(updates.at(-1)?.online.map((p) => p.name)).toEqual(['Leo Lead']));
  });

  it('refuses to let a non-member join another site’s room', async () => {
    const stakeholder = await signedInSocket('stakeholder1@demo.example');
    const reply = await join(stakeholder, { siteId: otherSiteId });
    expect(reply).toEqual({ ok: false, error: 'You are not a member of this site' });
  });

  it('answers malformed payloads with a clear error and keeps working', async () => {
    const lead = await signedInSocket('lead@demo.example');
    for (const payload of [null, 42, 'site', {}, { siteId: 7 }, { siteId: 'x'.repeat(5000) }]) {
      const reply = await join(lead, payload);
      expect(reply.ok, JSON.stringify(payload)).toBe(false);
    }
    // No acknowledgement callback at all must not crash the server either.
    (lead as unknown as { emit: (event: string, payload: unknown) => void }).emit('site:join', { siteId: demoSiteId });
    (lead as unknown as { emit: (event: string, payload: unknown) => void }).emit('no-such-event', 1);
    expect(await join(lead, { siteId: demoSiteId })).toMatchObject({ ok: true });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('tells someone removed from a site at once', async () => {
    const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const person = await inviteAndAccept(server, facilitator, otherSiteId, 'brief@example.org');
    const socket = socketFor(person.cookie);
    await new Promise((resolve) => socket.once('connect', () => resolve(undefined)));
    expect(await join(socket, { siteId: otherSiteId })).toMatchObject({ ok: true });
    const ended = new Promise<{ siteId: string }>((resolve) => socket.once('site:membership-ended', resolve));
    const me = (await person.get('/api/me')).body;
    await facilitator.delete(`/api/sites/${otherSiteId}/members/${me.id}`);
    expect(await ended).toEqual({ siteId: otherSiteId });
  });
});
