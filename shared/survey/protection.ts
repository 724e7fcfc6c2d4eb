import type { AccessMode } from './api';

/**
 * Who each way of letting schools in protects a school's answers against, in words a lead can
 * repeat. The threshold rules protect against anyone who only reads; these say who can also
 * add answers, which is what the rules cannot see.
 */
export const protectionStatement: Record<AccessMode, string> = {
  personal:
    'Protected against anyone on the site, the lead and facilitators included: only schools on a list that both the lead and a facilitator have checked are sent a link, so no one person can answer in other schools’ names to work out a school’s answers from the difference. It does not protect against the lead and a facilitator acting together.',
  codes:
    'Not protected against whoever holds the codes: they could answer in schools’ names and work out one school’s answers from the difference. So only the lead hands out codes, and the results are shown only to facilitators; the lead and others on the site see the count.',
  open:
    'Not protected against anyone who has the link, which any school can pass on: they could answer many times and work out one school’s answers from the difference. So the results are shown only to facilitators, and not protected against a facilitator who answers through the link.',
};
