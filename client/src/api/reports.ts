import { useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import type { DashboardRow } from '@shared/reports/dashboard';
import type { MeetingReport } from '@shared/reports/meeting-report';
import { api } from './http';

export function useMeetingReport(meetingId: string) {
  return useQuery({ queryKey: ['meetings', meetingId, 'report'], queryFn: () => api.get(`/meetings/${encodeURIComponent(meetingId)}/report`, z.custom<MeetingReport>()), retry: false });
}

export function useEmailReport(meetingId: string) {
  return useMutation({ mutationFn: () => api.post(`/meetings/${encodeURIComponent(meetingId)}/report/email`, {}, z.object({ sent: z.number() })) });
}

export const reportPdfUrl = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}/report.pdf`;
/** The record as an editable document, for leads to circulate in their organisations. */
export const reportDocumentUrl = (meetingId: string, format: 'odt' | 'docx') => `/api/meetings/${encodeURIComponent(meetingId)}/report.${format}`;

export function useDashboard() {
  return useQuery({ queryKey: ['dashboard'], queryFn: () => api.get('/dashboard', z.custom<DashboardRow[]>()), retry: false });
}

export const dashboardCsvUrl = '/api/dashboard.csv';
