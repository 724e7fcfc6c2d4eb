import type { GoalTextField } from '@shared/goals/drafts';

/** A goal draft that passes the SMART check, the n-th of a few alike: what tests type into the goals document. */
export const smartGoalFields = (n: number): Record<GoalTextField, string> => ({
  wording: `Goal ${n}: every secondary school has a named CYPMHS link worker`,
  specific: 'Secondary schools and the CYPMHS team',
  measure: 'Schools with a named link worker in the directory',
  target: `${18 + n} of 22 schools`,
  ownerOrganisation: 'Demo CYPMHS',
  ownerName: 'Sam Stakeholder',
  resources: 'Existing MHST time',
});
