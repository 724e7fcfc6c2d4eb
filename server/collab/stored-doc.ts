import * as Y from 'yjs';
import type { StoredDoc } from '../store/store';

/** Applies what the store holds for a document (snapshot, then updates) in one transaction. */
export function applyStoredDoc(doc: Y.Doc, stored: Pick<StoredDoc, 'snapshot' | 'updates'>, origin: unknown = null): Y.Doc {
  Y.transact(
    doc,
    () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    },
    origin,
  );
  return doc;
}
