import { domain as domainOf, ratingLabels, type DomainId } from '@shared/cascade/framework';
import type { FacilitationView } from '@shared/meetings/facilitation';
import { domainHistory, type EarlierRatings } from '@shared/meetings/earlier-ratings';
import { Distribution } from './Distribution';
import { NoteColumn, type NotesContext } from './Notes';
import { NoteDragArea } from './NoteDragging';

/** One CASCADE domain on the board: its gold standard, the group's ratings and the notes. */
export function DomainPanel({
  domainId,
  view,
  earlier,
  notes,
}: {
  domainId: DomainId;
  view: Pick<FacilitationView, 'revealed' | 'agreed'>;
  earlier: readonly EarlierRatings[];
  notes: NotesContext;
}) {
  const domain = domainOf(domainId);
  const revealed = view.revealed.find((r) => r.domain === domainId);
  const agreed = view.agreed.find((a) => a.domain === domainId);
  const history = domainHistory(earlier, domainId);
  const before = history.at(-1);
  return (
    <section className="app-domain" aria-labelledby="domain-heading">
      <span className="govuk-caption-m">Domain {domainId} of 7</span>
      <h2 className="govuk-heading-m" id="domain-heading">
        {domain.title}
      </h2>
      {domain.goldStandard && (
        <div className="govuk-inset-text govuk-!-margin-top-0">
          <strong>Gold standard:</strong> {domain.goldStandard}
        </div>
      )}
      <div className="app-domain__ratings">
        {history.map((then) => (
          <p className="govuk-body app-domain__earlier" key={then.at}>
            <strong>At {then.at}:</strong> {then.rating} – {ratingLabels[then.rating]}. <span className="govuk-hint govuk-!-display-inline">{then.rationale}</span>
          </p>
        ))}
        {agreed && (
          <div className="govuk-panel app-agreed">
            <p className="govuk-body govuk-!-margin-bottom-1">
              <strong>Agreed rating{before ? ' now' : ''}: {agreed.rating} – {ratingLabels[agreed.rating]}</strong>
              {before && <span> ({agreed.rating - before.rating >= 0 ? '+' : ''}{agreed.rating - before.rating} since {before.at})</span>}
            </p>
            <p className="govuk-body govuk-!-margin-bottom-0">{agreed.rationale}</p>
          </div>
        )}
        {revealed && <Distribution distribution={revealed.distribution} caption="How the group rated this domain before the meeting" />}
      </div>
      <NoteDragArea context={notes}>
        <div className="app-domain__notes">
          <NoteColumn context={notes} domain={domainId} list="strength" />
          <NoteColumn context={notes} domain={domainId} list="challenge" />
        </div>
      </NoteDragArea>
    </section>
  );
}
