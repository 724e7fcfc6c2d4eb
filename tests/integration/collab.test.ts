import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '@shared/collab/close-codes';
import { collabClient, eventually, whenSynced, type CollabClient } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { storageModes } from '../helpers/redis';
import { demoPassword, startServer, type RunningServer } from '../helpers/server';

describe.each(storageModes())('collaboration on %s', (_mode, env) => {
  let server: RunningServer;
  let facilitator: ApiClient;
  let stakeholder: ApiClient;
  let demoSiteId: string;
  let otherSiteId: string;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    server = await startServer({ env });
    facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    stakeholder = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
    demoSiteId = (await facilitator.get('/api/sites')).body[0].id;
    otherSiteId = (await facilitator.post('/api/sites', { name: 'Other Site' })).body.id;
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => server?.stop());

  function connect(docName: string, cookie: string) {
    const client = collabClient(server.wsUrl, docName, cookie);
    clients.push(client);
    return client;
  }

  /** A raw websocket to the endpoint, for sending what no well-behaved client would. */
  function rawSocket(docName: string, cookie: string): Promise<WebSocket> {
    const ws = new WebSocket(`${server.wsUrl}/collab/${docName}`, { headers: { Cookie: cookie } });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  }

  function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
    return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  describe('the y-websocket endpoint', () => {
    it('two stock y-websocket clients on one document converge', async () => {
      const doc = `site:${demoSiteId}:converge`;
      const a = connect(doc, facilitator.cookie);
      const b = connect(doc, stakeholder.cookie);
      await Promise.all([whenSynced(a), whenSynced(b)]);
      a.doc.getText('notes').insert(0, 'Strength: named CYPMHS link for every school. ');
      b.doc.getText('notes').insert(0, 'Challenge: referral thresholds unclear. ');
      b.doc.getMap('meta').set('focus', 3);
      await eventually(() => {
        expect(a.doc.getText('notes').toString()).toBe(b.doc.getText('notes').toString());
        expect(a.doc.getText('notes').toString()).toContain('named CYPMHS link');
        expect(a.doc.getText('notes').toString()).toContain('referral thresholds');
        expect(a.doc.getMap('meta').get('focus')).toBe(3);
      });
    });

    it('tells an author when its change is stored, and the author sends nothing back for it', async () => {
      const doc = `site:${demoSiteId}:saved-notice`;
      const author = connect(doc, facilitator.cookie);
      await whenSynced(author);
      const sent: Uint8Array[] = [];
      const socket = author.provider.ws!;
      const send = socket.send.bind(socket);
      socket.send = (data) => (sent.push(data as Uint8Array), send(data));
      const text = author.doc.getText('t');
      for (let i = 0; i < 20; i++) {
        author.doc.transact(() => {
          text.insert(text.length, `edit ${i}. `);
          if (i % 3 === 0) text.delete(0, 2);
        });
        const clock = Y.getState(author.doc.store, author.doc.clientID);
        await eventually(() => expect(author.savedUpTo()).toBe(clock));
      }
      // Twenty edits, twenty updates out: no sync step 2 answering each "saved" (awareness aside).
      expect(sent.filter((frame) => frame[0] === 0)).toHaveLength(20);
    });

    it('keeps every update a client had seen through a kill -9 of the server', async () => {
      const doc = `site:${demoSiteId}:durable`;
      const writer = connect(doc, facilitator.cookie);
      const watcher = connect(doc, stakeholder.cookie);
      await Promise.all([whenSynced(writer), whenSynced(watcher)]);
      const items = writer.doc.getArray<number>('items');
      for (let i = 0; i < 300; i++) items.push([i]);
      await eventually(() => expect(watcher.doc.getArray('items').length).toBe(300));
      const seen = watcher.doc.getArray('items').toJSON();

      await server.kill('SIGKILL');
      writer.destroy();
      watcher.destroy();
      await server.start();

      const reader = connect(doc, stakeholder.cookie);
      await whenSynced(reader);
      expect(reader.doc.getArray('items').toJSON()).toEqual(seen);
    });

    it('refuses people who are not signed in, non-members and bad document names, with a reason', async () => {
      const anonymous = connect(`site:${demoSiteId}:x`, '');
      const outsider = connect(`site:${otherSiteId}:x`, stakeholder.cookie);
      const badName = connect(`not-a-site-doc`, facilitator.cookie);
      await eventually(() => {
        expect(anonymous.closes[0]?.code).toBe(CloseCode.notSignedIn);
        expect(outsider.closes[0]?.code).toBe(CloseCode.notMember);
        expect(badName.closes[0]?.code).toBe(CloseCode.unknownDocument);
      });
      expect(outsider.closes[0]?.reason).toMatch(/not a member/);
      expect(outsider.provider.synced).toBe(false);
    });

    it('a non-member cannot read or write another site’s board', async () => {
      const doc = `site:${otherSiteId}:board`;
      const owner = connect(doc, facilitator.cookie);
      await whenSynced(owner);
      owner.doc.getText('t').insert(0, 'private to Other Site');
      const intruderSocket = await rawSocket(doc, stakeholder.cookie);
      const received: Buffer[] = [];
      intruderSocket.on('message', (data) => received.push(data as Buffer));
      const closed = await closeOf(intruderSocket);
      expect(closed.code).toBe(CloseCode.notMember);
      expect(received).toEqual([]);
    });

    it('closes a socket that sends malformed frames, keeps the document intact and stays up', async () => {
      const doc = `site:${demoSiteId}:malformed`;
      const good = connect(doc, facilitator.cookie);
      await whenSynced(good);
      good.doc.getText('t').insert(0, 'intact');

      const frames: (Buffer | string)[] = [
        Buffer.from([99, 1, 2, 3]), // unknown message type
        Buffer.from([0, 2, 200]), // sync update cut short
        Buffer.from([0, 2, 5, 1, 2, 3, 4, 5]), // an update that is not Yjs
        Buffer.from([0, 7, 0]), // unknown sync step
        Buffer.from([1, 10, 1, 2]), // awareness cut short
        Buffer.from([]), // empty
        'text frames are not part of the protocol',
      ];
      for (const frame of frames) {
        const ws = await rawSocket(doc, stakeholder.cookie);
        const closed = closeOf(ws);
        ws.send(frame);
        expect((await closed).code, `frame ${JSON.stringify(frame)}`).toBe(CloseCode.malformedMessage);
      }

      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      good.doc.getText('t').insert(6, ' and editable');
      const fresh = connect(doc, stakeholder.cookie);
      await whenSynced(fresh);
      await eventually(() => expect(fresh.doc.getText('t').toString()).toBe('intact and editable'));
    });

    it('closes a socket whose frame is over the size limit with 1009', async () => {
      const ws = await rawSocket(`site:${demoSiteId}:big`, facilitator.cookie);
      const closed = closeOf(ws);
      ws.send(Buffer.alloc(2 * 1024 * 1024, 1));
      expect((await closed).code).toBe(CloseCode.messageTooLarge);
    });

    it('removes a disconnected client’s presence at once (no ghost cursors)', async () => {
      const doc = `site:${demoSiteId}:presence`;
      const a = connect(doc, facilitator.cookie);
      const b = connect(doc, stakeholder.cookie);
      await Promise.all([whenSynced(a), whenSynced(b)]);
      a.provider.awareness.setLocalStateField('user', { name: 'Farah' });
      const aId = a.doc.clientID;
      // The name shown is the server's, not the one the client sent.
      await eventually(() => expect(b.provider.awareness.getStates().get(aId)).toMatchObject({ user: { role: 'facilitator' } }));
      // Drop the connection without a goodbye, as a closed laptop lid would.
      (a.provider.ws as unknown as WebSocket).terminate();
      a.provider.shouldConnect = false;
      await eventually(() => expect(b.provider.awareness.getStates().has(aId)).toBe(false), 5_000);
    });

    it('shows a reconnected client’s presence again at once, and takes it away when they leave', async () => {
      const doc = `site:${demoSiteId}:presence-again`;
      const a = connect(doc, facilitator.cookie);
      const b = connect(doc, stakeholder.cookie);
      await Promise.all([whenSynced(a), whenSynced(b)]);
      a.provider.awareness.setLocalStateField('editing', 'goal-1');
      const aId = a.doc.clientID;
      await eventually(() => expect(b.provider.awareness.getStates().get(aId)).toMatchObject({ editing: 'goal-1' }));
      // The connection drops and the provider reconnects by itself, announcing its presence at
      // the clock it had: the room must take it, not wait for the renewal 15 s later.
      (a.provider.ws as unknown as WebSocket).terminate();
      await eventually(() => expect(b.provider.awareness.getStates().has(aId)).toBe(false), 5_000);
      const clockBefore = a.provider.awareness.meta.get(aId)!.clock;
      await eventually(() => expect(b.provider.awareness.getStates().get(aId)).toMatchObject({ editing: 'goal-1' }), 5_000);
      // And it settles: ten edits later (each a round trip through the room after any presence
      // frame sent before it), the presence's clock has moved once, not on every echo.
      for (let i = 0; i < 10; i++) {
        a.doc.getText('t').insert(0, 'x');
        await eventually(() => expect(b.doc.getText('t').length).toBe(i + 1));
      }
      expect(b.provider.awareness.meta.get(aId)!.clock).toBeLessThanOrEqual(clockBefore + 2);
      a.destroy();
      await eventually(() => expect(b.provider.awareness.getStates().has(aId)).toBe(false), 5_000);
    });

    it('closes the Yjs connection of someone removed from the site', async () => {
      const person = await inviteAndAccept(server, facilitator, otherSiteId, 'removed@example.org');
      const client = connect(`site:${otherSiteId}:board`, person.cookie);
      await whenSynced(client);
      const me = (await person.get('/api/me')).body;
      expect((await facilitator.delete(`/api/sites/${otherSiteId}/members/${me.id}`)).status).toBe(204);
      await eventually(() => expect(client.closes[0]?.code).toBe(CloseCode.membershipEnded));
    });

    it('syncs a large document to a new client in frames under the limit', async () => {
      const doc = `site:${demoSiteId}:large`;
      // Many writers, each well under the limit, together well over it.
      const writers = Array.from({ length: 4 }, () => connect(doc, facilitator.cookie));
      await Promise.all(writers.map((w) => whenSynced(w)));
      for (const [i, w] of writers.entries()) {
        const text = w.doc.getText(`t${i}`);
        for (let k = 0; k < 6; k++) text.insert(text.length, Buffer.alloc(100_000, 97 + k).toString());
      }
      await eventually(() => expect(writers[0]!.doc.getText('t3').length).toBe(600_000), 20_000);

      const ws = await rawSocket(doc, stakeholder.cookie);
      const sizes: number[] = [];
      ws.on('message', (data) => sizes.push((data as Buffer).byteLength));
      // Ask for everything: sync step 1 with an empty state vector.
      ws.send(Buffer.from([0, 0, 1, 0]));
      const reader = connect(doc, stakeholder.cookie);
      await whenSynced(reader, 20_000);
      expect(reader.doc.getText('t2').length).toBe(600_000);
      await eventually(() => expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(2_000_000));
      expect(Math.max(...sizes)).toBeLessThanOrEqual(1024 * 1024);
      ws.close();
    });
  });

  describe('document state stays consistent with a fresh load', () => {
    it('what a late joiner gets equals what the first clients hold', async () => {
      const doc = `site:${demoSiteId}:late`;
      const a = connect(doc, facilitator.cookie);
      await whenSynced(a);
      const map = a.doc.getMap<number>('ratings');
      for (let i = 1; i <= 7; i++) map.set(`domain-${i}`, i % 5);
      const late = connect(doc, stakeholder.cookie);
      await whenSynced(late);
      await eventually(() => expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(a.doc)));
      expect(late.doc.getMap('ratings').toJSON()).toEqual(map.toJSON());
    });
  });
});
