import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingStateEvent } from '@shared/realtime';
import { startApp } from '../helpers/app';
import { eventually } from '../helpers/collab';
import { bookingIn } from '../helpers/dates';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { clusterSettings } from '../helpers/redis';
import { startRedisProcess, type RedisProcess } from '../helpers/redis-process';
import { demoPassword, type RunningServer } from '../helpers/server';

/**
 * Redis only passes messages between processes: while it is away, the people on one process
 * still see that process's meeting move, at once; once it is back, the processes hear each other
 * again.
 */
let redis: RedisProcess;
let processes: RunningServer[];
const sockets: ClientSocket[] = [];

afterAll(async () => {
  sockets.forEach((s) => s.close());
  await Promise.all((processes ?? []).map((p) => p.stop()));
  await redis?.stop();
});

let meetingId: string;
let facilitator: ClientSocket;
/** A stakeholder's socket on each process, and the meeting states each was sent. */
const onProcess: { socket: ClientSocket; states: MeetingStateEvent[] }[] = [];

beforeAll(async () => {
  redis = await startRedisProcess();
  const env = { ...clusterSettings(), REDIS_URL: redis.url };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-redis-away-'));
  processes = [await startApp({ env: { ...env, SEED_DEMO: '1' }, dataDir }), await startApp({ env: { ...env, SEED_DEMO: '0' }, dataDir })];
  const facilitatorApi = await ApiClient.signIn(processes[0]!.url, 'facilitator@demo.example', demoPassword);
  const siteId = (await facilitatorApi.post('/api/sites', { name: 'Away Borough' })).body.id as string;
  const stakeholder = await inviteAndAccept({ url: processes[0]!.url, dataDir }, facilitatorApi, siteId, 'sam@away.example', { name: 'Sam Stakeholder' });
  const stakeholderId = (await stakeholder.get('/api/me')).body.id as string;
  meetingId = (await facilitatorApi.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(37), durationMinutes: 120, attendeeIds: [stakeholderId] })).body.id;
  expect((await facilitatorApi.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
  facilitator = await connectedSocket(processes[0]!.url, facilitatorApi.cookie);
  sockets.push(facilitator);
  expect((await request(facilitator, 'meeting:join', { meetingId })).ok).toBe(true);
  for (const p of processes) {
    const socket = await connectedSocket(p.url, stakeholder.cookie);
    sockets.push(socket);
    const states: MeetingStateEvent[] = [];
    socket.on('meeting:state', (state) => states.push(state));
    expect((await request(socket, 'meeting:join', { meetingId })).ok).toBe(true);
    onProcess.push({ socket, states });
  }
}, 60_000);

const startTimer = async (seconds: number) => {
  const reply = await request(facilitator, 'meeting:action', { meetingId, action: { type: 'start-timer', seconds } });
  expect(reply.ok, JSON.stringify(reply)).toBe(true);
  return reply.data as MeetingStateEvent;
};

describe('Redis away', () => {
  it('the people on the facilitator’s process see the meeting move at once; the others again once Redis is back', async () => {
    const before = await startTimer(60);
    await eventually(() => onProcess.forEach(({ states }) => expect(states.at(-1)?.version).toBe(before.version)));

    await redis.crash();
    await eventually(async () => expect(await (await fetch(`${processes[0]!.url}/readyz`)).json()).toMatchObject({ fanOut: 'away' }));
    const sentAt = Date.now();
    const during = await startTimer(90);
    await eventually(() => expect(onProcess[0]!.states.at(-1)?.version).toBe(during.version), 2_000);
    expect(Date.now() - sentAt).toBeLessThan(2_000);

    await redis.start();
    await eventually(async () => {
      for (const p of processes) expect(await (await fetch(`${p.url}/readyz`)).json()).toMatchObject({ fanOut: 'connected' });
    }, 15_000);
    const after = await startTimer(120);
    await eventually(() => onProcess.forEach(({ states }) => expect(states.at(-1)?.version).toBe(after.version)), 10_000);
  });
});
