import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeClientMessage, encodeSyncStep2Frames, MalformedMessage } from '../../server/collab/protocol';

function readFrame(frame: Uint8Array) {
  const decoder = decoding.createDecoder(frame);
  return { type: decoding.readVarUint(decoder), syncType: decoding.readVarUint(decoder), payload: decoding.readVarUint8Array(decoder) };
}

describe('reading client frames', () => {
  it('decodes sync step 1, updates and awareness', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x');
    const sv = Y.encodeStateVector(doc);
    expect(decodeClientMessage(new Uint8Array([0, 0, sv.length, ...sv]))).toEqual({ type: 'sync-step-1', stateVector: sv });
    expect(decodeClientMessage(new Uint8Array([3]))).toEqual({ type: 'query-awareness' });
  });

  it.each([
    ['empty', []],
    ['unknown type', [9]],
    ['unknown sync step', [0, 5, 0]],
    ['truncated payload', [0, 2, 10, 1]],
    ['trailing bytes', [3, 3]],
    ['state vector that is not one', [0, 0, 2, 200, 200]],
  ])('refuses %s', (_name, bytes) => {
    expect(() => decodeClientMessage(new Uint8Array(bytes))).toThrow(MalformedMessage);
  });
});

describe('answering a sync step 1 for a large document', () => {
  it('sends one step 2 when the document is small', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'small');
    const frames = encodeSyncStep2Frames(doc, Y.encodeStateVector(new Y.Doc()), 1024);
    expect(frames).toHaveLength(1);
    expect(readFrame(frames[0]!).syncType).toBe(1);
  });

  it('splits by client, every frame under the limit, step 2 last, and the result is the whole document', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 5; i++) {
      const author = new Y.Doc();
      author.getText(`t${i}`).insert(0, 'x'.repeat(50_000));
      author.getText(`t${i}`).delete(0, 10);
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(author));
    }
    const frames = encodeSyncStep2Frames(doc, Y.encodeStateVector(new Y.Doc()), 100_000);
    expect(frames.length).toBe(6);
    for (const frame of frames) expect(frame.byteLength).toBeLessThanOrEqual(100_000);
    expect(frames.slice(0, -1).every((f) => readFrame(f).syncType === 2)).toBe(true);
    expect(readFrame(frames.at(-1)!).syncType).toBe(1);
    const copy = new Y.Doc();
    for (const frame of frames) Y.applyUpdate(copy, readFrame(frame).payload);
    for (let i = 0; i < 5; i++) expect(copy.getText(`t${i}`).length).toBe(49_990);
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(doc));
  });
});
