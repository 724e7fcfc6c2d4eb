import { exampleDay } from '../../components/date-input';

/**
 * The example days said when a survey's dates are asked for, opening it or changing them: a
 * survey opening in a week and closing four weeks later, always ahead of today.
 */
const daysAhead = { opens: 7, closes: 35 } as const;

/** The example day for the survey's opening or closing, as typed: "26 11 2027". */
export const surveyExampleDay = (which: keyof typeof daysAhead): string => exampleDay({ days: daysAhead[which] });

/** The message when the day the survey opens or closes was not given as a real date. */
export const surveyDayMissing = (which: keyof typeof daysAhead): string => `Enter the date the survey ${which}, for example ${surveyExampleDay(which)}`;
