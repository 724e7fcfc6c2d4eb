import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext } from 'react';
import { MeetingDetail } from '@shared/meetings/detail';
import { z } from 'zod';
import type { DomainId } from '@shared/cascade/framework';
import {
  Meeting,
  PreRating,
  PreRatingProgress,
  type CreateMeetingBody,
  type PreRatingBody,
} from '@shared/meetings/meeting';
import type { MeetingSnapshot } from '@shared/meetings/snapshot';
import { FirstDataContext } from './first-data';
import { api } from './http';

const keys = {
  siteMeetings: (siteId: string) => ['sites', siteId, 'meetings'] as const,
  meeting: (id: string) => ['meetings', id] as const,
  mine: (id: string) => ['meetings', id, 'pre-ratings', 'mine'] as const,
  progress: (id: string) => ['meetings', id, 'pre-ratings', 'progress'] as const,
  snapshot: (id: string) => ['meetings', id, 'snapshot'] as const,
};
const path = (id: string) => `/meetings/${encodeURIComponent(id)}`;

export function useSiteMeetings(siteId: string) {
  return useQuery({ queryKey: keys.siteMeetings(siteId), queryFn: () => api.get(`/sites/${encodeURIComponent(siteId)}/meetings`, z.array(Meeting)) });
}

export function useCreateMeeting(siteId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMeetingBody) => api.post(`/sites/${encodeURIComponent(siteId)}/meetings`, body, Meeting),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.siteMeetings(siteId) }),
  });
}

export function useMeetingDetail(meetingId: string) {
  const first = useContext(FirstDataContext);
  const drawnHere = (first?.meeting as { meeting?: { id?: unknown } } | undefined)?.meeting?.id === meetingId;
  return useQuery({
    queryKey: keys.meeting(meetingId),
    queryFn: () => api.get(path(meetingId), MeetingDetail),
    retry: false,
    // A meeting page drawn by the server starts from the detail it was drawn with.
    initialData: () => {
      const drawn = drawnHere ? MeetingDetail.safeParse(first!.meeting) : null;
      return drawn?.success ? drawn.data : undefined;
    },
    // ...and is not asked for again as the app takes over: the server draws only live meetings,
    // whose board fetches the detail afresh once it has joined the meeting's channel.
    refetchOnMount: !drawnHere,
  });
}

export function useMyPreRatings(meetingId: string, enabled = true) {
  return useQuery({ queryKey: keys.mine(meetingId), queryFn: () => api.get(`${path(meetingId)}/pre-ratings/mine`, z.array(PreRating)), enabled });
}

export function useSavePreRating(meetingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ domain, body }: { domain: DomainId; body: PreRatingBody }) => api.put(`${path(meetingId)}/pre-ratings/${domain}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.mine(meetingId) }),
  });
}

export function usePreRatingProgress(meetingId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.progress(meetingId),
    queryFn: () => api.get(`${path(meetingId)}/pre-ratings/progress`, z.array(PreRatingProgress)),
    enabled,
    refetchInterval: 30_000,
  });
}

export function useMeetingTransition(meetingId: string, to: 'start' | 'close' | 'cancel') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(`${path(meetingId)}/${to}`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['meetings', meetingId] }),
  });
}

export function useMeetingSnapshot(meetingId: string, enabled: boolean) {
  return useQuery({ queryKey: keys.snapshot(meetingId), queryFn: () => api.get(`${path(meetingId)}/snapshot`, z.custom<MeetingSnapshot>()), enabled, staleTime: Infinity });
}

