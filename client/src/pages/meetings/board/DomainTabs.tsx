import { domain as domainOf, type DomainId } from '@shared/cascade/framework';

/** Buttons to look at the overview or any domain; where the facilitator is, is marked. */
export function DomainTabs<T extends DomainId | 'overview'>({ shown, focus, onShow, withOverview = true }: { shown: T | DomainId; focus: T | DomainId | null; onShow: (id: T | DomainId) => void; withOverview?: boolean }) {
  const tabs: (DomainId | 'overview')[] = [...(withOverview ? (['overview'] as const) : []), 1, 2, 3, 4, 5, 6, 7];
  return (
    <nav aria-label="CASCADE domains">
      <ul className="app-domain-tabs">
        {tabs.map((id) => (
          <li key={id}>
            <button
              type="button"
              className={`app-domain-tabs__tab${id === shown ? ' app-domain-tabs__tab--shown' : ''}`}
              aria-pressed={id === shown}
              onClick={() => onShow(id as T | DomainId)}
            >
              {id === 'overview' ? 'All domains' : `${id}. ${domainOf(id).shortTitle}`}
              {id === focus && <span className="app-domain-tabs__focus"> (facilitator)</span>}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
