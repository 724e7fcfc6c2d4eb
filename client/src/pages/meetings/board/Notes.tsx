import type { ReactNode } from 'react';
import { noteKindLabels, noteListLabels, type BoardNote, type BoardTheme, type NoteList } from '@shared/cascade/board';
import type { DomainId } from '@shared/cascade/framework';
import type { MeetingAction } from '@shared/realtime';
import type { NotesView } from '@shared/meetings/board-notes';
import { useEditorReopened } from '../../../realtime/kept-drafts';
import { ActionButton, type ActionReply } from './ActionButton';
import { AddNote, draftKeyOf, EditNote } from './NoteForms';
import { NoteGrouping } from './NoteGrouping';
import { useDropZone, useNoteDragging } from './NoteDragging';
import { ThemeSection } from './ThemeSection';

/** What a note column needs from the meeting: the board's notes, the viewer's side of them, and a way to act. */
export interface NotesContext {
  notes: BoardNote[];
  themes: BoardTheme[];
  view: NotesView;
  act: (action: MeetingAction, actionId?: string) => Promise<ActionReply>;
  /** Whether the server lets this person add notes now (the domain review). */
  mayAdd: boolean;
  /** Not connected (or the presenter's view): nothing on the board can be changed. */
  readOnly: boolean;
  /** Where this person's unsent drafts in this meeting are kept; null where nobody writes. */
  draftKey: string | null;
}

const noAbilities = { edit: false, remove: false, react: false, group: false };
const listMarks: Record<NoteList, string> = { strength: '+', challenge: '−', note: '•' };

/** One list of notes (strengths, challenges or free notes) for a domain, grouped by theme. */
export function NoteColumn({ context, domain, list }: { context: NotesContext; domain: DomainId | 0; list: NoteList }) {
  const { view } = context;
  const notes = context.notes.filter((n) => n.domain === domain && n.list === list);
  const mine = view.myPrivateNotes.filter((n) => n.domain === domain && n.list === list);
  const themes = context.themes.filter((t) => t.domain === domain);
  const ungrouped = notes.filter((n) => !themes.some((t) => t.id === n.theme));
  const headingId = `notes-${list}-${domain}`;
  return (
    <section className={`app-notes app-notes--${list}`} aria-labelledby={headingId}>
      <h3 className="govuk-heading-s" id={headingId}>
        <span className="app-notes__mark" aria-hidden="true">
          {listMarks[list]}
        </span>{' '}
        {noteListLabels[list]} <span className="govuk-body-s">({notes.length})</span>
      </h3>
      {mine.length > 0 && (
        <ul className="app-notes__list" aria-label={`Your private ${noteListLabels[list].toLowerCase()}`}>
          {mine.map((note) => (
            <PrivateNoteCard key={note.id} note={note} list={list} context={context} />
          ))}
        </ul>
      )}
      <UngroupedNotes id={`ungrouped:${list}:${domain}`} context={context}>
        {ungrouped.map((note) => (
          <NoteCard key={note.id} note={note} context={context} themes={themes} />
        ))}
      </UngroupedNotes>
      {themes.map((theme) => {
        const inTheme = notes.filter((n) => n.theme === theme.id);
        if (!inTheme.length) return null;
        return (
          <ThemeSection key={theme.id} theme={theme} count={inTheme.length} context={context}>
            {inTheme.map((note) => (
              <NoteCard key={note.id} note={note} context={context} themes={themes} />
            ))}
          </ThemeSection>
        );
      })}
      {/* Kept while the connection is down: people go on writing, and nothing typed is lost. */}
      {context.mayAdd && <AddNote context={context} domain={domain} list={list} />}
    </section>
  );
}

function NoteCard({ note, context, themes }: { note: BoardNote; context: NotesContext; themes: BoardTheme[] }) {
  const { view, act } = context;
  const [editing, setEditing] = useEditorReopened(draftKeyOf(context, `edit-${note.id}`), note.text);
  const agreement = view.agreements[note.id] ?? { count: 0, mine: false };
  const own = view.mine.includes(note.id);
  // What this person may do with this note now, as the server worked it out (whose it is, the phase).
  const may = context.readOnly ? noAbilities : (view.abilities[note.id] ?? noAbilities);
  const author = note.authorName || 'Anonymous';
  const dragging = useNoteDragging(note, !may.group);
  return (
    <li ref={dragging.ref} style={dragging.style} className={`app-note app-note--${note.list}${dragging.dragging ? ' app-note--dragging' : ''}${dragging.over ? ' app-note--drop' : ''}`}>
      <p className={`app-note__kind${context.readOnly ? '' : ' app-note__handle'}`} {...dragging.handle}>
        <span aria-hidden="true">{listMarks[note.list]} </span>
        {noteKindLabels[note.list]}
        {own && <span className="app-note__own"> · yours</span>}
      </p>
      {editing ? (
        <EditNote note={note} context={context} onDone={() => setEditing(false)} />
      ) : (
        <p className="app-note__text">{note.text}</p>
      )}
      <p className="app-note__meta">
        {author}
        {context.readOnly && agreement.count > 0 && <span className="app-note__agreed"> · {agreement.count} agree</span>}
      </p>
      {!context.readOnly && (
        <div className="app-note__actions">
          {may.react && (
            <ActionButton run={() => act({ type: 'react-to-note', noteId: note.id, agree: !agreement.mine })}>
              <span aria-hidden="true">+1 </span>
              {agreement.mine ? 'Agreed' : 'Agree'} ({agreement.count})<span className="govuk-visually-hidden"> with “{note.text.slice(0, 60)}”</span>
            </ActionButton>
          )}
          {may.edit && !editing && (
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setEditing(true)}>
              Edit<span className="govuk-visually-hidden"> note “{note.text.slice(0, 60)}”</span>
            </button>
          )}
          {may.remove && (
            <ActionButton variant="quiet-warning" run={() => act({ type: 'delete-note', noteId: note.id })} confirm={{ question: 'Delete this note for everyone?', yes: 'Yes, delete it' }}>
              Delete<span className="govuk-visually-hidden"> note “{note.text.slice(0, 60)}”</span>
            </ActionButton>
          )}
          {may.group && <NoteGrouping note={note} themes={themes} act={act} />}
        </div>
      )}
    </li>
  );
}

function PrivateNoteCard({ note, list, context }: { note: NotesView['myPrivateNotes'][number]; list: NoteList; context: NotesContext }) {
  const [editing, setEditing] = useEditorReopened(draftKeyOf(context, `edit-${note.id}`), note.text);
  const may = context.readOnly ? noAbilities : (context.view.abilities[note.id] ?? noAbilities);
  return (
    <li className={`app-note app-note--${list} app-note--private`}>
      <p className="app-note__kind">
        <strong className="govuk-tag govuk-tag--grey">Only you can see this</strong>
      </p>
      {editing ? <EditNote note={note} context={context} onDone={() => setEditing(false)} /> : <p className="app-note__text">{note.text}</p>}
      {!editing && (may.edit || may.remove) && (
        <div className="app-note__actions">
          {may.edit && (
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setEditing(true)}>
              Edit<span className="govuk-visually-hidden"> your note “{note.text.slice(0, 60)}”</span>
            </button>
          )}
          {may.remove && (
            <ActionButton variant="quiet-warning" run={() => context.act({ type: 'delete-note', noteId: note.id })}>
              Delete<span className="govuk-visually-hidden"> your note “{note.text.slice(0, 60)}”</span>
            </ActionButton>
          )}
        </div>
      )}
    </li>
  );
}

function UngroupedNotes({ id, context, children }: { id: string; context: NotesContext; children: ReactNode }) {
  const zone = useDropZone(id, context.readOnly);
  return (
    <ul ref={zone.ref} className={`app-notes__list${zone.over ? ' app-notes__list--drop' : ''}`}>
      {children}
    </ul>
  );
}
