import type { MeetingStateEvent } from '@shared/realtime';
import { connectedSocket, request, type ClientSocket } from '../tests/helpers/realtime';
import { cpuMeter, pool, sleep, summarise, waitFor, type LatencySummary } from './lib/measure';
import type { startOurs } from './lib/targets';
import { bookingIn } from '../tests/helpers/dates';

export interface FacilitationLoad {
  meetings: number;
  peoplePerMeeting: number;
  /** Actions per meeting per second, alternating a timer started and a vote. */
  actionsPerSecond: number;
  seconds: number;
}

export interface FacilitationResult {
  load: FacilitationLoad;
  latencyMs: LatencySummary;
  actions: number;
  deliveries: number;
  expectedDeliveries: number;
  serverCpu: number;
  clientCpu: number;
}

/**
 * M meetings of P people over socket.io, in their areas-of-need phase: in each, the facilitator
 * starts a timer and people vote, one action at a time; everyone in the meeting receives the new state. The delay is from
 * sending the action to each person receiving the state it produced.
 */
export async function runFacilitation(ours: Awaited<ReturnType<typeof startOurs>>, load: FacilitationLoad): Promise<FacilitationResult> {
  const { api, server } = ours;
  const siteId = (await api.get('/api/sites')).body[0].id as string;
  const meetingIds: string[] = [];
  for (let m = 0; m < load.meetings; m++) {
    const created = await api.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(37), durationMinutes: 120 });
    meetingIds.push(created.body.id);
    await api.post(`/api/meetings/${created.body.id}/start`);
  }

  const received = new Map<string, { version: number; at: number }[]>();
  const rooms: ClientSocket[][] = [];
  await pool(
    meetingIds.flatMap((meetingId, m) => Array.from({ length: load.peoplePerMeeting }, (_, p) => ({ meetingId, m, p }))),
    20,
    async ({ meetingId, m, p }) => {
      const socket = await connectedSocket(server.url, api.cookie);
      (rooms[m] ??= [])[p] = socket;
      const joined = await request(socket, 'meeting:join', { meetingId });
      if (!joined.ok) throw new Error(joined.error);
      socket.on('meeting:state', (state: MeetingStateEvent) => {
        const list = received.get(meetingId) ?? [];
        list.push({ version: state.version, at: performance.now() });
        received.set(meetingId, list);
      });
    },
  );
  // Voting belongs to a consultation's areas of greatest need (shared/meeting-actions.ts).
  for (const [m, meetingId] of meetingIds.entries()) {
    await request(rooms[m]![0]!, 'meeting:action', { meetingId, action: { type: 'set-phase', phase: 'areas-of-need' } });
    await request(rooms[m]![0]!, 'meeting:action', { meetingId, action: { type: 'open-voting', budget: 3 } });
  }
  await sleep(500);
  received.clear();

  const sentAt = new Map<string, number>();
  let actions = 0;
  let running = true;
  const serverCpu = cpuMeter(server.pid()!);
  const clientCpu = cpuMeter(process.pid);
  const interval = 1000 / load.actionsPerSecond;
  await Promise.all(
    meetingIds.map(async (meetingId, m) => {
      await sleep((m / load.meetings) * interval);
      for (let n = 0; running; n++) {
        const started = performance.now();
        const socket = rooms[m]![n % load.peoplePerMeeting]!;
        const action = n % 2 ? { type: 'cast-votes', domains: [(n % 7) + 1] } : { type: 'start-timer', seconds: 60 + (n % 7) };
        const reply = await request(socket, 'meeting:action', { meetingId, action });
        if (!reply.ok) throw new Error(reply.error);
        sentAt.set(`${meetingId}:${reply.data.version}`, started);
        actions += 1;
        await sleep(Math.max(0, interval - (performance.now() - started)));
      }
    }).concat(sleep(load.seconds * 1000).then(() => void (running = false))),
  );
  const serverShare = serverCpu();
  const clientShare = clientCpu();
  const expectedDeliveries = actions * load.peoplePerMeeting;
  const count = () => [...received.values()].reduce((n, list) => n + list.length, 0);
  await waitFor(() => count() >= expectedDeliveries, 10_000);
  const latencies: number[] = [];
  for (const [meetingId, list] of received) {
    for (const { version, at } of list) {
      const sent = sentAt.get(`${meetingId}:${version}`);
      if (sent !== undefined) latencies.push(at - sent);
    }
  }
  for (const socket of rooms.flat()) socket.close();
  return { load, latencyMs: summarise(latencies), actions, deliveries: latencies.length, expectedDeliveries, serverCpu: serverShare, clientCpu: clientShare };
}
