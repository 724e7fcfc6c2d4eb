import { useState, type FormEvent, type ReactNode } from 'react';
import type { BoardTheme } from '@shared/cascade/board';
import { ActionOutcome, attempt, type ActionReply } from './ActionButton';
import { useDropZone } from './NoteDragging';
import type { NotesContext } from './Notes';

/** A named theme grouping related notes: notes can be dropped on it, and anyone can rename it. */
export function ThemeSection({ theme, count, context, children }: { theme: BoardTheme; count: number; context: NotesContext; children: ReactNode }) {
  const zone = useDropZone(`theme:${theme.id}`, context.readOnly);
  const [renaming, setRenaming] = useState(false);
  return (
    <section ref={zone.ref} className={`app-theme${zone.over ? ' app-theme--drop' : ''}`} aria-label={`Theme: ${theme.name}`}>
      {renaming ? (
        <RenameTheme theme={theme} act={context.act} onDone={() => setRenaming(false)} />
      ) : (
        <h4 className="app-theme__name">
          <span className="govuk-visually-hidden">Theme: </span>
          {theme.name} <span className="govuk-body-s">({count})</span>
          {!context.readOnly && (
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-2 app-theme__rename" onClick={() => setRenaming(true)}>
              Rename<span className="govuk-visually-hidden"> theme {theme.name}</span>
            </button>
          )}
        </h4>
      )}
      <ul className="app-notes__list">{children}</ul>
    </section>
  );
}

function RenameTheme({ theme, act, onDone }: { theme: BoardTheme; act: NotesContext['act']; onDone: () => void }) {
  const [name, setName] = useState(theme.name);
  const [outcome, setOutcome] = useState<ActionReply | null>(null);
  const id = `rename-${theme.id}`;
  async function save(event: FormEvent) {
    event.preventDefault();
    const reply = await attempt(() => act({ type: 'name-theme', themeId: theme.id, name }));
    setOutcome(reply);
    if (reply.ok) onDone();
  }
  return (
    <form onSubmit={(e) => void save(e)} noValidate className="govuk-!-margin-bottom-2">
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        Name of the theme
      </label>
      <input className="govuk-input govuk-!-margin-bottom-2" id={id} maxLength={80} value={name} autoFocus onChange={(e) => setName(e.target.value)} />
      <div className="govuk-button-group govuk-!-margin-bottom-0">
        <button type="submit" className="govuk-button govuk-!-margin-bottom-0">
          Save name
        </button>
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={onDone}>
          Cancel
        </button>
      </div>
      <ActionOutcome pending={false} outcome={outcome} />
    </form>
  );
}
