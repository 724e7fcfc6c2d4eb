import { useCallback, useEffect, useState } from 'react';

/**
 * Text typed into a box of the live board, kept in this tab's sessionStorage until the server
 * has it: a dropped connection or a reload does not take a half-written note away. The tab's
 * own storage, not localStorage, so an anonymous note left unsent on a shared computer goes
 * when the tab is closed instead of waiting there for the next person.
 */
export interface KeptDraft {
  text: string;
  /**
   * Set once the text has been sent: the ids it was sent with, so that sending it again after a
   * lost answer (the server killed mid-request, a reload) is the same request, applied once.
   */
  sent?: { text: string; noteId: string; actionId: string };
}

const empty: KeptDraft = { text: '' };

function read(key: string | null): KeptDraft {
  if (!key) return empty;
  try {
    const stored = JSON.parse(sessionStorage.getItem(key) ?? 'null') as KeptDraft | null;
    return stored && typeof stored.text === 'string' ? stored : empty;
  } catch {
    return empty;
  }
}

function write(key: string, draft: KeptDraft | null): void {
  try {
    if (draft && (draft.text || draft.sent)) sessionStorage.setItem(key, JSON.stringify(draft));
    else sessionStorage.removeItem(key);
  } catch {
    // Storage full or refused (a private window): the draft still lives on the page.
  }
}

/** The draft for one box (`key` null: nothing kept, e.g. the presenter's view); `keep(null)` forgets it. */
export function useKeptDraft(key: string | null): [KeptDraft, (draft: KeptDraft | null) => void] {
  const [draft, setDraft] = useState(() => read(key));
  const keep = useCallback(
    (next: KeptDraft | null) => {
      setDraft(next ?? empty);
      if (key) write(key, next);
    },
    [key],
  );
  return [draft, keep];
}

/**
 * Whether a note's editor opens on its own: it does when a draft kept from before (a reload)
 * still says something new. A draft the board already shows (`shown`) was saved, its answer lost
 * to the reload, and is forgotten once the note is on screen.
 */
export function useEditorReopened(key: string | null, shown: string): [boolean, (editing: boolean) => void] {
  const [kept] = useState(() => {
    const { text } = read(key);
    // The server keeps a note's text trimmed, so a saved draft may differ from it only in spaces.
    return text === '' ? 'none' : text.trim() === shown ? 'saved' : 'unsaved';
  });
  const [editing, setEditing] = useState(kept === 'unsaved');
  useEffect(() => {
    if (key && kept === 'saved') write(key, null);
  }, [key, kept]);
  return [editing, setEditing];
}
