import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { io } from 'socket.io-client';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { allItems } from '@shared/survey/instrument';
import type { SurveyCount } from '@shared/survey/api';
import { collabClient, eventually, whenSynced } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { request, type ClientSocket } from '../helpers/realtime';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

/** What a member might try with our own API and protocols once they are, or were, on a site. */
let server: RunningServer;
let facilitator: ApiClient;
let lead: ApiClient;
let siteId: string;
let campaignId: string;
let token: string;

const answers = Object.fromEntries(allItems(demoInstrument).map((item) => [item.id, 3]));
const submitSurvey = () => new ApiClient(server.url).post(`/api/public/surveys/${token}/responses`, { answers, context: { setting: 'primary' } });

beforeAll(async () => {
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Hostile Borough' })).body.id;
  lead = await inviteAndAccept(server, facilitator, siteId, 'lead@hostile.example', { role: 'lead', name: 'Lee Lead' });
  const created = await lead.post(`/api/sites/${siteId}/surveys`, { accessMode: 'open', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString() });
  campaignId = created.body.id;
  token = created.body.publicUrl.split('/s/')[1];
});
afterAll(async () => {
  await server?.stop();
});

describe('a member removed while their connection was dropping', () => {
  it('is not recovered into the site’s rooms, hears nothing more of it, and cannot join again', async () => {
    // A second lead: the survey's live count goes only to those who run the survey.
    const member = await inviteAndAccept(server, facilitator, siteId, 'leaving@hostile.example', { role: 'lead', name: 'Leaving Member' });
    const socket: ClientSocket = io(server.url, { extraHeaders: { Cookie: member.cookie }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    expect((await request(socket, 'site:join', { siteId })).ok).toBe(true);
    expect((await request(socket, 'survey:watch', { campaignId })).ok).toBe(true);
    // Recovery needs an event received before the drop (its offset is where to resume); the
    // count moves in fives, so five answers make one.
    const firstCount = new Promise<void>((resolve) => socket.once('survey:count', () => resolve()));
    for (let answered = 1; answered <= 5; answered++) expect((await submitSurvey()).status).toBe(201);
    await firstCount;
    const heard: string[] = [];
    socket.onAny((event) => heard.push(event));

    // The connection drops (not a sign-out): the server keeps its rooms for recovery.
    const dropped = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    socket.io.engine.close();
    await dropped;
    const members = (await lead.get(`/api/sites/${siteId}`)).body.members as { userId: string; email: string }[];
    const target = members.find((m) => m.email === 'leaving@hostile.example')!;
    expect((await facilitator.request('DELETE', `/api/sites/${siteId}/members/${target.userId}`, {})).status).toBeLessThan(300);

    const back = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.connect();
    await back;
    // Not recovered: it starts afresh, and must join again through the membership check.
    expect(socket.recovered).toBe(false);
    expect(await request(socket, 'site:join', { siteId })).toEqual({ ok: false, error: 'You are not a member of this site' });
    expect((await request(socket, 'survey:watch', { campaignId }))).toMatchObject({ ok: false, error: 'You do not have access to this survey' });

    // Someone still on the site hears the survey count; the removed member must not.
    const control: ClientSocket = io(server.url, { extraHeaders: { Cookie: lead.cookie }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) => control.once('connect', () => resolve()));
    await request(control, 'survey:watch', { campaignId });
    const counts: SurveyCount[] = [];
    control.on('survey:count', (c) => counts.push(c));
    // Five more answers take the count to its next step.
    for (let answered = 6; answered <= 10; answered++) expect((await submitSurvey()).status).toBe(201);
    await eventually(() => expect(counts.at(-1)?.completed).toBe(10));
    // Barrier: the count went out before this round trip's answer, and one connection's messages
    // arrive in order, so had the removed member been sent it, it would be in `heard` by now.
    await request(socket, 'site:join', { siteId });
    expect(heard.filter((event) => event !== 'site:membership-ended')).toEqual([]);
    socket.close();
    control.close();
  });
});

describe('presence on a board', () => {
  it('shows who the server knows each person to be, and nobody can change or remove another’s', async () => {
    const stakeholder = await inviteAndAccept(server, lead, siteId, 'spoofer@hostile.example', { name: 'Sam Spoofer' });
    const doc = `site:${siteId}:presence-check`;
    const watcher = collabClient(server.wsUrl, doc, lead.cookie);
    const spoofer = collabClient(server.wsUrl, doc, stakeholder.cookie);
    await Promise.all([whenSynced(watcher), whenSynced(spoofer)]);
    watcher.provider.awareness.setLocalStateField('user', { id: 'lead', name: 'Lee Lead' });
    spoofer.provider.awareness.setLocalStateField('user', { id: 'facilitator-id', name: 'The Facilitator', role: 'facilitator' });
    spoofer.provider.awareness.setLocalStateField('editing', 'goal-n1');

    const seenByWatcher = () => watcher.provider.awareness.getStates().get(spoofer.doc.clientID) as { user: { name: string; role: string }; editing: unknown } | undefined;
    await eventually(() => expect(seenByWatcher()?.editing).toBe('goal-n1'));
    expect(seenByWatcher()!.user).toMatchObject({ name: 'Sam Spoofer', role: 'stakeholder' });

    // A raw awareness frame from the spoofer for the watcher's client id, with a later clock so
    // only the server's check can stop it, trying to rename them and then remove them.
    const third = collabClient(server.wsUrl, doc, facilitator.cookie);
    await whenSynced(third);
    for (const state of [{ user: { name: 'Forged' } }, null]) {
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, 1);
      encoding.writeVarUint(update, watcher.doc.clientID);
      encoding.writeVarUint(update, 1000);
      encoding.writeVarString(update, JSON.stringify(state));
      const frame = encoding.createEncoder();
      encoding.writeVarUint(frame, 1);
      encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
      (spoofer.provider.ws as unknown as { send: (data: Uint8Array) => void }).send(encoding.toUint8Array(frame));
    }
    // Barrier: a change of the spoofer's own presence, sent after the forged frames over the same
    // connection, reaches the third client only after the server has dealt with those.
    spoofer.provider.awareness.setLocalStateField('editing', 'after-the-forgeries');
    await eventually(() => expect((third.provider.awareness.getStates().get(spoofer.doc.clientID) as { editing?: unknown } | undefined)?.editing).toBe('after-the-forgeries'));
    const seenByThird = third.provider.awareness.getStates().get(watcher.doc.clientID) as { user: { name: string } } | undefined;
    expect(seenByThird?.user.name).toBe('Lee Lead');
    expect(spoofer.closes).toEqual([]);
    for (const client of [watcher, spoofer, third]) client.destroy();
  });
});

describe('logs and exports', () => {
  it('keeps survey links and other tokens out of the request logs', async () => {
    await new ApiClient(server.url).get(`/api/public/surveys/${token}`);
    await new ApiClient(server.url).get(`/s/${token}`);
    expect(server.output()).toContain('[token]');
    expect(server.output()).not.toContain(token);
  });

  it('writes text that a spreadsheet would run as a formula as plain text, and reads it back unchanged', async () => {
    const entry = {
      organisation: '=HYPERLINK("http://evil.example","Click")',
      service: '+44 council helpline',
      forWhom: '-1+2',
      referralRoute: '@attacker',
      contactName: 'Ann Other',
      contactHow: 'Phone',
      lastConfirmed: '2026-11-01',
    };
    const added = await lead.post(`/api/sites/${siteId}/directory`, entry);
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const csv = (await lead.get(`/api/sites/${siteId}/directory/export.csv`)).body as string;
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(csv).toContain("'+44 council helpline");
    expect(csv).toContain("'@attacker");
    for (const line of csv.split('\n').slice(1)) for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+\-@]/);
    // Imported back, the entry reads as it was typed.
    const imported = await lead.post(`/api/sites/${siteId}/directory/import`, { csv });
    expect(imported.status, JSON.stringify(imported.body)).toBeLessThan(300);
    const entries = (await lead.get(`/api/sites/${siteId}/directory`)).body as { organisation: string; referralRoute: string }[];
    expect(entries.map((e) => e.organisation)).toContain(entry.organisation);
    expect(entries.every((e) => !e.organisation.startsWith("'"))).toBe(true);
  });
});
