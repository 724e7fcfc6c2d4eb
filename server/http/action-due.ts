import { newActionDueProblem } from '@shared/actions';
import { HttpError } from './errors';

/**
 * Refuses a new action due before today in the UK, by the server's clock: the forms ask the same
 * with the browser's, which may be wrong or skipped. Named on the `due` field, so a form shows it there.
 */
export function refuseLateDue(due: string, now: Date): void {
  const problem = newActionDueProblem(due, now);
  if (problem) throw new HttpError(422, problem, { due: problem });
}
