import { describe, expect, it } from 'vitest';
import { siteTimeline } from '@shared/programme/timeline';
import type { TimelineFacts } from '@shared/programme/timeline-facts';
import { statusOf, timelineFacts } from '../helpers/timeline-facts';

/**
 * "Completion of the survey is not compulsory" (guide section 3): a site may choose not to run it.
 * Seen after the survey should have opened and closed.
 */
const facts = (over: Partial<TimelineFacts>): TimelineFacts => timelineFacts({ now: new Date('2021-12-01T12:00:00Z'), viewerRole: 'facilitator', ...over });

describe('a site not running the school survey', () => {
  it('has its survey deadlines overdue while it is expected to run it', () => {
    const timeline = siteTimeline(facts({}));
    expect(statusOf(timeline.entries, 'survey-opens')).toBe('overdue');
    expect(statusOf(timeline.todos, 'open-survey')).toBe('overdue');
    expect(timeline.surveyRunning).toBe(true);
  });

  it('shows them as not needed, never overdue, and they are not its next deadline', () => {
    const timeline = siteTimeline(facts({ surveyNotRunning: true }));
    expect(statusOf(timeline.entries, 'survey-opens')).toBe('not-needed');
    expect(statusOf(timeline.entries, 'survey-closes')).toBe('not-needed');
    expect(statusOf(timeline.todos, 'open-survey')).toBe('not-needed');
    expect(timeline.surveyRunning).toBe(false);
    expect(timeline.nextDeadline?.what).not.toMatch(/survey/i);
    // Years later the survey's deadlines are still not needed rather than done.
    expect(statusOf(siteTimeline(facts({ surveyNotRunning: true, now: new Date('2022-08-01T12:00:00Z') })).entries, 'survey-closes')).toBe('not-needed');
  });

  it('counts a survey it opened anyway as opened', () => {
    const timeline = siteTimeline(facts({ surveyNotRunning: true, surveyOpened: true }));
    expect(statusOf(timeline.entries, 'survey-opens')).toBe('done');
    expect(statusOf(timeline.todos, 'open-survey')).toBe('done');
  });
});
