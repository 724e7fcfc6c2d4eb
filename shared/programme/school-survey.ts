import { z } from 'zod';

/**
 * Whether a site runs the school and FE college survey: "Completion of the survey is not
 * compulsory" (guide section 3). A site that chooses not to has its survey deadlines shown as not
 * needed rather than overdue; the choice can be changed back.
 */
export const SchoolSurveyChoice = z.object({
  running: z.boolean({ error: 'Choose whether this site is running the school and FE college survey' }),
});
export type SchoolSurveyChoice = z.infer<typeof SchoolSurveyChoice>;

/** As stored: every site runs the survey until someone says it will not (version 0). */
export const StoredSchoolSurveyChoice = SchoolSurveyChoice.extend({ version: z.number().int().nonnegative() });
export const runningSurvey = (): z.infer<typeof StoredSchoolSurveyChoice> => ({ version: 0, running: true });
