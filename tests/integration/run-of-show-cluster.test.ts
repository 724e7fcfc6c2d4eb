import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from 'date-fns';
import { CloseCode } from '@shared/collab/close-codes';
import { addGoalDraft } from '@shared/goals/drafts';
import { defaultPlan } from '@shared/meetings/agenda';
import { meetingGoalsDocName } from '@shared/meetings/meeting';
import type { MeetingStateEvent } from '@shared/realtime';
import { collabClient, eventually, whenSynced, type CollabClient } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { clusterSettings } from '../helpers/redis';
import { demoPassword, startServer, type RunningServer } from '../helpers/server';

/**
 * The run of show on the Redis store with two processes: the plan and the script are stored
 * records every process reads, a pause made through one process stops the co-edited document in
 * the other, and the driver counts as gone only when their last connection, in any process, closes.
 */
let first: RunningServer;
let second: RunningServer;
let siteId: string;
let meetingId: string;
let facilitator: ApiClient;
let stakeholder: ApiClient;
let lead: ApiClient;
const sockets: ClientSocket[] = [];
const boards: CollabClient[] = [];

async function socketOn(server: RunningServer, api: ApiClient, states?: MeetingStateEvent[]): Promise<ClientSocket> {
  const socket = await connectedSocket(server.url, api.cookie);
  sockets.push(socket);
  if (states) socket.on('meeting:state', (state) => states.push(state));
  expect((await request(socket, 'meeting:join', { meetingId })).ok).toBe(true);
  return socket;
}

function boardOn(server: RunningServer, api: ApiClient): CollabClient {
  const board = collabClient(server.wsUrl, meetingGoalsDocName(siteId, meetingId), api.cookie);
  boards.push(board);
  return board;
}

beforeAll(async () => {
  const env = clusterSettings();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-run-of-show-'));
  first = await startServer({ env: { ...env, SEED_DEMO: '1' }, dataDir });
  second = await startServer({ env: { ...env, SEED_DEMO: '0' }, dataDir });
  facilitator = await ApiClient.signIn(first.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Two Process Borough' })).body.id;
  stakeholder = await inviteAndAccept(first, facilitator, siteId, 'sam@twoprocess.example', { name: 'Sam Stakeholder' });
  lead = await inviteAndAccept(first, facilitator, siteId, 'lee@twoprocess.example', { role: 'lead', name: 'Lee Lead' });
  const stakeholderId = (await stakeholder.get('/api/me')).body.id;
  meetingId = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'review-3m', startsAt: addDays(new Date(), 5).toISOString(), durationMinutes: 90, attendeeIds: [stakeholderId] })).body.id;
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const board of boards) board.destroy();
  await Promise.all([first?.stop(), second?.stop()]);
});

describe('the run of show on Redis, across two processes', () => {
  it('stores the plan and the script where every process reads them', async () => {
    const onSecond = new ApiClient(second.url);
    onSecond.cookie = facilitator.cookie;
    expect((await onSecond.get(`/api/meetings/${meetingId}/plan`)).body).toEqual({ phases: defaultPlan('review-3m', 90), bookedMinutes: 90, edited: false });
    const phases = [
      { phase: 'welcome', minutes: 5 },
      { phase: 'domain-review', minutes: 40 },
      { phase: 'goals', minutes: 35 },
      { phase: 'close', minutes: 10 },
    ];
    expect((await facilitator.put(`/api/meetings/${meetingId}/plan`, { phases })).status).toBe(200);
    expect((await onSecond.get(`/api/meetings/${meetingId}/plan`)).body).toEqual({ phases, bookedMinutes: 90, edited: true });
    expect((await facilitator.put(`/api/sites/${siteId}/facilitator-script`, { phases: { goals: 'Ask each goal owner for one sentence' } })).status).toBe(200);
    expect((await onSecond.get(`/api/meetings/${meetingId}/script`)).body.phases.goals).toBe('Ask each goal owner for one sentence');
  });

  it('stops the co-edited document in the other process while paused, and takes the change once resumed', async () => {
    expect((await facilitator.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
    const driver = await socketOn(first, facilitator);
    const writer = boardOn(second, stakeholder);
    const reader = boardOn(first, lead);
    await Promise.all([whenSynced(writer), whenSynced(reader)]);
    expect((await request(driver, 'meeting:action', { meetingId, action: { type: 'pause-meeting', message: 'Back in five' } })).ok).toBe(true);
    addGoalDraft(writer.doc, 'goal-during-pause', { id: (await stakeholder.get('/api/me')).body.id, name: 'Sam Stakeholder' });
    await eventually(() => expect(writer.closes.some((c) => c.code === CloseCode.paused)).toBe(true), 15_000);
    // A client joining afresh gets everything stored: the refused change is not among it, nor relayed to the reader.
    const fresh = boardOn(first, lead);
    await whenSynced(fresh);
    expect(fresh.doc.getMap('goals').has('goal-during-pause')).toBe(false);
    expect(reader.doc.getMap('goals').has('goal-during-pause')).toBe(false);
    expect((await request(driver, 'meeting:action', { meetingId, action: { type: 'resume-meeting' } })).ok).toBe(true);
    await eventually(() => expect(reader.doc.getMap('goals').has('goal-during-pause')).toBe(true), 15_000);
    driver.close();
  });

  it('counts the driver as gone only when their last connection, in either process, has closed', async () => {
    const leadStates: MeetingStateEvent[] = [];
    const leadSocket = await socketOn(second, lead, leadStates);
    const onFirst = await socketOn(first, facilitator);
    const onSecond = await socketOn(second, facilitator);
    expect((await request(onFirst, 'meeting:action', { meetingId, action: { type: 'take-controls' } })).data.driver.away).toBe(false);
    onFirst.close();
    // Barrier: an action after the close, answered with the driver still there.
    const after = await request(onSecond, 'meeting:action', { meetingId, action: { type: 'start-ready-check' } });
    expect(after.data.driver.away).toBe(false);
    onSecond.close();
    await eventually(() => expect(leadStates.at(-1)?.driver?.away).toBe(true), 15_000);
    // Offered to a facilitator only: the lead, though a manager of the site, cannot take them.
    expect(await request(leadSocket, 'meeting:action', { meetingId, action: { type: 'take-controls' } })).toEqual({ ok: false, error: 'Only a facilitator can do that' });
  });
});
