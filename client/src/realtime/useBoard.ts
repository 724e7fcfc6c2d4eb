import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { listenForSavedNotices } from '@shared/collab/saved-notice';
import { readBoard, readThemes, type BoardNote, type BoardTheme } from '@shared/cascade/board';
import type { DomainId } from '@shared/cascade/framework';
import { CloseCode, closeReasons, finalCloseCodes } from '@shared/collab/close-codes';
import { collabPath } from '@shared/collab/doc-names';
import { readGoalDrafts, type DraftGoal } from '@shared/goals/drafts';

interface Presence {
  clientId: number;
  userId: string;
  name: string;
  /** The note being typed in, if any. */
  editing: string | null;
  domain: DomainId | null;
}

export interface BoardConnection {
  doc: Y.Doc;
  notes: BoardNote[];
  themes: BoardTheme[];
  goals: DraftGoal[];
  presence: Presence[];
  synced: boolean;
  /** Why the server closed the connection for good, in words for the person. */
  problem: string | null;
  /** While the server could not store changes (or we fell behind): what to tell people until we are back in sync. */
  notice: string | null;
  /** True while this browser holds edits the server has not yet confirmed it stored. */
  unsaved: boolean;
  setPresence(fields: Partial<Pick<Presence, 'editing' | 'domain'>>): void;
}

function collabUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${collabPath}`;
}

/**
 * The meeting board, co-edited through the server's y-websocket endpoint. A change the server
 * refused means our copy holds something the board does not, so we start again from the
 * server's copy rather than sending it forever.
 */
export function useBoard(docName: string, me: { id: string; name: string }): BoardConnection {
  const [generation, setGeneration] = useState(0);
  // The document is a plain object; the connection is a side effect, so it lives in an effect.
  // A new generation replaces both after a refused change.
  const doc = useMemo(() => new Y.Doc(), [docName, generation]); // eslint-disable-line react-hooks/exhaustive-deps
  const [provider, setProvider] = useState<WebsocketProvider | null>(null);
  const localPresence = useRef<Record<string, unknown>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [synced, setSynced] = useState(false);
  const [unsaved, setUnsaved] = useState(false);

  useEffect(() => {
    const provider = new WebsocketProvider(collabUrl(), docName, doc, { maxBackoffTime: 5000 });
    provider.awareness.setLocalStateField('user', { id: me.id, name: me.name });
    for (const [key, value] of Object.entries(localPresence.current)) provider.awareness.setLocalStateField(key, value);
    const onSync = (isSynced: boolean) => {
      setSynced(isSynced);
      if (isSynced) setNotice(null);
    };
    const onClose = (event: CloseEvent | null) => {
      if (!event) return;
      if (event.code === CloseCode.notSaved || event.code === CloseCode.tooFarBehind) {
        // y-websocket reconnects by itself and sends again what the server lacks.
        setNotice(closeReasons[event.code]);
      } else if (event.code === CloseCode.changeRefused) {
        setProblem(closeReasons[CloseCode.changeRefused]);
        provider.disconnect();
        setGeneration((g) => g + 1);
      } else if (finalCloseCodes.has(event.code) || event.code === CloseCode.readOnly) {
        provider.disconnect();
        // A session ended elsewhere comes with its own reason (signed out, password changed).
        setProblem(event.code === CloseCode.notSignedIn && event.reason ? event.reason : (closeReasons[event.code as CloseCode] ?? event.reason));
      }
    };
    // The server answers each change it has stored with what it holds: our edits are saved once
    // that covers everything this browser wrote.
    let serverHas = 0;
    const judge = () => setUnsaved(Y.getState(doc.store, doc.clientID) > serverHas);
    const stopListening = listenForSavedNotices(provider, doc, (clock) => {
      serverHas = clock;
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
  }, [doc, docName, me.id, me.name]);

  // Read the board again after every update, deletions included (they leave the state vector as it was).
  const content = useMemo(() => {
    let cached: { notes: BoardNote[]; themes: BoardTheme[]; goals: DraftGoal[] } | null = null;
    return {
      subscribe: (onChange: () => void) => {
        const onUpdate = () => {
          cached = null;
          onChange();
        };
        doc.on('update', onUpdate);
        return () => doc.off('update', onUpdate);
      },
      read: () => (cached ??= { notes: readBoard(doc), themes: readThemes(doc), goals: readGoalDrafts(doc) }),
    };
  }, [doc]);
  // A page drawn by the server starts, like any first render here, from an empty document.
  const { notes, themes, goals } = useSyncExternalStore(content.subscribe, content.read, content.read);

  const readPresence = useMemo(() => {
    let cached: { key: string; list: Presence[] } | null = null;
    return () => {
      const list: Presence[] = [];
      provider?.awareness.getStates().forEach((state, clientId) => {
        const user = state.user as { id?: string; name?: string } | undefined;
        if (!user?.id || !user.name) return;
        list.push({ clientId, userId: user.id, name: user.name, editing: (state.editing as string) ?? null, domain: (state.domain as DomainId) ?? null });
      });
      const key = JSON.stringify(list);
      if (cached?.key !== key) cached = { key, list };
      return cached.list;
    };
  }, [provider]);
  const presence = useSyncExternalStore(
    useMemo(() => (onChange: () => void) => {
      if (!provider) return () => {};
      provider.awareness.on('change', onChange);
      return () => provider.awareness.off('change', onChange);
    }, [provider]),
    readPresence,
    readPresence,
  );

  return {
    doc,
    notes,
    themes,
    goals,
    presence,
    synced,
    problem,
    notice,
    unsaved,
    setPresence: (fields) => {
      Object.assign(localPresence.current, fields);
      for (const [key, value] of Object.entries(fields)) provider?.awareness.setLocalStateField(key, value);
    },
  };
}
