import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard, readThemes } from '@shared/cascade/board';
import { CloseCode } from '@shared/collab/close-codes';
import { addGoalDraft, goalDraftText, goalTextLimits, readGoalDrafts, type GoalTextField } from '@shared/goals/drafts';
import { meetingBoardDocName, meetingGoalsDocName } from '@shared/meetings/meeting';
import { collabClient, eventually, whenSynced, type CollabClient } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { hostileUpdates } from '../helpers/hostile-frames';
import { awarenessFrame, frames, sendRaw } from '../helpers/raw-collab';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

/**
 * A hostile participant against a live meeting, through the real protocol: sequences of updates
 * made by real Yjs operations on forked copies of the documents, and hand-made ones (delete sets
 * over collected structs, ranges past the document's state, the same range thousands of times,
 * structs sent without those they follow), each sent over a real websocket. After every step the
 * notes and themes are exactly what the server wrote, every limit holds, authors are who wrote,
 * and a legitimate editor is still heard; after every run, the stored documents equal the room's.
 */
let server: RunningServer;
let facilitator: { api: ApiClient; socket: ClientSocket; id: string };
let ann: { api: ApiClient; id: string; goals: CollabClient };
let bob: { api: ApiClient; id: string };
let siteId: string;
let meetingId: string;
const boardName = () => meetingBoardDocName(siteId, meetingId);
const goalsName = () => meetingGoalsDocName(siteId, meetingId);

beforeAll(async () => {
  server = await startApp();
  const facilitatorApi = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitatorApi.post('/api/sites', { name: 'Integrity Borough' })).body.id;
  const [annApi, bobApi] = await Promise.all([
    inviteAndAccept(server, facilitatorApi, siteId, 'ann@integrity.example', { name: 'Ann Author' }),
    inviteAndAccept(server, facilitatorApi, siteId, 'bob@integrity.example', { name: 'Bob Hostile' }),
  ]);
  const [facilitatorId, annId, bobId] = await Promise.all([facilitatorApi, annApi, bobApi].map(async (api) => (await api.get('/api/me')).body.id as string));
  const startsAt = new Date(Date.now() + 86_400_000).toISOString();
  meetingId = (await facilitatorApi.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt, durationMinutes: 180, attendeeIds: [annId, bobId] })).body.id;
  expect((await facilitatorApi.post(`/api/meetings/${meetingId}/start`)).status).toBeLessThan(300);
  const socket = await connectedSocket(server.url, facilitatorApi.cookie);
  await request(socket, 'meeting:join', { meetingId });
  facilitator = { api: facilitatorApi, socket, id: facilitatorId! };
  for (const action of [
    { type: 'set-phase', phase: 'domain-review' },
    { type: 'add-note', noteId: 'note-strength-1', domain: 1, list: 'strength', text: 'Named contacts in every school' },
    { type: 'add-note', noteId: 'note-challenge-1', domain: 1, list: 'challenge', text: 'Waiting lists are long' },
    { type: 'group-note', noteId: 'note-strength-1', themeId: 'theme-contacts', themeName: 'Contacts' },
  ]) {
    expect((await request(socket, 'meeting:action', { meetingId, action })).ok).toBe(true);
  }
  ann = { api: annApi, id: annId!, goals: collabClient(server.wsUrl, goalsName(), annApi.cookie) };
  await whenSynced(ann.goals);
  addGoalDraft(ann.goals.doc, 'goal-ann-1', { id: ann.id, name: 'Ann Author' });
  goalDraftText(ann.goals.doc, 'goal-ann-1', 'wording')!.insert(0, 'Every school has a named mental health lead');
  await eventually(() => expect(ann.goals.savedUpTo()).toBe(Y.getState(ann.goals.doc.store, ann.goals.doc.clientID)));
  bob = { api: bobApi, id: bobId! };
}, 90_000);

afterAll(async () => {
  facilitator?.socket.close();
  ann?.goals.destroy();
  await server?.stop();
});

/** Reads a document as a fresh member's client receives it. */
async function read(docName: string, cookie: string): Promise<Y.Doc> {
  const client = collabClient(server.wsUrl, docName, cookie);
  await whenSynced(client);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(client.doc));
  client.destroy();
  return doc;
}

const fork = (doc: Y.Doc) => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};
const changeOf = (doc: Y.Doc, change: (d: Y.Doc) => void) => {
  const copy = fork(doc);
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
};

/** A delete set, written by hand: for each client, ranges (which may repeat, overlap, or pass the state). */
function deleteSetUpdate(ranges: [client: number, clock: number, len: number][]): Uint8Array {
  const byClient = new Map<number, [number, number][]>();
  for (const [client, clock, len] of ranges) byClient.set(client, [...(byClient.get(client) ?? []), [clock, len]]);
  const parts: number[] = [0];
  const varUint = (n: number) => {
    while (n > 0x7f) {
      parts.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    parts.push(n);
  };
  varUint(byClient.size);
  for (const [client, list] of byClient) {
    varUint(client);
    varUint(list.length);
    for (const [clock, len] of list) {
      varUint(clock);
      varUint(len);
    }
  }
  return new Uint8Array(parts);
}

const field = fc.constantFrom<GoalTextField>('wording', 'specific', 'measure', 'ownerName');
type Attack = (goals: Y.Doc, board: Y.Doc) => Uint8Array[];
const attacks: fc.Arbitrary<{ name: string; target: 'goals' | 'board'; reply: boolean; make: Attack }> = fc.oneof(
  fc.record({ f: field, at: fc.nat(), text: fc.string({ maxLength: 400 }), cut: fc.nat({ max: 40 }) }).map(({ f, at, text, cut }) => ({
    name: 'typing',
    target: 'goals' as const,
    reply: false,
    make: (goals: Y.Doc) => [
      changeOf(goals, (d) => {
        const t = goalDraftText(d, 'goal-ann-1', f)!;
        const from = at % (t.length + 1);
        t.delete(from, Math.min(cut, t.length - from));
        t.insert(from, text);
      }),
    ],
  })),
  fc.constantFrom('self', 'other', 'named-other').map((as) => ({
    name: `new draft as ${as}`,
    target: 'goals' as const,
    reply: false,
    make: (goals: Y.Doc) => [changeOf(goals, (d) => addGoalDraft(d, `goal-bob-${Math.random().toString(36).slice(2, 10)}`, as === 'other' ? { id: ann.id, name: 'Ann Author' } : { id: bob.id, name: as === 'self' ? 'Bob Hostile' : 'The Facilitator' }))],
  })),
  fc.constantFrom<[string, unknown]>(['proposedBy', 'x'], ['proposedByName', 'Ann Author'], ['relevantDomains', [9]], ['dueDate', 'soon'], ['colour', 'red']).map(([key, value]) => ({
    name: `set ${key}`,
    target: 'goals' as const,
    reply: false,
    make: (goals: Y.Doc) => [changeOf(goals, (d) => d.getMap<Y.Map<unknown>>('goals').get('goal-ann-1')!.set(key, value))],
  })),
  fc.constant({ name: 'remove someone else’s draft', target: 'goals' as const, reply: false, make: (goals: Y.Doc) => [changeOf(goals, (d) => d.getMap('goals').delete('goal-ann-1'))] }),
  fc.constant({ name: 'delete past the state and over collected structs', target: 'goals' as const, reply: false, make: (goals: Y.Doc) => [...goals.store.clients.keys()].map((client) => deleteSetUpdate([[client, 0, Y.getState(goals.store, client) + 10_000]])) }),
  fc.integer({ min: 2, max: 5000 }).map((times) => ({ name: `one range ${times} times`, target: 'goals' as const, reply: false, make: () => [deleteSetUpdate(Array.from({ length: times }, () => [ann.goals.doc.clientID, 0, 3] as [number, number, number]))] })),
  fc.string({ minLength: 1, maxLength: 50 }).map((text) => ({
    name: 'held-back structs',
    target: 'goals' as const,
    reply: false,
    make: (goals: Y.Doc) => {
      // The second part first: it follows structs the server does not have yet, and the first
      // part, sent after, would complete it past the limit.
      const copy = fork(goals);
      const start = Y.encodeStateVector(copy);
      goalDraftText(copy, 'goal-ann-1', 'wording')!.insert(0, 'x'.repeat(goalTextLimits.wording - 10));
      const middle = Y.encodeStateVector(copy);
      goalDraftText(copy, 'goal-ann-1', 'wording')!.insert(0, text);
      const second = Y.encodeStateAsUpdate(copy, middle);
      const first = changeOf(goals, (d) => Y.applyUpdate(d, Y.encodeStateAsUpdate(copy, start)));
      return [second, first];
    },
  })),
  fc.constantFrom('edit', 'delete', 'add', 'theme').chain((how) =>
    fc.boolean().map((reply) => ({
      name: `notes: ${how} as ${reply ? 'sync step 2' : 'update'}`,
      target: 'board' as const,
      reply,
      make: (_goals: Y.Doc, board: Y.Doc) => [
        changeOf(board, (d) => {
          const notes = d.getMap<Y.Map<unknown>>('notes');
          if (how === 'edit') (notes.get('note-strength-1')!.get('text') as Y.Text).insert(0, 'Not: ');
          if (how === 'delete') notes.delete('note-challenge-1');
          if (how === 'add') notes.set('note-bob-01', new Y.Map());
          if (how === 'theme') notes.get('note-strength-1')!.set('theme', '');
        }),
      ],
    })),
  ),
  fc.constant({ name: 'delete every note past the state', target: 'board' as const, reply: true, make: (_g: Y.Doc, board: Y.Doc) => [...board.store.clients.keys()].map((client) => deleteSetUpdate([[client, 0, Y.getState(board.store, client) + 10_000]])) }),
);

describe('a live board against a hostile participant', () => {
  it('keeps notes, limits, authors and the stored documents whatever is sent', async () => {
    const board = await read(boardName(), facilitator.api.cookie);
    const written = { notes: readBoard(board), themes: readThemes(board), state: Y.encodeStateVector(board) };
    let legitTyped = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(attacks, { minLength: 1, maxLength: 6 }), async (sequence) => {
        for (const attack of sequence) {
          const [goals, liveBoard] = await Promise.all([read(goalsName(), bob.api.cookie), read(boardName(), bob.api.cookie)]);
          const updates = attack.make(goals, liveBoard).filter((u) => u.length > 0);
          const frame = attack.reply ? frames.syncStep2 : frames.update;
          const outcome = await sendRaw(server.wsUrl, attack.target === 'goals' ? goalsName() : boardName(), bob.api.cookie, updates.map(frame));
          if (attack.target === 'board' && !attack.reply) expect(outcome, attack.name).toMatchObject({ closed: true, code: CloseCode.serverWritten });

          // The notes and themes are exactly what the server wrote.
          const after = await read(boardName(), facilitator.api.cookie);
          expect(readBoard(after), attack.name).toEqual(written.notes);
          expect(readThemes(after), attack.name).toEqual(written.themes);
          expect(Y.encodeStateVector(after), attack.name).toEqual(written.state);
          // Every draft is whole, within its limits, in its author's name, and Ann's is still hers.
          const goalsAfter = await read(goalsName(), facilitator.api.cookie);
          const drafts = readGoalDrafts(goalsAfter);
          expect(drafts.length, attack.name).toBe(goalsAfter.getMap('goals').size);
          for (const draft of drafts) {
            expect([`${ann.id}:Ann Author`, `${bob.id}:Bob Hostile`], attack.name).toContain(`${draft.proposedBy}:${draft.proposedByName}`);
            if (draft.proposedBy === ann.id) expect(draft.id).toBe('goal-ann-1');
            expect(draft.draft.wording.length, attack.name).toBeLessThanOrEqual(goalTextLimits.wording);
            expect(draft.draft.specific.length).toBeLessThanOrEqual(goalTextLimits.specific);
            expect(draft.draft.measurable.measure.length).toBeLessThanOrEqual(goalTextLimits.measure);
            expect(draft.draft.achievable.ownerName.length).toBeLessThanOrEqual(goalTextLimits.ownerName);
          }
          expect(drafts.map((d) => d.id)).toContain('goal-ann-1');
          // A legitimate editor is still heard: Ann's next keystroke is stored and reaches everyone.
          const wording = goalDraftText(ann.goals.doc, 'goal-ann-1', 'wording')!;
          if (wording.length >= goalTextLimits.wording) wording.delete(0, 5);
          wording.insert(wording.length, '.');
          legitTyped += 1;
          await eventually(() => expect(ann.goals.savedUpTo()).toBe(Y.getState(ann.goals.doc.store, ann.goals.doc.clientID)));
        }
      }),
      { numRuns: 12 },
    );
    expect(legitTyped).toBeGreaterThan(0);
  }, 240_000);

  it('stores the documents it holds: what a new copy reads from the store equals the room’s', async () => {
    const live = await read(goalsName(), facilitator.api.cookie);
    const liveBoard = await read(boardName(), facilitator.api.cookie);
    // Everyone leaves: the rooms fold their logs and unload; the next reader loads from the store.
    ann.goals.destroy();
    await eventually(async () => {
      const stored = await read(goalsName(), facilitator.api.cookie);
      expect(stored.toJSON()).toEqual(live.toJSON());
      expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(live));
    });
    const storedBoard = await read(boardName(), facilitator.api.cookie);
    expect(storedBoard.toJSON()).toEqual(liveBoard.toJSON());
  });

  it('stays responsive while the most expensive frames a participant can send are refused or applied', async () => {
    // A second meeting, whose board two people use while the frames arrive at the first one's.
    const startsAt = new Date(Date.now() + 86_400_000).toISOString();
    const other = (await facilitator.api.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt, durationMinutes: 180, attendeeIds: [ann.id] })).body.id as string;
    expect((await facilitator.api.post(`/api/meetings/${other}/start`)).status).toBeLessThan(300);
    const writer = collabClient(server.wsUrl, meetingGoalsDocName(siteId, other), ann.api.cookie);
    const reader = collabClient(server.wsUrl, meetingGoalsDocName(siteId, other), facilitator.api.cookie);
    await Promise.all([whenSynced(writer), whenSynced(reader)]);
    addGoalDraft(writer.doc, 'goal-other-1', { id: ann.id, name: 'Ann Author' });
    await eventually(() => expect(readGoalDrafts(reader.doc)).toHaveLength(1));

    // The meeting under attack is live too: its room stays loaded, as it would with people in it.
    const present = collabClient(server.wsUrl, goalsName(), ann.api.cookie);
    await whenSynced(present);
    const target = await read(goalsName(), bob.api.cookie);
    const worst = hostileUpdates(target, { id: bob.id, name: 'Bob Hostile' });
    for (const { update } of worst) expect(update.byteLength).toBeGreaterThan(5_000);
    const lag = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return Number(/^nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text)![1]);
    };
    await lag(); // each reading starts the event loop's histogram afresh

    /** Types into the other meeting's board until `busy` resolves; how long each keystroke took to reach the reader. */
    const typeWhile = async (busy: Promise<unknown>) => {
      const relayed: number[] = [];
      let typing = true;
      void busy.finally(() => (typing = false));
      const wording = goalDraftText(writer.doc, 'goal-other-1', 'wording')!;
      const seen = goalDraftText(reader.doc, 'goal-other-1', 'wording')!;
      for (let i = 0; typing; i++) {
        if (wording.length > 250) wording.delete(0, 50);
        const sentAt = performance.now();
        wording.insert(wording.length, String(i % 10));
        await eventually(() => expect(seen.toString()).toBe(wording.toString()), 5_000);
        relayed.push(performance.now() - sentAt);
      }
      return relayed.sort((x, y) => x - y);
    };
    const p90 = (xs: number[]) => xs[Math.floor(xs.length * 0.9)]!;
    const threeSeconds = () => new Promise<void>((resolve) => void eventually(() => expect(performance.now()).toBeGreaterThan(started + 3_000), 10_000).then(resolve));
    // First the same three seconds of typing with nobody attacking: what this machine gives
    // anyway (the suite runs four files at once on two cores), so the frames' own cost is judged.
    let started = performance.now();
    const ordinary = await typeWhile(threeSeconds());
    const ordinaryP99 = await lag();

    // Then for three seconds the frames arrive one after another, so the server is busy with them
    // throughout the event loop's measurement, not for a moment of it.
    const outcomes: ({ name: string } & Awaited<ReturnType<typeof sendRaw>>)[] = [];
    started = performance.now();
    const attack = (async () => {
      while (performance.now() < started + 3_000) {
        for (const { name, update } of worst) outcomes.push({ name, ...(await sendRaw(server.wsUrl, goalsName(), bob.api.cookie, [frames.update(update)])) });
      }
    })();
    const relayed = await typeWhile(attack);
    await attack;
    const p99 = await lag();
    for (const client of [writer, reader, present]) client.destroy();

    // Every kind of frame went at least twice in the three seconds (each waits for its answer, so
    // a loaded machine sends fewer: three of one kind once, with browser walks running beside it).
    const repeated = outcomes.filter((o) => o.name.includes('repeated'));
    expect(repeated.length).toBeGreaterThanOrEqual(2);
    for (const outcome of repeated) expect(outcome).toMatchObject({ closed: true, code: CloseCode.changeAbusive });
    // Under 50 ms on a quiet machine. On a busy one (four test files on two cores) a process
    // waits for the CPU in proportion to the load, so the bound grows with what the machine gives
    // anyway: twice as much, plus 100 ms, and never below 250 ms, because a neighbour's burst can
    // fall in one period and not the other (80 ms against 16 ms once; 206 ms against 103 ms on a
    // host running at half speed). The stalls this guards against were seconds long (2–4 s for
    // one 9 KiB frame before the limits), eight times the bound and more.
    expect(p99, `event loop delay p99 under the frames (s), against ${ordinaryP99} without them`).toBeLessThan(Math.max(0.25, ordinaryP99 * 2 + 0.1));
    expect(relayed.length).toBeGreaterThan(3);
    // The same allowance for the load beside it (154 ms against 53 ms without the frames, on a
    // machine running four heavy test files and two browser walks besides).
    expect(p90(relayed), `another board's edits relayed in ${relayed.map((t) => t.toFixed(0)).join(', ')} ms; without the frames ${ordinary.map((t) => t.toFixed(0)).join(', ')}`).toBeLessThan(Math.max(100, p90(ordinary) * 2 + 100));
  }, 120_000);

  it('keeps each presence its owner’s, and says nothing that could point at an anonymous note’s author', async () => {
    const watcher = collabClient(server.wsUrl, boardName(), facilitator.api.cookie);
    const annBoard = collabClient(server.wsUrl, boardName(), ann.api.cookie);
    await Promise.all([whenSynced(watcher), whenSynced(annBoard)]);
    annBoard.provider.awareness.setLocalStateField('user', { id: ann.id, name: 'Ann Author' });
    const annClientId = annBoard.doc.clientID;
    const presenceOf = (clientId: number) => watcher.provider.awareness.getStates().get(clientId) as { user?: { id: string; name: string } } | undefined;
    await eventually(() => expect(presenceOf(annClientId)?.user?.name).toBe('Ann Author'));
    annBoard.destroy();
    await eventually(() => expect(presenceOf(annClientId)).toBeUndefined());

    // Bob claims Ann's presence id once she has gone, and shares the domain he is reading.
    const bobClientId = 123_456_789;
    const claims = [awarenessFrame(annClientId, 99, { user: { id: ann.id, name: 'Ann Author' }, domain: 2 }), awarenessFrame(bobClientId, 1, { domain: 3, editing: 'goal-ann-1', typing: true })];
    expect(await sendRaw(server.wsUrl, boardName(), bob.api.cookie, claims)).toMatchObject({ closed: false });
    await eventually(() => expect(presenceOf(bobClientId)).toBeDefined());
    expect(presenceOf(annClientId)).toBeUndefined();
    expect(presenceOf(bobClientId)).toEqual({ user: { id: bob.id, name: 'Bob Hostile', role: 'stakeholder' }, editing: 'goal-ann-1' });

    // Ann comes back with the same id and is seen as herself.
    const back = new Y.Doc();
    back.clientID = annClientId;
    const again = collabClient(server.wsUrl, boardName(), ann.api.cookie, { doc: back });
    await whenSynced(again);
    // Presence clocks only move forward: her new copy's clock passes the one her old copy left.
    for (let i = 0; i < 5; i++) again.provider.awareness.setLocalStateField('user', { id: ann.id, name: 'Ann Author' });
    await eventually(() => expect(presenceOf(annClientId)?.user?.id).toBe(ann.id));
    again.destroy();
    watcher.destroy();
  });
});
