import * as decoding from 'lib0/decoding';

/**
 * A first, cheap reading of an incoming Yjs update (format v1), done before Yjs decodes it: Yjs
 * builds an object for every struct and integrates them in time that can grow with the square
 * of their number, so a single crafted frame of 1 MiB would hold the event loop for seconds.
 * This reader counts as it goes and gives up as soon as a limit is passed; it builds nothing but
 * the few facts about new items that the work estimate needs.
 */

export interface ScanLimits {
  /** Structs one update may carry, known or new (a reconnecting client resends what it has). */
  maxStructs: number;
  /** Structs one update may add to the document. */
  maxNewStructs: number;
  /** Delete ranges one update may carry. */
  maxDeleteRanges: number;
  /** Bytes one item's content may take (no text or value we keep is longer): read no further. */
  maxContentBytes: number;
}

type Id = readonly [client: number, clock: number];

/** Where a new item goes, as the update says: enough to estimate what integrating it costs. */
export interface NewItem {
  id: Id;
  origin: Id | null;
  rightOrigin: Id | null;
  /** The parent named outright (a root's name or a type's id), or null when implied by a neighbour. */
  parent: { root: string } | { id: Id } | null;
  parentSub: string | null;
}

export interface UpdateScan {
  structs: number;
  newStructs: number;
  /** Every struct is already in the document (a resend): nothing for Yjs to integrate. */
  onlyKnown: boolean;
  /** Per client, the clock the document reaches once the update's structs are in. */
  reaches: Map<number, number>;
  /** Structs that start after what the document and the update before them hold: Yjs would keep them pending. */
  gaps: number;
  newItems: NewItem[];
  deletes: Map<number, { clock: number; len: number }[]>;
  deleteRanges: number;
}

export type ScanResult = { ok: true; scan: UpdateScan } | { ok: false; reason: string; unreadable?: boolean };

const tooMuch = (what: string): ScanResult => ({ ok: false, reason: `The change carries more ${what} than one change may` });

/** Reads `update` against a document whose clock per client is `stateOf(client)`. */
export function scanUpdate(update: Uint8Array, stateOf: (client: number) => number, limits: ScanLimits): ScanResult {
  try {
    return scan(decoding.createDecoder(update), stateOf, limits);
  } catch (error) {
    if (error instanceof TooLong) return tooMuch('text in one part');
    return { ok: false, reason: 'The change could not be read', unreadable: true };
  }
}

function scan(d: decoding.Decoder, stateOf: (client: number) => number, limits: ScanLimits): ScanResult {
  const result: UpdateScan = { structs: 0, newStructs: 0, onlyKnown: true, reaches: new Map(), gaps: 0, newItems: [], deletes: new Map(), deleteRanges: 0 };
  const clients = decoding.readVarUint(d);
  for (let c = 0; c < clients; c++) {
    const count = decoding.readVarUint(d);
    const client = decoding.readVarUint(d);
    let clock = decoding.readVarUint(d);
    let reached = stateOf(client);
    result.structs += count;
    if (result.structs > limits.maxStructs) return tooMuch('parts');
    for (let i = 0; i < count; i++) {
      const info = decoding.readUint8(d);
      const kind = info & 0b11111;
      let len: number;
      let item: NewItem | null = null;
      if (kind === 0 || kind === 10) {
        // GC (collected content) or Skip (a hole a merged update leaves: what follows would wait).
        len = decoding.readVarUint(d);
        if (kind === 10) result.gaps += 1;
      } else {
        const id: Id = [client, clock];
        const origin = info & 0x80 ? readId(d) : null;
        const rightOrigin = info & 0x40 ? readId(d) : null;
        let parent: NewItem['parent'] = null;
        let parentSub: string | null = null;
        if ((info & 0xc0) === 0) {
          parent = decoding.readVarUint(d) === 1 ? { root: decoding.readVarString(d) } : { id: readId(d) };
          if (info & 0x20) parentSub = decoding.readVarString(d);
        }
        const start = d.pos;
        len = skipContent(d, kind, limits.maxContentBytes);
        if (d.pos - start > limits.maxContentBytes) return tooMuch('text in one part');
        item = { id, origin, rightOrigin, parent, parentSub };
      }
      if (clock + len > reached) {
        if (clock > reached) result.gaps += 1;
        result.onlyKnown = false;
        result.newStructs += 1;
        if (result.newStructs > limits.maxNewStructs) return tooMuch('new parts');
        if (item) result.newItems.push(item);
        reached = Math.max(reached, clock + len);
      }
      clock += len;
    }
    result.reaches.set(client, reached);
  }
  const deleting = decoding.readVarUint(d);
  for (let c = 0; c < deleting; c++) {
    const client = decoding.readVarUint(d);
    const count = decoding.readVarUint(d);
    result.deleteRanges += count;
    if (result.deleteRanges > limits.maxDeleteRanges) return tooMuch('deletions');
    const ranges = result.deletes.get(client) ?? [];
    for (let i = 0; i < count; i++) ranges.push({ clock: decoding.readVarUint(d), len: decoding.readVarUint(d) });
    result.deletes.set(client, ranges);
  }
  if (decoding.hasContent(d)) return { ok: false, reason: 'The change could not be read', unreadable: true };
  return { ok: true, scan: result };
}

class TooLong extends Error {}

const readId = (d: decoding.Decoder): Id => [decoding.readVarUint(d), decoding.readVarUint(d)];

/** Reads past an item's content (Yjs's content refs 1–9); returns how many clocks it spans. */
function skipContent(d: decoding.Decoder, kind: number, maxBytes: number): number {
  switch (kind) {
    case 1: // deleted
      return decoding.readVarUint(d);
    case 2: {
      // JSON: a count, then that many strings
      const n = decoding.readVarUint(d);
      for (let i = 0; i < n; i++) decoding.readVarString(d);
      return n;
    }
    case 3: // binary
      decoding.readVarUint8Array(d);
      return 1;
    case 4: {
      // A string: its length in UTF-16 units, as Yjs counts it. Too long a one is not decoded.
      const bytes = decoding.readVarUint(d);
      if (bytes > maxBytes) throw new TooLong();
      return new TextDecoder().decode(decoding.readUint8Array(d, bytes)).length;
    }
    case 5: // embed
      decoding.readVarString(d);
      return 1;
    case 6: // format: key and value
      decoding.readVarString(d);
      decoding.readVarString(d);
      return 1;
    case 7: {
      // a type; XML elements and hooks carry a name
      const ref = decoding.readVarUint(d);
      if (ref === 3 || ref === 5) decoding.readVarString(d);
      return 1;
    }
    case 8: {
      // any: a count, then that many values
      const n = decoding.readVarUint(d);
      for (let i = 0; i < n; i++) decoding.readAny(d);
      return n;
    }
    case 9: // a subdocument
      decoding.readVarString(d);
      decoding.readAny(d);
      return 1;
    default:
      throw new Error(`unknown content ${kind}`);
  }
}
