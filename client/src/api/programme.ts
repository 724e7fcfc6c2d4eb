import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { AddSessionActionBody, SessionAction } from '@shared/goals/session-actions';
import type { CreateTailoredSessionBody, DomainSuggestion, EventRegistration, JoiningDetails, Registration, TailoredSessionSummary } from '@shared/programme/registration';
import type { ProgrammePlan } from '@shared/programme/plan';
import type { SchoolSurveyChoice } from '@shared/programme/school-survey';
import type { SiteTimeline } from '@shared/programme/timeline';
import { api } from './http';

const sitePath = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;
const meetingPath = (meetingId: string) => `/meetings/${encodeURIComponent(meetingId)}`;
const keys = {
  timeline: (siteId: string) => ['sites', siteId, 'timeline'] as const,
  sessions: (siteId: string) => ['sites', siteId, 'tailored-sessions'] as const,
  suggestions: (siteId: string) => ['sites', siteId, 'tailored-sessions', 'suggestions'] as const,
  registration: (meetingId: string) => ['meetings', meetingId, 'registration'] as const,
  registrations: (meetingId: string) => ['meetings', meetingId, 'registrations'] as const,
};

export const useTimeline = (siteId: string) =>
  useQuery({ queryKey: keys.timeline(siteId), queryFn: () => api.get(`${sitePath(siteId)}/timeline`, z.custom<SiteTimeline>()) });

export function useSavePlan(siteId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (plan: ProgrammePlan) => api.put(`${sitePath(siteId)}/programme-plan`, plan),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.timeline(siteId) }),
  });
}

/** Whether the site runs the school survey; the timeline's survey deadlines follow it. */
export function useSaveSurveyChoice(siteId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (choice: SchoolSurveyChoice) => api.put(`${sitePath(siteId)}/school-survey-choice`, choice),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.timeline(siteId) }),
  });
}

export const useEventRegistration = (meetingId: string) =>
  useQuery({ queryKey: keys.registration(meetingId), queryFn: () => api.get(`${meetingPath(meetingId)}/registration`, z.custom<EventRegistration>()), retry: false });

export const useRegistrations = (meetingId: string, enabled: boolean) =>
  useQuery({ queryKey: keys.registrations(meetingId), queryFn: () => api.get(`${meetingPath(meetingId)}/registrations`, z.custom<Registration[]>()), enabled });

/** A change to one event; afterwards its registration view, its list, every timeline and (for a session's actions, kept there) the goals refetch. */
function useEventMutation<T, R>(meetingId: string, send: (body: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['meetings', meetingId] });
      // Read again before the page moves on, not only once shown: the site page a confirmation or a
      // registration returns to must not show its to-do as still to do from what it read before.
      await client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'sites' && ['timeline', 'tailored-sessions', 'goals'].includes(String(q.queryKey[2])), refetchType: 'all' });
    },
  });
}

export const useRegister = (meetingId: string) => useEventMutation(meetingId, () => api.post(`${meetingPath(meetingId)}/registration`, {}));
export const useCancelRegistration = (meetingId: string) => useEventMutation(meetingId, () => api.delete(`${meetingPath(meetingId)}/registration`));
export const useConfirmMeeting = (meetingId: string) => useEventMutation(meetingId, () => api.post(`${meetingPath(meetingId)}/confirmation`, {}));
export const useSendInvitations = (meetingId: string) =>
  useEventMutation(meetingId, () => api.post(`${meetingPath(meetingId)}/invitations`, {}, z.object({ sent: z.number() })));
export const useAddSessionAction = (meetingId: string) =>
  useEventMutation(meetingId, (body: AddSessionActionBody) => api.post(`${meetingPath(meetingId)}/actions`, body, z.custom<SessionAction[]>()));
export const useSetSessionActionDone = (meetingId: string) =>
  useEventMutation(meetingId, ({ actionId, done }: { actionId: string; done: boolean }) => api.patch(`${meetingPath(meetingId)}/actions/${encodeURIComponent(actionId)}`, { done }));

export const useSetJoining = (meetingId: string) => useEventMutation(meetingId, (body: JoiningDetails) => api.put(`${meetingPath(meetingId)}/joining`, body));

export const calendarUrl = (meetingId: string) => `/api${meetingPath(meetingId)}/calendar.ics`;

export const useTailoredSessions = (siteId: string) =>
  useQuery({ queryKey: keys.sessions(siteId), queryFn: () => api.get(`${sitePath(siteId)}/tailored-sessions`, z.custom<TailoredSessionSummary[]>()) });

export const useSessionSuggestions = (siteId: string) =>
  useQuery({ queryKey: keys.suggestions(siteId), queryFn: () => api.get(`${sitePath(siteId)}/tailored-sessions/suggestions`, z.custom<DomainSuggestion[]>()) });

export function useChooseSession(siteId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTailoredSessionBody) => api.post(`${sitePath(siteId)}/tailored-sessions`, body, z.custom<TailoredSessionSummary>()),
    onSuccess: () => client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'sites' && q.queryKey[1] === siteId }),
  });
}
