import type { ReactNode } from 'react';

/** Text the organisation running the tool must write in before publishing: marked, and read out as such. */
export function Placeholder({ children }: { children: ReactNode }) {
  return (
    <mark className="app-placeholder">
      <span className="govuk-visually-hidden">To be filled in: </span>[{children}]
    </mark>
  );
}
