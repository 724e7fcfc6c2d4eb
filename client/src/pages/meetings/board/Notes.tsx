import { useState, type FormEvent } from 'react';
import * as Y from 'yjs';
import { addNote, maxNoteLength, notesOf, noteListLabels, type BoardNote, type NoteList } from '@shared/cascade/board';
import type { DomainId } from '@shared/cascade/framework';
import { CollabTextarea } from '../../../components/CollabTextarea';
import type { BoardConnection } from '../../../realtime/useBoard';

function newNoteId(): string {
  return `n${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

/** One list of sticky notes (strengths, challenges or free notes) for a domain. */
export function NoteColumn({
  board,
  domain,
  list,
  me,
  readOnly,
}: {
  board: BoardConnection;
  domain: DomainId | 0;
  list: NoteList;
  me: { id: string; name: string };
  readOnly: boolean;
}) {
  const notes = board.notes.filter((n) => n.domain === domain && n.list === list);
  const [draft, setDraft] = useState('');
  const inputId = `new-${list}-${domain}`;

  function add(event: FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    addNote(board.doc, { id: newNoteId(), domain, list, authorId: me.id, authorName: me.name, text });
    setDraft('');
  }

  return (
    <section className={`app-notes app-notes--${list}`} aria-labelledby={`${inputId}-heading`}>
      <h3 className="govuk-heading-s" id={`${inputId}-heading`}>
        {noteListLabels[list]} <span className="govuk-body-s">({notes.length})</span>
      </h3>
      <ul className="app-notes__list">
        {notes.map((note) => (
          <NoteCard key={note.id} note={note} board={board} me={me} readOnly={readOnly} />
        ))}
      </ul>
      {!readOnly && (
        <form onSubmit={add} className="app-notes__add">
          <label className="govuk-label govuk-label--s" htmlFor={inputId}>
            Add to {noteListLabels[list].toLowerCase()}
          </label>
          <textarea className="govuk-textarea govuk-!-margin-bottom-2" id={inputId} rows={2} maxLength={maxNoteLength} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
            Add note
          </button>
        </form>
      )}
    </section>
  );
}

function NoteCard({ note, board, me, readOnly }: { note: BoardNote; board: BoardConnection; me: { id: string }; readOnly: boolean }) {
  const map = notesOf(board.doc).get(note.id);
  const text = map?.get('text');
  const typing = board.presence.filter((p) => p.editing === note.id && p.userId !== me.id).map((p) => p.name);
  return (
    <li className="app-note">
      {readOnly || !(text instanceof Y.Text) ? (
        <p className="govuk-body govuk-!-margin-bottom-1">{note.text}</p>
      ) : (
        <CollabTextarea
          text={text}
          maxLength={maxNoteLength}
          className="app-note__text"
          aria-label={`Note by ${note.authorName}`}
          rows={Math.min(6, Math.max(2, Math.ceil(note.text.length / 40)))}
          onFocus={() => board.setPresence({ editing: note.id })}
          onBlur={() => board.setPresence({ editing: null })}
        />
      )}
      <p className="app-note__meta">
        {note.authorName}
        {typing.length > 0 && <span className="app-note__typing"> · {typing.join(', ')} typing…</span>}
      </p>
    </li>
  );
}
