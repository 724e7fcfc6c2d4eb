import { meanChange } from '@shared/goals/gbo';
import { siteStage, type DashboardRow } from '@shared/reports/dashboard';
import { siteEvaluation } from '../evaluation/service';
import type { GoalService } from '../goals/service';
import { timelineFor } from '../programme/timeline';
import type { Store } from '../store';
import type { SurveyService } from '../survey/service';

/** One row per site the facilitator runs: its stage, next deadline, survey, goals and feedback. */
export async function dashboardRows(deps: { store: Store; goals: GoalService; surveys: SurveyService }, userId: string): Promise<DashboardRow[]> {
  const { store, goals, surveys } = deps;
  const now = new Date();
  const rows: DashboardRow[] = [];
  for (const membership of await store.listUserMemberships(userId)) {
    if (membership.role !== 'facilitator') continue;
    const site = (await store.getSite(membership.siteId))!;
    const meetings = await store.listSiteMeetings(site.id);
    const campaigns = await store.listSiteCampaigns(site.id);
    const latest = campaigns.at(-1);
    const overview = await goals.overview(site.id);
    rows.push({
      siteId: site.id,
      siteName: site.name,
      stage: siteStage(meetings, campaigns),
      nextDeadline: (await timelineFor(store, site, { userId, role: 'facilitator' }, now)).nextDeadline,
      survey: latest ? await surveys.count(latest) : null,
      consultationHeld: meetings.some((m) => m.kind === 'consultation' && m.status === 'closed'),
      goalsMeanChange: meanChange(overview.goals.map((g) => g.series.map((s) => s.rating))),
      feedbackSatisfaction: (await siteEvaluation(store, site.id)).feedback.find((f) => f.id === 'satisfied')?.mean ?? null,
    });
  }
  return rows;
}
