import { useSearchParams } from 'react-router';

/**
 * GOV.UK's check answers pattern for questions asked one per page: a "Change" link on the check
 * page opens its question marked as a change, and that question's Continue and Back then return
 * to the check page rather than walking on through the questions after it.
 */

/** The address of `question` opened by a "Change" link on the check page. */
export const changeLink = (question: string): string => `${question}?from=check`;

/** Whether this question was opened by a "Change" link, so Continue and Back return to the check page. */
export function useOpenedFromCheck(): boolean {
  return useSearchParams()[0].get('from') === 'check';
}
