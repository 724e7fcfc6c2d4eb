import { can, refusalFor } from '@shared/policy';
import type { SurveyCount } from '@shared/survey/api';
import { SurveyWatchMessage } from '@shared/realtime';
import { HttpError } from '../http/errors';
import type { Logger } from '../log';
import { acked, joinSiteRoom, type RealtimeServer } from '../realtime/socket';
import type { Store } from '../store';
import type { SurveyService } from './service';
import type { DomainEvents } from '../events/domain-events';

const surveyRoom = (campaignId: string) => `survey:${campaignId}`;

/** Only the count of completed surveys travels here, which the rules allow at any time. */
function publishSurveyCount(io: RealtimeServer, count: SurveyCount): void {
  io.to(surveyRoom(count.campaignId)).emit('survey:count', count);
}

export function attachSurveyEvents(io: RealtimeServer, deps: { store: Store; surveys: SurveyService; events: DomainEvents; log: Logger }) {
  deps.events.on('survey-count', ({ count }) => publishSurveyCount(io, count));
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
        return deps.surveys.count(campaign);
      }),
    );
  });
}
