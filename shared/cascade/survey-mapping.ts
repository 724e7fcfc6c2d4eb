import type { DomainId } from './framework';

/**
 * Which CASCADE domains each factor of the demonstration instrument speaks to, so the survey
 * summary can point the consultation meeting at the right domains. This mapping is ours (the
 * tool's), not the Link Programme guide's; an imported instrument with other factor ids simply
 * has no mapping.
 */
export const factorDomains: Record<string, DomainId[]> = {
  'collaboration-activities': [3, 6],
  interpersonal: [1, 3],
  'buy-in': [5, 7],
  outreach: [2, 6],
  environment: [3, 7],
  'admin-support': [3, 5],
  benefits: [4, 6],
};
