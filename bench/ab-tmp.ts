import { collabTargets, startOurs } from './lib/targets';
import { poolRounds, runRealtime, type RealtimeResult } from './realtime';
process.setMaxListeners(0);
const load = { boards: 50, clientsPerBoard: 20, writersPerBoard: 2, editsPerSecond: 2, seconds: 15 };
const variants: Record<string, () => Promise<any>> = {
  ours: () => startOurs(),
  'ours-no-ack': () => startOurs({ COLLAB_NO_ACK: '1' }),
  'y-websocket': () => collabTargets['y-websocket'](),
};
const rounds = new Map<string, RealtimeResult[]>();
for (let round = 0; round < Number(process.argv[2] ?? 3); round++) {
  for (const [name, start] of Object.entries(variants)) {
    const target = await start();
    const r = await runRealtime(target, load);
    await target.stop();
    rounds.set(name, [...(rounds.get(name) ?? []), r]);
    console.log(name, round, r.latencyMs.p99);
  }
}
for (const [name, rs] of rounds) { const p = poolRounds(rs); console.log(name, JSON.stringify(p.latencyMs), 'cpu', p.serverCpu); }
process.exit(0);
