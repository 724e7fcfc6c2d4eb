import { buildMeetingReport, previousRatedMeeting, type MeetingReport } from '@shared/reports/meeting-report';
import { isReviewKind } from '@shared/meetings/meeting';
import type { GoalService } from '../goals/service';
import { HttpError } from '../http/errors';
import type { FacilitationService } from '../meetings/facilitation-service';
import type { Store } from '../store';
import type { SurveyService } from '../survey/service';

/** Gathers what a closed meeting's report needs; the report itself is built in shared/. */
export class ReportService {
  constructor(
    private readonly store: Store,
    private readonly facilitation: FacilitationService,
    private readonly goals: GoalService,
    private readonly surveys: SurveyService,
  ) {}

  async meetingReport(meetingId: string): Promise<MeetingReport> {
    const snapshot = await this.facilitation.snapshot(meetingId);
    if (!snapshot) throw new HttpError(404, 'The report is ready once the meeting has closed');
    const { siteId } = snapshot.meeting;
    const site = await this.store.getSite(siteId);
    const meetings = await this.store.listSiteMeetings(siteId);
    const isReview = isReviewKind(snapshot.meeting.kind);
    const previous = isReview ? previousRatedMeeting(meetings, snapshot.meeting) : null;
    const baseId = isReview ? snapshot.meeting.baseMeetingId : null;
    const campaigns = await this.store.listSiteCampaigns(siteId);
    const surveys = await Promise.all(
      campaigns.map(async (campaign) => ({
        title: (await this.surveys.instrumentOf(campaign)).title,
        // Through the same rules as every other read: below the threshold, a count only.
        reply: await this.surveys.results(campaign, { kind: 'all' }),
      })),
    );
    return buildMeetingReport({
      site: { id: siteId, name: site?.name ?? '' },
      snapshot,
      previous: previous ? await this.facilitation.snapshot(previous.id) : null,
      base: baseId ? await this.facilitation.snapshot(baseId) : null,
      goals: await this.goals.overview(siteId),
      surveys,
    });
  }
}
