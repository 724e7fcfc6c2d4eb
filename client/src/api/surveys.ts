import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext, useEffect, useState } from 'react';
import { z } from 'zod';
import { CampaignSummary, DrawnSurveys, type CreateCampaignBody, type SurveyCount, type SurveyResultsReply } from '@shared/survey/api';
import type { FirstPageData } from '@shared/api/first-data';
import { PersonalLinksRequested, PersonalLinksState } from '@shared/survey/personal-links';
import { realtimeSocket } from '../realtime/socket';
import { FirstDataContext } from './first-data';
import { api } from './http';

/** The surveys a meeting's board was drawn with by the server (in its welcome), if any. */
function drawnSurveys(first: FirstPageData | null): DrawnSurveys | null {
  if (first?.surveys === undefined) return null;
  const parsed = DrawnSurveys.safeParse(first.surveys);
  return parsed.success ? parsed.data : null;
}

export function useSiteSurveys(siteId: string) {
  const first = useContext(FirstDataContext);
  return useQuery({
    queryKey: ['sites', siteId, 'surveys'],
    queryFn: () => api.get(`/sites/${encodeURIComponent(siteId)}/surveys`, z.array(CampaignSummary)),
    // Read (and parsed) only while the cache has none: a board drawn by the server starts from its surveys.
    initialData: () => {
      const drawn = drawnSurveys(first);
      return drawn?.siteId === siteId ? drawn.summaries : undefined;
    },
  });
}

export function useSurvey(campaignId: string) {
  return useQuery({ queryKey: ['surveys', campaignId], queryFn: () => api.get(`/surveys/${encodeURIComponent(campaignId)}`, CampaignSummary), retry: false });
}

export function useOpenSurvey(siteId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCampaignBody) => api.post(`/sites/${encodeURIComponent(siteId)}/surveys`, body, CampaignSummary),
    onSuccess: () => client.invalidateQueries({ queryKey: ['sites', siteId, 'surveys'] }),
  });
}

export function useAccessCodes(campaignId: string) {
  return useMutation({ mutationFn: (count: number) => api.post(`/surveys/${encodeURIComponent(campaignId)}/codes`, { count }, z.object({ codes: z.array(z.string()) })) });
}

export function useSurveyResults(campaignId: string, query: string, completed: number | undefined) {
  const first = useContext(FirstDataContext);
  return useQuery({
    // The count is in the key so a new completed survey asks again (a new release may be due).
    queryKey: ['surveys', campaignId, 'results', query, completed],
    queryFn: () => api.get(`/surveys/${encodeURIComponent(campaignId)}/results${query}`, z.custom<SurveyResultsReply>()),
    placeholderData: (previous) => previous,
    // The results a drawn board came with are those of its last survey at the count it was drawn with.
    initialData: () => {
      const drawn = drawnSurveys(first);
      const latest = drawn?.summaries.at(-1);
      return drawn?.latestResults && latest?.id === campaignId && latest.completed === completed && query === '' ? drawn.latestResults : undefined;
    },
    // No campaign yet (a site that has run no survey): nothing to ask for.
    enabled: campaignId !== '',
  });
}

/** The live count of completed surveys (the only figure shown before the threshold). */
export function useSurveyCount(campaignId: string, initial?: SurveyCount): SurveyCount | undefined {
  const [count, setCount] = useState<SurveyCount | undefined>(initial);
  useEffect(() => {
    const socket = realtimeSocket();
    const watch = () => socket.emit('survey:watch', { campaignId }, (reply) => reply.ok && setCount(reply.data));
    const onCount = (next: SurveyCount) => next.campaignId === campaignId && setCount(next);
    socket.on('survey:count', onCount);
    socket.on('connect', watch);
    if (socket.connected) watch();
    return () => {
      socket.off('survey:count', onCount);
      socket.off('connect', watch);
    };
  }, [campaignId]);
  return count;
}

const personalLinksPath = (campaignId: string) => `/surveys/${encodeURIComponent(campaignId)}/personal-links`;

/** Lists of addresses waiting for the second person's approval, with their flags. */
export function usePersonalLinks(campaignId: string) {
  return useQuery({ queryKey: ['surveys', campaignId, 'personal-links'], queryFn: () => api.get(personalLinksPath(campaignId), PersonalLinksState) });
}

export function useSendPersonalLinks(campaignId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (addresses: string) => api.post(personalLinksPath(campaignId), { addresses }, PersonalLinksRequested),
    onSuccess: () => client.invalidateQueries({ queryKey: ['surveys', campaignId] }),
  });
}

/** Approves (and so sends) a list, or withdraws it. */
export function useDecidePersonalLinks(campaignId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ listId, approve }: { listId: string; approve: boolean }) =>
      approve
        ? api.post(`${personalLinksPath(campaignId)}/${encodeURIComponent(listId)}/approval`, {}, z.object({ sent: z.number() }))
        : api.delete(`${personalLinksPath(campaignId)}/${encodeURIComponent(listId)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['surveys', campaignId] }),
  });
}
