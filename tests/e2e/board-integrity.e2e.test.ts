import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { closeReasons, CloseCode } from '@shared/collab/close-codes';
import { meetingBoardDocName, meetingGoalsDocName } from '@shared/meetings/meeting';
import { launchBrowser, openLiveConsultation, screenshot } from '../helpers/browser';
import { addGoalDraft, goalDraftText } from '@shared/goals/drafts';
import { collabClient, eventually, whenSynced } from '../helpers/collab';
import { hostileUpdates } from '../helpers/hostile-frames';
import { frames } from '../helpers/raw-collab';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

/**
 * A stakeholder who opens the browser's console during a meeting and sends the board's server
 * crafted frames over the same connection the board uses: each is refused with a reason in
 * words, and everyone else's board is as it was.
 */
let server: RunningServer;
let browser: Browser;
let socket: ClientSocket;
let facilitator: Page;
let sam: Page;
let sasha: Page;
let siteId: string;
let meetingId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startApp(), launchBrowser()]);
  let api;
  ({ api, siteId, meetingId, facilitator, sam, sasha } = await openLiveConsultation(browser, server.url, demoPassword));
  socket = await connectedSocket(server.url, api.cookie);
  await request(socket, 'meeting:join', { meetingId });
  for (const action of [
    { type: 'set-phase', phase: 'domain-review' },
    { type: 'focus', domain: 1 },
    { type: 'add-note', noteId: 'note-kept-001', domain: 1, list: 'strength', text: 'Every school has a named contact' },
  ]) {
    expect((await request(socket, 'meeting:action', { meetingId, action })).ok).toBe(true);
  }
}, 120_000);

afterAll(async () => {
  socket?.close();
  await browser?.close();
  await server?.stop();
});

/**
 * Sends frames from inside the page, over a websocket the page opens as the board does; resolves
 * with how it was closed. The frames cross into the page as base64 text: as arrays of numbers, a
 * crafted frame of a megabyte became a million protocol values to check and copy (seconds of CPU).
 */
function sendFromPage(page: Page, docName: string, sent: Uint8Array[]): Promise<{ code: number; reason: string }> {
  return page.evaluate(
    ({ docName, sent }) =>
      new Promise<{ code: number; reason: string }>((resolve) => {
        const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/collab/${docName}`);
        ws.binaryType = 'arraybuffer';
        let started = false;
        ws.onmessage = () => {
          if (started) return;
          started = true;
          for (const frame of sent) ws.send(Uint8Array.from(atob(frame), (c) => c.charCodeAt(0)));
        };
        ws.onclose = (event) => resolve({ code: event.code, reason: event.reason });
      }),
    { docName, sent: sent.map((frame) => Buffer.from(frame).toString('base64')) },
  );
}

describe('a stakeholder crafting frames in the browser', () => {
  it('is refused with a reason for each, and nobody else’s board changes', async () => {
    const kept = (p: Page) => p.locator('.app-note', { hasText: 'Every school has a named contact' });
    await Promise.all([facilitator, sam, sasha].map((p) => kept(p).waitFor()));

    const samCookie = (await sam.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const board = collabClient(server.wsUrl, meetingBoardDocName(siteId, meetingId), samCookie);
    await whenSynced(board);
    const change = (doc: Y.Doc, edit: (d: Y.Doc) => void) => {
      const fork = new Y.Doc();
      Y.applyUpdate(fork, Y.encodeStateAsUpdate(doc));
      const before = Y.encodeStateVector(fork);
      edit(fork);
      return Y.encodeStateAsUpdate(fork, before);
    };
    const notes = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('notes');
    const onBoard = [
      change(board.doc, (d) => (notes(d).get('note-kept-001')!.get('text') as Y.Text).insert(0, 'Not: ')),
      change(board.doc, (d) => notes(d).delete('note-kept-001')),
    ];
    for (const update of onBoard) {
      expect(await sendFromPage(sam, meetingBoardDocName(siteId, meetingId), [frames.update(update)])).toEqual({ code: CloseCode.serverWritten, reason: closeReasons[CloseCode.serverWritten] });
    }
    board.destroy();

    const goals = collabClient(server.wsUrl, meetingGoalsDocName(siteId, meetingId), samCookie);
    await whenSynced(goals);
    const me = await sam.evaluate(async () => (await (await fetch('/api/me')).json()) as { id: string; name: string });
    addGoalDraft(goals.doc, 'goal-sam-0001', me);
    goalDraftText(goals.doc, 'goal-sam-0001', 'wording')!.insert(0, 'Sam’s draft');
    await eventually(() => expect(goals.savedUpTo()).toBe(Y.getState(goals.doc.store, goals.doc.clientID)));
    const repeated = hostileUpdates(goals.doc, me).find((f) => f.name.includes('repeated'))!;
    expect(await sendFromPage(sam, meetingGoalsDocName(siteId, meetingId), [frames.update(repeated.update)])).toEqual({ code: CloseCode.changeAbusive, reason: closeReasons[CloseCode.changeAbusive] });
    goals.destroy();

    // Everyone's board still shows the note as it was written, and Sam's own board still works.
    for (const p of [facilitator, sasha, sam]) {
      await expect(kept(p).count()).resolves.toBe(1);
      await expect(kept(p).innerText()).resolves.toContain('Every school has a named contact');
    }
    expect(await sam.getByText(closeReasons[CloseCode.serverWritten]).count()).toBe(0);
    await screenshot(facilitator, 'board-after-crafted-frames');
  });
});
