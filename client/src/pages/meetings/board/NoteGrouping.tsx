import { useState, type FormEvent } from 'react';
import type { BoardNote, BoardTheme } from '@shared/cascade/board';
import type { MeetingAction } from '@shared/realtime';
import { ActionOutcome, attempt, type ActionReply } from './ActionButton';

const newThemeId = () => `t${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
const newTheme = 'new';

/**
 * Grouping a note with related ones under a named theme, by keyboard or a click: choose a theme
 * of the domain (or name a new one) and group. Everyone may group notes; the server keeps it.
 */
export function NoteGrouping({ note, themes, act }: { note: BoardNote; themes: BoardTheme[]; act: (action: MeetingAction) => Promise<ActionReply> }) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState(note.theme || (themes.length ? themes[0]!.id : newTheme));
  const [name, setName] = useState('');
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<ActionReply | null>(null);
  const selectId = `group-${note.id}`;

  async function group(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    const action: MeetingAction =
      choice === newTheme
        ? { type: 'group-note', noteId: note.id, themeId: newThemeId(), themeName: name }
        : { type: 'group-note', noteId: note.id, themeId: choice === '' ? null : choice };
    const reply = await attempt(() => act(action));
    setPending(false);
    setOutcome(reply);
    if (reply.ok) {
      setOpen(false);
      setName('');
    }
  }

  if (!open) {
    return (
      <>
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" aria-expanded="false" onClick={() => setOpen(true)}>
          Group<span className="govuk-visually-hidden"> note “{note.text.slice(0, 60)}”</span>
        </button>
        <ActionOutcome pending={false} outcome={outcome} done="Grouped" />
      </>
    );
  }
  return (
    <form className="app-note__group" onSubmit={(e) => void group(e)} noValidate>
      <div className="govuk-form-group govuk-!-margin-bottom-2">
        <label className="govuk-label govuk-label--s" htmlFor={selectId}>
          Theme for this note
        </label>
        <select className="govuk-select" id={selectId} value={choice} autoFocus onChange={(e) => setChoice(e.target.value)}>
          <option value="">No theme</option>
          {themes.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
          <option value={newTheme}>A new theme…</option>
        </select>
      </div>
      {choice === newTheme && (
        <div className="govuk-form-group govuk-!-margin-bottom-2">
          <label className="govuk-label govuk-label--s" htmlFor={`${selectId}-name`}>
            Name of the new theme
          </label>
          <input className="govuk-input" id={`${selectId}-name`} maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
      )}
      <div className="govuk-button-group govuk-!-margin-bottom-0">
        <button type="submit" className="govuk-button govuk-!-margin-bottom-0" disabled={pending}>
          Group note
        </button>
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      <ActionOutcome pending={pending} outcome={outcome} />
    </form>
  );
}
