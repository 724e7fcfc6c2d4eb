import { useEffect, useMemo, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { listenForSavedNotices } from '@shared/collab/saved-notice';
import { CloseCode, closeReasons, finalCloseCodes } from '@shared/collab/close-codes';
import { collabPath } from '@shared/collab/doc-names';
import { forgetEdits, keepEdits, missingEdits, readKeptEdits } from './kept-edits';

export interface CollabDoc {
  doc: Y.Doc;
  provider: WebsocketProvider | null;
  synced: boolean;
  /** Why the server closed the connection for good, in words for the person. */
  problem: string | null;
  /** While the server could not store changes (or we fell behind): what to tell people until we are back in sync. */
  notice: string | null;
  /** True while this browser holds edits the server has not yet confirmed it stored. */
  unsaved: boolean;
}

function collabUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${collabPath}`;
}

/**
 * One document through the server's y-websocket endpoint. A change the server refused means our
 * copy holds something the document does not, so we start again from the server's copy rather
 * than sending it forever. `presence` is false for a document whose connection shows nobody.
 */
export function useCollabDoc(docName: string, presence: boolean, onProvider?: (provider: WebsocketProvider) => void): CollabDoc {
  const [generation, setGeneration] = useState(0);
  // The document is a plain object; the connection is a side effect, so it lives in an effect.
  // A new generation replaces both after a refused change.
  const doc = useMemo(() => new Y.Doc(), [docName, generation]); // eslint-disable-line react-hooks/exhaustive-deps
  const [provider, setProvider] = useState<WebsocketProvider | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [synced, setSynced] = useState(false);
  const [unsaved, setUnsaved] = useState(false);

  useEffect(() => {
    // Edits kept from before a reload go in once the document has the server's copy (see onSync).
    let kept = readKeptEdits(docName);
    // y-websocket closes a connection that has heard nothing for 30 s (the server's pings are not
    // messages to it). The board's document hears everyone's presence every 15 s; one without
    // presence (the goal drafts) may hear nothing in a quiet spell, and showed "Connection lost"
    // every half minute: it asks the server for what it lacks every 15 s instead, which answers.
    const provider = new WebsocketProvider(collabUrl(), docName, doc, { maxBackoffTime: 5000, resyncInterval: presence ? -1 : 15_000 });
    if (!presence) provider.awareness.setLocalState(null);
    else onProvider?.(provider);
    // The server answers each change it has stored with what it holds: our edits are saved once
    // that covers everything this browser wrote, and any edits kept from before a reload.
    let serverHas = new Map<number, number>();
    let keptUntil = new Map<number, number>();
    const judge = () => {
      const ownUnsaved = Y.getState(doc.store, doc.clientID) > (serverHas.get(doc.clientID) ?? 0);
      const keptUnsaved = [...keptUntil].some(([client, clock]) => (serverHas.get(client) ?? 0) < clock);
      setUnsaved(ownUnsaved || keptUnsaved);
      if (ownUnsaved || keptUnsaved) keepEdits(docName, doc);
      else forgetEdits(docName);
    };
    const onSync = (isSynced: boolean) => {
      setSynced(isSynced);
      if (isSynced) setNotice(null);
      if (isSynced && kept) {
        const missing = missingEdits(doc, kept);
        kept = null;
        keptUntil = missing.until;
        // Applied as a local change, so the provider sends it; judged (and kept again) below.
        Y.applyUpdate(doc, missing.update);
        judge();
      }
    };
    const onClose = (event: CloseEvent | null) => {
      if (!event) return;
      if (event.code === CloseCode.notSaved || event.code === CloseCode.tooFarBehind || event.code === CloseCode.paused) {
        // y-websocket reconnects by itself and sends again what the server lacks.
        setNotice(closeReasons[event.code]);
      } else if (event.code === CloseCode.changeRefused) {
        // What was refused is not kept for the next reload, where it would be refused again.
        forgetEdits(docName);
        setProblem(closeReasons[CloseCode.changeRefused]);
        provider.disconnect();
        setGeneration((g) => g + 1);
      } else if (finalCloseCodes.has(event.code) || event.code === CloseCode.readOnly) {
        provider.disconnect();
        // A session ended elsewhere comes with its own reason (signed out, password changed).
        setProblem(event.code === CloseCode.notSignedIn && event.reason ? event.reason : (closeReasons[event.code as CloseCode] ?? event.reason));
      }
    };
    const stopListening = listenForSavedNotices(provider, doc, (_own, vector) => {
      serverHas = vector;
      judge();
    });
    const onLocalUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin !== provider) judge();
    };
    doc.on('update', onLocalUpdate);
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    setProvider(provider);
    return () => {
      doc.off('update', onLocalUpdate);
      stopListening();
      provider.off('sync', onSync);
      provider.off('connection-close', onClose);
      provider.destroy();
      setProvider(null);
      setSynced(false);
    };
  }, [doc, docName, presence]); // eslint-disable-line react-hooks/exhaustive-deps

  return { doc, provider, synced, problem, notice, unsaved };
}
