import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MeetingPlan, type MeetingPlanBody } from '@shared/meetings/agenda';
import { FacilitatorScript, type FacilitatorScriptBody } from '@shared/meetings/script';
import { api } from './http';

/** The plan and the script are facilitators' only: asked for only when the viewer facilitates. */
const keys = {
  plan: (meetingId: string) => ['meetings', meetingId, 'plan'] as const,
  meetingScript: (meetingId: string) => ['meetings', meetingId, 'script'] as const,
  siteScript: (siteId: string) => ['sites', siteId, 'facilitator-script'] as const,
};
const meetingPath = (id: string) => `/meetings/${encodeURIComponent(id)}`;
const sitePath = (id: string) => `/sites/${encodeURIComponent(id)}/facilitator-script`;

export function useMeetingPlan(meetingId: string, enabled = true) {
  return useQuery({ queryKey: keys.plan(meetingId), queryFn: () => api.get(`${meetingPath(meetingId)}/plan`, MeetingPlan), enabled });
}

export function useSaveMeetingPlan(meetingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingPlanBody) => api.put(`${meetingPath(meetingId)}/plan`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.plan(meetingId) }),
  });
}

export function useMeetingScript(meetingId: string, enabled: boolean) {
  return useQuery({ queryKey: keys.meetingScript(meetingId), queryFn: () => api.get(`${meetingPath(meetingId)}/script`, FacilitatorScript), enabled });
}

export function useSiteScript(siteId: string) {
  return useQuery({ queryKey: keys.siteScript(siteId), queryFn: () => api.get(sitePath(siteId), FacilitatorScript), retry: false });
}

export function useSaveSiteScript(siteId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: FacilitatorScriptBody) => api.put(sitePath(siteId), body),
    // Every meeting of the site shows the site's script: all of them are asked for again.
    onSuccess: () => client.invalidateQueries({ predicate: (q) => q.queryKey[2] === 'script' || (q.queryKey[0] === 'sites' && q.queryKey[2] === 'facilitator-script') }),
  });
}
