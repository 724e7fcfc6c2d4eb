import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from 'date-fns';
import crypto from 'node:crypto';
import { addCalendarDays, ukDay } from '@shared/dates';
import { entriesPerPerson } from '@shared/actions';
import { notesPerPerson, themesPerPerson } from '@shared/meetings/board-notes';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { startApp, type InProcessServer } from '../helpers/app';
import { demoPassword } from '../helpers/server';

/**
 * A participant who sends the board's notes by the thousand: every note is kept in the meeting's
 * state, saved and sent to everyone at each action, so without a bound one person slows the whole
 * meeting and buries the shared screen.
 */
let server: InProcessServer;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startApp();
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.stop();
});

describe('a participant flooding the board with notes', () => {
  it('is stopped at the bound one person has, for notes and for themes; everyone else still adds theirs', async () => {
    const facilitatorApi = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const siteId = (await facilitatorApi.post('/api/sites', { name: 'Flooded Board Borough' })).body.id;
    const flooderApi = await inviteAndAccept(server, facilitatorApi, siteId, 'flo@flood.example', { name: 'Flo Flooder' });
    const flooderId = (await flooderApi.get('/api/me')).body.id;
    const created = await facilitatorApi.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: addDays(new Date(), 7).toISOString(), durationMinutes: 120, attendeeIds: [flooderId] });
    const meetingId = created.body.id as string;
    expect((await facilitatorApi.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
    const [facilitator, flooder] = await Promise.all([facilitatorApi, flooderApi].map((api) => connectedSocket(server.url, api.cookie)));
    sockets.push(facilitator!, flooder!);
    for (const socket of [facilitator!, flooder!]) expect((await request(socket, 'meeting:join', { meetingId })).ok).toBe(true);
    expect((await request(facilitator!, 'meeting:action', { meetingId, action: { type: 'set-phase', phase: 'domain-review' } })).ok).toBe(true);
    const addNote = (socket: ClientSocket, noteId: string) => request(socket, 'meeting:action', { meetingId, action: { type: 'add-note', noteId, domain: 2, list: 'strength', text: `Note ${noteId}` } });

    for (let n = 0; n < notesPerPerson; n++) expect((await addNote(flooder!, `flood-${n}`)).ok).toBe(true);
    expect(await addNote(flooder!, 'flood-over')).toEqual({ ok: false, error: `One person can have at most ${notesPerPerson} notes on the board` });
    expect((await addNote(facilitator!, 'honest-note')).ok).toBe(true);

    // Themes, too: each new one is kept and offered beside every note of its domain.
    const startTheme = (socket: ClientSocket, themeId: string) => request(socket, 'meeting:action', { meetingId, action: { type: 'group-note', noteId: 'flood-0', themeId, themeName: `Theme ${themeId}` } });
    for (let n = 0; n < themesPerPerson; n++) expect((await startTheme(flooder!, `theme-${n}`)).ok).toBe(true);
    expect(await startTheme(flooder!, 'theme-over')).toEqual({ ok: false, error: `One person can start at most ${themesPerPerson} themes on the board` });
    expect((await startTheme(flooder!, 'theme-0')).ok).toBe(true);
    expect((await startTheme(facilitator!, 'honest-theme')).ok).toBe(true);
  }, 60_000);

  it('adding a tailored session’s actions by the thousand is stopped at the bound one person has; one sent again is recorded once', async () => {
    const facilitatorApi = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const siteId = (await facilitatorApi.post('/api/sites', { name: 'Flooded Session Borough' })).body.id;
    const flooderApi = await inviteAndAccept(server, facilitatorApi, siteId, 'flo@session.example', { name: 'Flo Flooder' });
    const session = { title: 'Whole-school approach', format: 'online-module', domains: [5], startsAt: addDays(new Date(), 1).toISOString(), durationMinutes: 60, registrationCloseDays: 0 };
    const created = await facilitatorApi.post(`/api/sites/${siteId}/tailored-sessions`, session);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const meetingId = created.body.meeting.id as string;
    expect((await flooderApi.post(`/api/meetings/${meetingId}/registration`)).status).toBe(201);
    const add = (api: ApiClient, what: string, changeId?: string) => api.post(`/api/meetings/${meetingId}/actions`, { what, owner: 'Someone', due: addCalendarDays(ukDay(new Date()), 7), changeId });

    const again = crypto.randomUUID();
    for (let sent = 0; sent < 2; sent++) expect((await add(flooderApi, 'Share the module with staff', again)).status).toBe(201);
    for (let n = 1; n < entriesPerPerson; n++) expect((await add(flooderApi, `Flood ${n}`)).status).toBe(201);
    // A session's actions are kept in the site's goal book, so the bound is the one each person has there.
    expect(await add(flooderApi, 'One more')).toMatchObject({ status: 422, body: { error: `One person can record at most ${entriesPerPerson} actions for a site` } });
    const added = await add(facilitatorApi, 'Send the slides');
    expect(added.status).toBe(201);
    expect((added.body as { what: string }[]).filter((a) => a.what === 'Share the module with staff')).toHaveLength(1);
    expect(added.body).toHaveLength(entriesPerPerson + 1);
  }, 60_000);
});

describe('a participant sending meeting actions in a loop', () => {
  it('is refused past the person’s allowance for the meeting, changing nothing, while everyone else in it still acts', async () => {
    const limit = 20;
    const limited = await startApp({ env: { MEETING_ACTION_LIMIT: String(limit) } });
    try {
      const facilitatorApi = await ApiClient.signIn(limited.url, 'facilitator@demo.example', demoPassword);
      const siteId = (await facilitatorApi.post('/api/sites', { name: 'Looping Borough' })).body.id;
      const looperApi = await inviteAndAccept(limited, facilitatorApi, siteId, 'lou@loop.example', { name: 'Lou Looper' });
      const looperId = (await looperApi.get('/api/me')).body.id;
      const created = await facilitatorApi.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: addDays(new Date(), 7).toISOString(), durationMinutes: 120, attendeeIds: [looperId] });
      const meetingId = created.body.id as string;
      expect((await facilitatorApi.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
      const [facilitator, looper] = await Promise.all([facilitatorApi, looperApi].map((api) => connectedSocket(limited.url, api.cookie)));
      sockets.push(facilitator!, looper!);
      for (const socket of [facilitator!, looper!]) expect((await request(socket, 'meeting:join', { meetingId })).ok).toBe(true);
      expect((await request(facilitator!, 'meeting:action', { meetingId, action: { type: 'start-ready-check' } })).ok).toBe(true);

      // Ready, not ready, ready…: each one stored and sent to everyone, up to the allowance.
      for (let n = 0; n < limit; n++) expect((await request(looper!, 'meeting:action', { meetingId, action: { type: 'mark-ready', ready: n % 2 === 0 } })).ok).toBe(true);
      expect(await request(looper!, 'meeting:action', { meetingId, action: { type: 'mark-ready', ready: true } })).toEqual({ ok: false, error: 'Too many actions at once: wait a few seconds, then try again' });

      // The refused "ready" changed nothing, and the facilitator's own actions go on.
      const seen = await request(facilitator!, 'meeting:action', { meetingId, action: { type: 'mark-ready', ready: true } });
      expect(seen.ok).toBe(true);
      expect((seen.data as { readyCheck: { ready: string[]; mine: boolean } }).readyCheck).toEqual({ ready: [expect.not.stringContaining('Lou')], mine: true });
    } finally {
      await limited.stop();
    }
  }, 60_000);
});
