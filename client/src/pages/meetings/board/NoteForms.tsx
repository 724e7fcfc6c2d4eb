import { useEffect, useState, type FormEvent } from 'react';
import { maxNoteLength, noteKindLabels, type NoteList } from '@shared/cascade/board';
import type { DomainId } from '@shared/cascade/framework';
import { newRequestId } from '../../../api/request-id';
import { useKeptDraft } from '../../../realtime/kept-drafts';
import { ActionOutcome, attempt, type ActionReply } from './ActionButton';
import type { NotesContext } from './Notes';

const newId = (prefix: string) => `${prefix}${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;

/** Where a box's draft is kept: per meeting and person (NotesContext.draftKey), then per box. */
export const draftKeyOf = (context: Pick<NotesContext, 'draftKey'>, box: string) => (context.draftKey ? `${context.draftKey}:${box}` : null);

/**
 * A new note. What is typed is kept (useKeptDraft) until the server has the note: the box stays
 * while the connection is down, so people keep writing, and a note sent then goes when it
 * returns. Sent again, after a lost answer or a reload, it is the same note with the same ids,
 * so it arrives once.
 */
export function AddNote({ context, domain, list }: { context: NotesContext; domain: DomainId | 0; list: NoteList }) {
  const inputId = `new-${list}-${domain}`;
  const [draft, keep] = useKeptDraft(draftKeyOf(context, inputId));
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<ActionReply | null>(null);
  const writingPrivately = domain !== 0 && context.view.privateDomain === domain;
  const sentId = draft.sent?.noteId;
  const arrived = sentId !== undefined && (context.notes.some((n) => n.id === sentId) || context.view.myPrivateNotes.some((n) => n.id === sentId));

  // A note sent before a reload whose answer never came, found on the board: it is done.
  useEffect(() => {
    if (!arrived || pending || !draft.sent) return;
    keep(draft.sent.text === draft.text ? null : { text: draft.text });
  }, [arrived, pending, draft, keep]);

  async function add(event: FormEvent) {
    event.preventDefault();
    // The text as it was sent before goes again as the same note; changed text is a new one.
    const sent = draft.sent?.text === draft.text ? draft.sent : { text: draft.text, noteId: newId('n'), actionId: newRequestId() };
    keep({ text: draft.text, sent });
    setPending(true);
    const reply = await attempt(() => context.act({ type: 'add-note', noteId: sent.noteId, domain, list, text: sent.text }, sent.actionId));
    setPending(false);
    setOutcome(reply);
    if (reply.ok) keep(null);
  }

  return (
    <form onSubmit={(e) => void add(e)} className="app-notes__add" noValidate>
      <label className="govuk-label govuk-label--s" htmlFor={inputId}>
        Add a {noteKindLabels[list].toLowerCase()}
        {writingPrivately && <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">Only you will see it until the facilitator reveals all notes</span>}
        {context.readOnly && <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">Not connected: what you write is kept here until it can be added</span>}
      </label>
      <textarea
        className="govuk-textarea govuk-!-margin-bottom-2"
        id={inputId}
        rows={2}
        maxLength={maxNoteLength}
        value={draft.text}
        onChange={(e) => keep({ ...draft, text: e.target.value })}
      />
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={pending}>
        Add {noteKindLabels[list].toLowerCase()}
      </button>
      <ActionOutcome pending={pending} outcome={outcome} done={writingPrivately ? 'Added – only you can see it for now' : 'Added to the board'} />
    </form>
  );
}

/** Changing a note; the change is kept like a new note's text until it is saved or cancelled. */
export function EditNote({ note, context, onDone }: { note: { id: string; text: string }; context: NotesContext; onDone: () => void }) {
  const id = `edit-${note.id}`;
  const [kept, keep] = useKeptDraft(draftKeyOf(context, id));
  // Emptied, the box stays empty: the kept copy only starts it again after a reload.
  const [text, setText] = useState(() => kept.text || note.text);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<ActionReply | null>(null);
  const finish = () => {
    keep(null);
    onDone();
  };
  async function save(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    // Setting a note's text twice is harmless: no ids to keep for a retry.
    const reply = await attempt(() => context.act({ type: 'edit-note', noteId: note.id, text }));
    setPending(false);
    setOutcome(reply);
    if (reply.ok) finish();
  }
  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <label className="govuk-label govuk-visually-hidden" htmlFor={id}>
        Change the note
      </label>
      <textarea className="govuk-textarea govuk-!-margin-bottom-2" id={id} rows={3} maxLength={maxNoteLength} value={text} autoFocus onChange={(e) => {
          setText(e.target.value);
          keep({ text: e.target.value });
        }} />
      <div className="govuk-button-group govuk-!-margin-bottom-0">
        <button type="submit" className="govuk-button govuk-!-margin-bottom-0" disabled={pending}>
          Save note
        </button>
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={finish}>
          Cancel
        </button>
      </div>
      <ActionOutcome pending={pending} outcome={outcome} />
    </form>
  );
}
