import { can, refusalFor } from '@shared/policy';
import { SurveyWatchMessage } from '@shared/realtime';
import { HttpError } from '../http/errors';
import type { Logger } from '../log';
import { acked, joinSiteRoom, type RealtimeServer } from '../realtime/socket';
import type { Store } from '../store';
import type { SurveyService } from './service';
import type { DomainEvents } from '../events/domain-events';

const surveyRoom = (campaignId: string) => `survey:${campaignId}`;

export function attachSurveyEvents(io: RealtimeServer, deps: { store: Store; surveys: SurveyService; events: DomainEvents; log: Logger }) {
  // Every answer publishes the count, but only a new step is sent on: a message per answer, even
  // with the same figure, would tell the watcher when each school answered.
  const lastSent = new Map<string, number>();
  deps.events.on('survey-count', ({ count }) => {
    if (lastSent.get(count.campaignId) === count.completed) return;
    lastSent.set(count.campaignId, count.completed);
    io.to(surveyRoom(count.campaignId)).emit('survey:count', count);
  });
  io.on('connection', (socket) => {
    socket.on(
      'survey:watch',
      acked(deps.log, async (payload) => {
        const parsed = SurveyWatchMessage.safeParse(payload);
        if (!parsed.success) throw new HttpError(400, 'The survey to follow is missing or not valid');
        const campaign = await deps.store.getCampaign(parsed.data.campaignId);
        const membership = campaign ? await deps.store.getMembership(campaign.siteId, socket.data.userId) : null;
        if (!campaign || !membership) throw new HttpError(403, 'You do not have access to this survey');
        // The live count says when someone answered: only the two who run the survey follow it.
        if (!can({ role: membership.role, facilitatorAccount: false }, 'hand-out-survey-access')) throw new HttpError(403, refusalFor('hand-out-survey-access'));
        await joinSiteRoom(socket, campaign.siteId, surveyRoom(campaign.id));
        const count = await deps.surveys.count(campaign);
        lastSent.set(campaign.id, count.completed);
        return count;
      }),
    );
  });
}
