import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { readBoard, readThemes, type BoardNote, type BoardTheme } from '@shared/cascade/board';
import { readGoalDrafts, type DraftGoal } from '@shared/goals/drafts';
import { meetingBoardDocName, meetingGoalsDocName } from '@shared/meetings/meeting';
import { useCollabDoc } from './useCollabDoc';

interface Presence {
  clientId: number;
  userId: string;
  name: string;
  /** The goal draft being typed in, if any. */
  editing: string | null;
}

export interface BoardConnection {
  /** The document people co-edit: goal drafts and review notes. */
  goalsDoc: Y.Doc;
  notes: BoardNote[];
  themes: BoardTheme[];
  goals: DraftGoal[];
  presence: Presence[];
  synced: boolean;
  /** Why the server closed a connection for good, in words for the person. */
  problem: string | null;
  /** While the server could not store changes (or we fell behind): what to tell people until we are back in sync. */
  notice: string | null;
  /** True while this browser holds edits the server has not yet confirmed it stored. */
  unsaved: boolean;
  setPresence(fields: Partial<Pick<Presence, 'editing'>>): void;
}

/** Reads a document again after every update, deletions included (they leave the state vector as it was). */
function useDocContent<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const store = useMemo(() => {
    let cached: { value: T } | null = null;
    return {
      subscribe: (onChange: () => void) => {
        const onUpdate = () => {
          cached = null;
          onChange();
        };
        doc.on('update', onUpdate);
        return () => doc.off('update', onUpdate);
      },
      read: () => (cached ??= { value: read(doc) }).value,
    };
  }, [doc]); // eslint-disable-line react-hooks/exhaustive-deps
  // A page drawn by the server starts, like any first render here, from an empty document.
  return useSyncExternalStore(store.subscribe, store.read, store.read);
}

const readNotes = (doc: Y.Doc) => ({ notes: readBoard(doc), themes: readThemes(doc) });

/**
 * A meeting's board: its notes and themes (a document only the server writes, which carries
 * who is in the room) and the goal drafts and review notes people co-edit (a document of its own).
 */
export function useBoard(siteId: string, meetingId: string, me: { id: string; name: string }): BoardConnection {
  const localPresence = useRef<Record<string, unknown>>({});
  const onProvider = useCallback(
    (provider: WebsocketProvider) => {
      provider.awareness.setLocalStateField('user', { id: me.id, name: me.name });
      for (const [key, value] of Object.entries(localPresence.current)) provider.awareness.setLocalStateField(key, value);
    },
    [me.id, me.name],
  );
  const board = useCollabDoc(meetingBoardDocName(siteId, meetingId), true, onProvider);
  const shared = useCollabDoc(meetingGoalsDocName(siteId, meetingId), false);
  const { notes, themes } = useDocContent(board.doc, readNotes);
  const goals = useDocContent(shared.doc, readGoalDrafts);
  const provider = board.provider;

  const readPresence = useMemo(() => {
    let cached: { key: string; list: Presence[] } | null = null;
    return () => {
      const list: Presence[] = [];
      provider?.awareness.getStates().forEach((state, clientId) => {
        const user = state.user as { id?: string; name?: string } | undefined;
        if (!user?.id || !user.name) return;
        list.push({ clientId, userId: user.id, name: user.name, editing: (state.editing as string) ?? null });
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
    goalsDoc: shared.doc,
    notes,
    themes,
    goals,
    presence,
    synced: board.synced && shared.synced,
    problem: board.problem ?? shared.problem,
    notice: board.notice ?? shared.notice,
    unsaved: shared.unsaved,
    setPresence: (fields) => {
      Object.assign(localPresence.current, fields);
      for (const [key, value] of Object.entries(fields)) provider?.awareness.setLocalStateField(key, value);
    },
  };
}
