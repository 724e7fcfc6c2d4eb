import type { BoardNote } from '@shared/cascade/board';
import { cascadeDomains, ratingLabels, type DomainId } from '@shared/cascade/framework';
import type { AgreedRating } from '@shared/meetings/ratings';

/**
 * The seven CASCADE domains at a glance: how many strengths and challenges each has, its agreed
 * rating, and its latest notes. Each opens the domain; the facilitator's focus is marked.
 */
export function BoardOverview({
  notes,
  agreed,
  focus,
  areasOfNeed,
  onOpen,
  large = false,
}: {
  notes: BoardNote[];
  agreed: AgreedRating[];
  focus: DomainId | null;
  areasOfNeed: DomainId[];
  onOpen?: (domain: DomainId) => void;
  large?: boolean;
}) {
  return (
    <ul className={`app-overview${large ? ' app-overview--large' : ''}`} aria-label="The seven CASCADE domains">
      {cascadeDomains.map((d) => {
        const inDomain = notes.filter((n) => n.domain === d.id);
        const strengths = inDomain.filter((n) => n.list === 'strength').length;
        const challenges = inDomain.filter((n) => n.list === 'challenge').length;
        const rating = agreed.find((a) => a.domain === d.id);
        const latest = inDomain.slice(-2).reverse();
        const headingId = `overview-${d.id}`;
        return (
          <li key={d.id} className={`app-overview__domain${d.id === focus ? ' app-overview__domain--focus' : ''}`} aria-labelledby={headingId}>
            <h3 className="app-overview__title" id={headingId}>
              <span className="app-overview__number">{d.id}</span> {d.shortTitle}
            </h3>
            {d.id === focus && <strong className="govuk-tag govuk-tag--blue">Facilitator is here</strong>}
            {areasOfNeed.includes(d.id) && <strong className="govuk-tag govuk-tag--orange">Area of greatest need</strong>}
            <p className="app-overview__counts">
              <span>
                <span aria-hidden="true">+ </span>
                {strengths} {strengths === 1 ? 'strength' : 'strengths'}
              </span>
              <span>
                <span aria-hidden="true">− </span>
                {challenges} {challenges === 1 ? 'challenge' : 'challenges'}
              </span>
            </p>
            <p className="app-overview__rating">{rating ? `Agreed: ${rating.rating} – ${ratingLabels[rating.rating]}` : 'No agreed rating yet'}</p>
            {latest.length > 0 && (
              <ul className="app-overview__latest" aria-label="Latest notes">
                {latest.map((n) => (
                  <li key={n.id}>{n.text.length > 90 ? `${n.text.slice(0, 90)}…` : n.text}</li>
                ))}
              </ul>
            )}
            {onOpen && (
              <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => onOpen(d.id)}>
                Open<span className="govuk-visually-hidden"> domain {d.id}, {d.shortTitle}</span>
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
