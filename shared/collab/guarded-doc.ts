import * as Y from 'yjs';
import { integrationSteps } from './integration-work';
import { checkResult, type Refusal, type Sender } from './result-check';
import type { Collection } from './structured-doc';
import { scanUpdate, type ScanLimits } from './update-scan';

export interface GuardLimits extends ScanLimits {
  /** Items Yjs may walk past to apply one update (see integrationSteps). */
  maxSteps: number;
  /** Structs the document may hold; past that it takes no more. */
  maxDocStructs: number;
}

/**
 * Limits for a co-edited meeting document (goal drafts and review notes): a few thousand parts
 * hold a three-hour meeting's drafting with room to spare, and applying the largest update they
 * allow takes milliseconds, not the seconds a crafted 1 MiB frame would otherwise cost.
 */
export const coEditLimits: GuardLimits = { maxStructs: 6_000, maxNewStructs: 400, maxDeleteRanges: 6_000, maxContentBytes: 8 * 1024, maxSteps: 40_000, maxDocStructs: 5_000 };

/** `unreadable` when the update could not even be read (a malformed message, not a refused change). */
/**
 * Limits for a document of free shape (none of the app's: kept for the protocol's own tests and
 * tools): parts as long as a frame, but the same caps on the work a frame may cause.
 */
const freeShapeLimits: GuardLimits = { ...coEditLimits, maxContentBytes: 1024 * 1024, maxDocStructs: 50_000 };

/**
 * `behind` when the change builds on parts the document does not have yet: a stock y-websocket
 * client that types while it (re)joins sends its newest change before the sync step 2 with the
 * older ones. Not taken, but nothing wrong either: the sender is asked for what is missing.
 */
export type Admission = { ok: true } | ({ ok: false; unreadable?: boolean; behind?: boolean } & Refusal);

/**
 * A co-edited document with a copy beside it on which every incoming change is tried first. A
 * change is judged by what it does to the copy (nothing left waiting, every entry whole, every
 * limit kept) and only then applied to the document itself, so nothing a client sends can leave
 * the document in a state the rules do not allow, whatever its encoding. Before either, the
 * update is read cheaply and refused if applying it could cost more than the limits allow.
 */
export class GuardedDoc {
  /**
   * Made at the first change offered, not before: most documents loaded are never changed by a
   * connection (a meeting's board, which only the server writes; a closed meeting's documents),
   * and a copy would double what each holds in memory and the work of each change the server makes.
   */
  private probe: Y.Doc | null = null;
  private admitting = false;

  constructor(
    readonly doc: Y.Doc,
    /** What the document holds; null for a document of free shape, kept only to the limits. */
    private readonly collections: readonly Collection[] | null,
    private readonly limits: GuardLimits = collections ? coEditLimits : freeShapeLimits,
  ) {
    // Whatever reaches the document some other way (the store, other processes) reaches the copy.
    doc.on('update', (update: Uint8Array) => {
      if (!this.admitting && this.probe) Y.applyUpdate(this.probe, update);
    });
  }

  /** Applies the update to the document with `origin` if it passes; otherwise the document is untouched. */
  admit(update: Uint8Array, sender: Sender, origin: unknown): Admission {
    const doc = this.doc;
    const scanned = scanUpdate(update, (client) => Y.getState(doc.store, client), this.limits);
    if (!scanned.ok) return { ok: false, reason: scanned.reason, final: true, unreadable: scanned.unreadable };
    const { scan } = scanned;
    if (scan.gaps > 0) return { ok: false, reason: 'The change arrived before the change it follows', final: false, behind: true };
    for (const [client, ranges] of scan.deletes) {
      const reach = scan.reaches.get(client) ?? Y.getState(doc.store, client);
      let end = 0;
      for (const { clock, len } of ranges) {
        // Our clients send delete sets sorted and merged; repeats and overlaps only multiply work.
        if (clock < end) return { ok: false, reason: 'The change deletes the same thing more than once', final: true };
        end = clock + len;
        if (end > reach) return { ok: false, reason: 'The change deletes what does not exist yet', final: true };
      }
    }
    if (scan.onlyKnown && scan.deleteRanges === 0) return { ok: true };
    if (scan.newStructs > 0 && structCount(doc) + scan.newStructs > this.limits.maxDocStructs) {
      return { ok: false, reason: 'This board holds as much as it can', final: false };
    }
    if (integrationSteps(doc, scan, this.limits.maxSteps) > this.limits.maxSteps) {
      return { ok: false, reason: 'The change would take too long to apply', final: true };
    }
    // Parts the document already has are left out, so Yjs does not decode them again.
    const fresh = scan.structs > scan.newStructs ? Y.diffUpdate(update, Y.encodeStateVector(doc)) : update;

    let tr: Y.Transaction | null = null;
    const capture = (transaction: Y.Transaction) => void (tr ??= transaction);
    const probe = (this.probe ??= copyOf(doc));
    probe.on('afterTransaction', capture);
    let refusal: (Refusal & { behind?: boolean }) | null;
    try {
      Y.applyUpdate(probe, fresh);
      const pending = probe.store.pendingStructs !== null || probe.store.pendingDs !== null;
      refusal = pending ? { reason: 'The change needs parts the board does not have', final: false, behind: true } : tr && this.collections ? checkResult(probe, doc, tr, sender, this.collections) : null;
    } catch {
      refusal = { reason: 'The change could not be applied', final: true };
    } finally {
      probe.off('afterTransaction', capture);
    }
    if (refusal) {
      // The copy took what the document must not: made again from the document when next needed.
      probe.destroy();
      this.probe = null;
      return { ok: false, ...refusal };
    }
    this.admitting = true;
    try {
      Y.applyUpdate(doc, fresh, origin);
    } finally {
      this.admitting = false;
    }
    return { ok: true };
  }

  destroy(): void {
    this.probe?.destroy();
  }
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: doc.gc });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function structCount(doc: Y.Doc): number {
  let count = 0;
  for (const structs of doc.store.clients.values()) count += structs.length;
  return count;
}
