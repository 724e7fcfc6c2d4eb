import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext, useEffect, useState } from 'react';
import { z } from 'zod';
import { CampaignSummary, DrawnSurveys, type CreateCampaignBody, type SurveyCount, type SurveyResultsReply } from '@shared/survey/api';
import { realtimeSocket } from '../realtime/socket';
import { FirstDataContext } from './first-data';
import { api } from './http';

/** The surveys a meeting's board was drawn with by the server (in its welcome), if any. */
function useDrawnSurveys(): DrawnSurveys | null {
  const first = useContext(FirstDataContext);
  if (first?.surveys === undefined) return null;
  const parsed = DrawnSurveys.safeParse(first.surveys);
  return parsed.success ? parsed.data : null;
}

export function useSiteSurveys(siteId: string) {
  const drawn = useDrawnSurveys();
  return useQuery({
    queryKey: ['sites', siteId, 'surveys'],
    queryFn: () => api.get(`/sites/${encodeURIComponent(siteId)}/surveys`, z.array(CampaignSummary)),
    initialData: drawn?.siteId === siteId ? drawn.summaries : undefined,
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
  const drawn = useDrawnSurveys()?.latest;
  return useQuery({
    // The count is in the key so a new completed survey asks again (a new release may be due).
    queryKey: ['surveys', campaignId, 'results', query, completed],
    queryFn: () => api.get(`/surveys/${encodeURIComponent(campaignId)}/results${query}`, z.custom<SurveyResultsReply>()),
    placeholderData: (previous) => previous,
    initialData: drawn && drawn.campaignId === campaignId && drawn.completed === completed && query === '' ? drawn.reply : undefined,
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

export function useSendPersonalLinks(campaignId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (addresses: string) => api.post(`/surveys/${encodeURIComponent(campaignId)}/personal-links`, { addresses }, z.object({ sent: z.number(), alreadySent: z.number() })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['surveys', campaignId] }),
  });
}
