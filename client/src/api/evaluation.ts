import { useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import type { EvaluationResponseBody, EvaluationSummary } from '@shared/evaluation/questions';
import { api } from './http';

export function useSubmitEvaluation(siteId: string) {
  return useMutation({ mutationFn: (body: EvaluationResponseBody) => api.post(`/sites/${encodeURIComponent(siteId)}/evaluation`, body) });
}

export function useEvaluationResults(siteId: string) {
  return useQuery({ queryKey: ['sites', siteId, 'evaluation'], queryFn: () => api.get(`/sites/${encodeURIComponent(siteId)}/evaluation`, z.custom<EvaluationSummary>()), retry: false });
}
