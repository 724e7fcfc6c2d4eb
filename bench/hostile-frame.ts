import * as Y from 'yjs';
import { addGoalDraft, goalDraftText } from '@shared/goals/drafts';
import { collabClient, whenSynced, eventually } from '../tests/helpers/collab';
import { hostileUpdates } from '../tests/helpers/hostile-frames';
import { frames, sendRaw } from '../tests/helpers/raw-collab';
import type { startOurs } from './lib/targets';

export interface HostileFrameLoad {
  repeats: number;
}

export interface HostileFrameResult {
  load: HostileFrameLoad;
  /** Per frame: its size, what the server did, and the median and worst time from sending it to the server's answer. */
  frames: { name: string; bytes: number; outcome: string; medianMs: number; maxMs: number }[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The server's time to refuse or apply the most expensive updates a participant can send to a
 * live meeting's co-edited document, beside an ordinary keystroke, each from sending it to the
 * server's answer (a close, or its answer to the sync request that follows it), on loopback.
 */
export async function runHostileFrames(ours: Awaited<ReturnType<typeof startOurs>>, load: HostileFrameLoad): Promise<HostileFrameResult> {
  const siteId = (await ours.api.get('/api/sites')).body[0].id as string;
  const startsAt = new Date(Date.now() + 86_400_000).toISOString();
  const meeting = await ours.api.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt, durationMinutes: 180 });
  await ours.api.post(`/api/meetings/${meeting.body.id}/start`);
  const docName = `site:${siteId}:meeting:${meeting.body.id}:goals`;
  // Someone is in the meeting, so the document stays loaded as it does in a live meeting.
  const present = collabClient(ours.server.wsUrl, docName, ours.api.cookie);
  await whenSynced(present);
  addGoalDraft(present.doc, 'goal-bench-1', ours.author);
  goalDraftText(present.doc, 'goal-bench-1', 'wording')!.insert(0, 'Every school has a named mental health lead');
  await eventually(() => {
    if (present.savedUpTo() < Y.getState(present.doc.store, present.doc.clientID)) throw new Error('not stored yet');
  });
  const keystroke = () => {
    const fork = new Y.Doc();
    Y.applyUpdate(fork, Y.encodeStateAsUpdate(present.doc));
    const before = Y.encodeStateVector(fork);
    goalDraftText(fork, 'goal-bench-1', 'wording')!.insert(3, 'a');
    return Y.encodeStateAsUpdate(fork, before);
  };
  // Made afresh for every send, from the document as it is then: a frame taken once is not new again.
  const candidates = (): { name: string; update: Uint8Array }[] => [{ name: 'an ordinary keystroke', update: keystroke() }, ...hostileUpdates(present.doc, ours.author)];
  const results: HostileFrameResult['frames'] = [];
  for (const [index, { name, update }] of candidates().entries()) {
    const times: number[] = [];
    let outcome = '';
    for (let i = 0; i < load.repeats; i++) {
      const frame = i === 0 ? update : candidates()[index]!.update;
      const timed = await sendRaw(ours.server.wsUrl, docName, ours.api.cookie, [frames.update(frame)]);
      times.push(timed.ms);
      outcome = timed.closed ? `closed ${timed.code}` : 'taken';
    }
    results.push({ name, bytes: update.byteLength, outcome, medianMs: Math.round(median(times) * 10) / 10, maxMs: Math.round(Math.max(...times) * 10) / 10 });
  }
  present.destroy();
  return { load, frames: results };
}
