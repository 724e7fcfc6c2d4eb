import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { ActionFields } from '@shared/actions';
import type { AddGoalActionBody, EditGoalBody, GoalsOverview } from '@shared/goals/book';
import type { GoalThread } from '@shared/goals/thread';
import type { CheckInBody, DecisionBody, GoalOwnerBody } from '@shared/goals/thread-schemas';
import { realtimeSocket } from '../realtime/socket';
import { api, refusedByServer } from './http';

const key = (siteId: string) => ['sites', siteId, 'goals'] as const;
const path = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;

/**
 * The site's goals and their progress. The server says when the goal book changes (a lock or
 * rating in a meeting, an edit or action elsewhere) to everyone in the site's room; we refetch.
 */
export function useGoals(siteId: string) {
  const client = useQueryClient();
  useEffect(() => {
    const socket = realtimeSocket();
    const readAgain = () => void client.invalidateQueries({ queryKey: key(siteId) });
    const onChanged = (event: { siteId: string }) => {
      if (event.siteId === siteId) readAgain();
    };
    // A connection the server resumed is sent what it missed. Any other (after a restart, and
    // after every drop when the service runs on several processes) may have missed a change.
    let cutOff = false;
    const onDisconnect = () => (cutOff = true);
    const onConnect = () => {
      if (cutOff && !socket.recovered) readAgain();
      cutOff = false;
    };
    socket.on('goals:changed', onChanged);
    socket.on('disconnect', onDisconnect);
    socket.on('connect', onConnect);
    return () => {
      socket.off('goals:changed', onChanged);
      socket.off('disconnect', onDisconnect);
      socket.off('connect', onConnect);
    };
  }, [client, siteId]);
  // Changes are heard only while a view of the goals is open: one opened later (a meeting's close
  // after its goals phase) asks again rather than trust what was fetched before a change it missed.
  // Asked again (backing off up to 30 s) until it is read or refused: the goals phase of a live
  // meeting, whose read failed while the connection was down, must not wait on "Loading…" for good.
  return useQuery({ queryKey: key(siteId), queryFn: () => api.get(`${path(siteId)}/goals`, z.custom<GoalsOverview>()), refetchOnMount: 'always', retry: (_count, error) => !refusedByServer(error) });
}

function useGoalMutation<T>(siteId: string, send: (body: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => client.invalidateQueries({ queryKey: key(siteId) }) });
}

export const useEditGoal = (siteId: string, goalId: string) =>
  useGoalMutation(siteId, (body: EditGoalBody) => api.put(`${path(siteId)}/goals/${encodeURIComponent(goalId)}`, body));

/** An action for a goal between meetings (in a meeting it is the `record-action` meeting action). */
export const useAddGoalAction = (siteId: string, goalId: string) =>
  useGoalMutation(siteId, (body: ActionFields & { ownerId?: string | null }) => {
    const sent: AddGoalActionBody = body;
    return api.post(`${path(siteId)}/goals/${encodeURIComponent(goalId)}/actions`, sent);
  });

export const useSetGoalActionDone = (siteId: string) =>
  useGoalMutation(siteId, ({ actionId, done }: { actionId: string; done: boolean }) => api.patch(`${path(siteId)}/goal-actions/${encodeURIComponent(actionId)}`, { done }));

export const goalsCsvUrl = (siteId: string) => `/api${path(siteId)}/goals/export.csv`;

export const useNameGoalOwner = (siteId: string, goalId: string) =>
  useGoalMutation(siteId, (body: GoalOwnerBody) => api.put(`${path(siteId)}/goals/${encodeURIComponent(goalId)}/owner`, body));

export const useCheckIn = (siteId: string, goalId: string) =>
  useGoalMutation(siteId, (body: CheckInBody) => api.post(`${path(siteId)}/goals/${encodeURIComponent(goalId)}/check-ins`, body));

export const useRecordDecision = (siteId: string) => useGoalMutation(siteId, (body: DecisionBody) => api.post(`${path(siteId)}/decisions`, body));

/** Per goal, what a review opens on (`goalThreads`); refetched when the goal book changes. */
export function useGoalThreads(meetingId: string, siteId: string, enabled = true) {
  const goals = useGoals(siteId);
  return useQuery({
    enabled,
    queryKey: ['meetings', meetingId, 'goal-threads', goals.dataUpdatedAt] as const,
    queryFn: () => api.get(`/meetings/${encodeURIComponent(meetingId)}/goal-threads`, z.custom<GoalThread[]>()),
  });
}
