import type { FacilitationState } from '@shared/meetings/facilitation';
import type { MeetingStatus } from '@shared/meetings/meeting';
import { goalBookActionTypes, type GoalBookAction } from '@shared/goals/book';
import { MeetingActionMessage, MeetingJoinMessage } from '@shared/realtime';
import { pauseRefusal } from '@shared/meeting-actions';

const isGoalBookAction = (action: { type: string }): action is GoalBookAction => goalBookActionTypes.has(action.type);
import { HttpError } from '../http/errors';
import type { Logger } from '../log';
import { acked, joinSiteRoom, siteRoom, type RealtimeServer } from '../realtime/socket';
import type { GoalService } from '../goals/service';
import type { Store } from '../store';
import { meetingAccess, requireParticipant } from './access';
import type { FacilitationService } from './facilitation-service';
import type { DomainEvents } from '../events/domain-events';
import { meetingActionLimit } from './action-limit';

const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;

/**
 * Sends each person connected to this process their own view of the meeting (their own votes and
 * what they may do differ); other processes do the same for theirs when told through the cluster bus.
 */
async function publishMeetingState(io: RealtimeServer, deps: { store: Store; facilitation: FacilitationService }, meetingId: string, state: FacilitationState): Promise<void> {
  const sockets = await io.local.in(meetingRoom(meetingId)).fetchSockets();
  const meeting = sockets.length ? await deps.store.getMeeting(meetingId) : null;
  if (!meeting) return;
  const viewOf = await deps.facilitation.viewsOf(meeting, state);
  for (const socket of sockets) {
    // The role they joined with: a role changed since shows at their next join, and the server checks every action anyway.
    const role = socket.data.meetingRoles[meetingId];
    if (role) socket.emit('meeting:state', viewOf({ userId: socket.data.userId, role }));
  }
}

function publishMeetingStatus(io: RealtimeServer, meetingId: string, status: MeetingStatus): void {
  io.to(meetingRoom(meetingId)).emit('meeting:status', { meetingId, status });
}

/** When a meeting starts, everyone already waiting in it counts as attending from then. */
async function recordPresentAttendees(io: RealtimeServer, store: Store, meetingId: string): Promise<void> {
  const firstJoinedAt = new Date().toISOString();
  for (const socket of await io.in(meetingRoom(meetingId)).fetchSockets()) {
    await store.recordAttendance({ meetingId, userId: socket.data.userId, firstJoinedAt });
  }
}

/** When someone's last connection to a meeting closes (in any process), and they were driving, their controls are offered on. */
async function driverLeft(io: RealtimeServer, facilitation: FacilitationService, store: Store, meetingId: string, userId: string): Promise<void> {
  const still = (await io.in(meetingRoom(meetingId)).fetchSockets()).some((s) => s.data.userId === userId);
  if (still) return;
  const meeting = await store.getMeeting(meetingId);
  if (meeting) await facilitation.driverConnected(meeting, userId, false);
}

/** socket.io events of a live meeting: joining (which records attendance) and acting. */
export function attachMeetingEvents(
  io: RealtimeServer,
  deps: { store: Store; facilitation: FacilitationService; goals: GoalService; events: DomainEvents; log: Logger; actionsPerPersonPer10s: number },
): { close(): void } {
  const { store, facilitation, goals, log } = deps;
  const actionLimit = meetingActionLimit(deps.actionsPerPersonPer10s);
  deps.events.on('meeting-state', ({ meetingId, state }) => publishMeetingState(io, deps, meetingId, state));
  // A meeting's new state may not have reached this process (Redis was away): everyone here is
  // sent each of their meetings' states as stored.
  deps.events.onMissed(async () => {
    const meetingIds = new Set((await io.local.fetchSockets()).flatMap((s) => Object.keys(s.data.meetingRoles)));
    for (const meetingId of meetingIds) await publishMeetingState(io, deps, meetingId, await facilitation.state(meetingId));
  });
  deps.events.on('meeting-status', async ({ meetingId, status }) => {
    if (status === 'live') await recordPresentAttendees(io, store, meetingId);
    publishMeetingStatus(io, meetingId, status);
  });
  io.on('connection', (socket) => {
    socket.on(
      'meeting:join',
      acked(log, async (payload) => {
        const parsed = MeetingJoinMessage.safeParse(payload);
        if (!parsed.success) throw new HttpError(400, 'The meeting to join is missing or not valid');
        const { meeting, membership } = await requireParticipant(store, socket.data.userId, parsed.data.meetingId);
        socket.data.meetingRoles[meeting.id] = membership.role;
        await joinSiteRoom(socket, meeting.siteId, meetingRoom(meeting.id));
        // The site room carries changes to the site's goals, which the goals phase shows.
        await joinSiteRoom(socket, meeting.siteId, siteRoom(meeting.siteId));
        if (meeting.status === 'live') {
          await store.recordAttendance({ meetingId: meeting.id, userId: socket.data.userId, firstJoinedAt: new Date().toISOString() });
          if (membership.role === 'facilitator') await facilitation.driverConnected(meeting, socket.data.userId, true);
        }
        return facilitation.view(meeting, { userId: socket.data.userId, role: membership.role });
      }),
    );

    // The driver's last connection gone (tab closed, network lost): the other facilitator is offered the controls.
    socket.on('disconnect', () => {
      for (const [meetingId, role] of Object.entries(socket.data.meetingRoles)) {
        if (role === 'facilitator') void driverLeft(io, facilitation, store, meetingId, socket.data.userId).catch((error) => log.warn({ err: error, meetingId }, 'could not note the driver leaving'));
      }
    });

    socket.on(
      'meeting:action',
      acked(log, async (payload) => {
        const parsed = MeetingActionMessage.safeParse(payload);
        if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? 'That action is not valid');
        const access = await meetingAccess(store, socket.data.userId, parsed.data.meetingId);
        if (!access.participates) throw new HttpError(403, 'You are not invited to this meeting');
        await actionLimit.check(socket.data.userId, access.meeting.id);
        const actor = { userId: socket.data.userId, role: access.membership.role, name: socket.data.name };
        const { action, actionId } = parsed.data;
        if (isGoalBookAction(action)) {
          const state = await facilitation.state(access.meeting.id);
          const paused = pauseRefusal(action.type, state.paused !== null);
          if (paused) throw new HttpError(422, paused);
          await goals.act(access.meeting, actor, action, { phase: state.phase, overrides: state.goals.overrides }, actionId);
          // Locking adds goals everyone may now rate: each person's view says which.
          if (action.type === 'lock-goals') await deps.events.publish({ type: 'meeting-state', meetingId: access.meeting.id, state });
          return facilitation.view(access.meeting, actor, state);
        }
        return facilitation.act(access.meeting, actor, action, actionId);
      }),
    );
  });
  return { close: () => actionLimit.close() };
}
