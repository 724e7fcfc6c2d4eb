import { domain as domainOf, ratingLabels, type DomainId } from '@shared/cascade/framework';
import type { FacilitationView } from '@shared/meetings/facilitation';
import type { AgreedRating } from '@shared/meetings/ratings';
import { Distribution } from './Distribution';
import { NoteColumn, type NotesContext } from './Notes';
import { NoteDragArea } from './NoteDragging';

/** One CASCADE domain on the board: its gold standard, the group's ratings and the notes. */
export function DomainPanel({
  domainId,
  view,
  baseline,
  notes,
}: {
  domainId: DomainId;
  view: Pick<FacilitationView, 'revealed' | 'agreed'>;
  baseline: AgreedRating[];
  notes: NotesContext;
}) {
  const domain = domainOf(domainId);
  const revealed = view.revealed.find((r) => r.domain === domainId);
  const agreed = view.agreed.find((a) => a.domain === domainId);
  const before = baseline.find((a) => a.domain === domainId);
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
        {before && (
          <p className="govuk-body">
            <strong>At the consultation:</strong> {before.rating} – {ratingLabels[before.rating]}. <span className="govuk-hint govuk-!-display-inline">{before.rationale}</span>
          </p>
        )}
        {agreed && (
          <div className="govuk-panel app-agreed">
            <p className="govuk-body govuk-!-margin-bottom-1">
              <strong>Agreed rating{before ? ' now' : ''}: {agreed.rating} – {ratingLabels[agreed.rating]}</strong>
              {before && <span> ({agreed.rating - before.rating >= 0 ? '+' : ''}{agreed.rating - before.rating} since the consultation)</span>}
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
