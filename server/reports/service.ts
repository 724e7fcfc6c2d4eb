import { buildMeetingReport, type MeetingReport } from '@shared/reports/meeting-report';
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
    const consultation = isReviewKind(snapshot.meeting.kind) ? meetings.find((m) => m.kind === 'consultation' && m.status === 'closed') : undefined;
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
      consultation: consultation ? await this.facilitation.snapshot(consultation.id) : null,
      goals: await this.goals.overview(siteId),
      surveys,
    });
  }
}
