import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { AccountSummary, AuditEntry, SessionSummary, type ChangePasswordBody, type InviteFacilitatorBody, type ProfileBody, type SetPasswordBody } from '@shared/api/account';
import { Me } from '@shared/api/auth';
import { useSessionChanged } from './hooks';
import { api } from './http';

const keys = {
  me: ['me'] as const,
  sessions: ['me', 'sessions'] as const,
  accounts: ['admin', 'accounts'] as const,
  audit: ['admin', 'audit'] as const,
};

const Answer = z.object({ message: z.string() });

export const useForgottenPassword = () => useMutation({ mutationFn: (email: string) => api.post('/auth/forgotten-password', { email }, Answer) });

/** Setting a password from an emailed link signs the person in. */
export function useSetPassword() {
  const sessionChanged = useSessionChanged();
  return useMutation({ mutationFn: (body: SetPasswordBody) => api.post('/auth/set-password', body, Me), onSuccess: sessionChanged });
}

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (body: ProfileBody) => api.patch('/me', body), onSuccess: () => client.invalidateQueries({ queryKey: keys.me }) });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (body: ChangePasswordBody) => api.post('/me/password', body), onSuccess: () => client.invalidateQueries({ queryKey: keys.sessions }) });
}

export const useMySessions = () => useQuery({ queryKey: keys.sessions, queryFn: () => api.get('/me/sessions', z.array(SessionSummary)) });

export function useSignOutEverywhere() {
  const sessionChanged = useSessionChanged();
  return useMutation({ mutationFn: () => api.post('/me/sign-out-everywhere', {}), onSuccess: () => sessionChanged(null) });
}

export const useAccounts = () => useQuery({ queryKey: keys.accounts, queryFn: () => api.get('/admin/accounts', z.array(AccountSummary)) });
export const useAuditLog = () => useQuery({ queryKey: keys.audit, queryFn: () => api.get('/admin/audit', z.array(AuditEntry)) });

export function useInviteFacilitator() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (body: InviteFacilitatorBody) => api.post('/admin/facilitators', body, AccountSummary), onSuccess: () => client.invalidateQueries({ queryKey: ['admin'] }) });
}

export function useDeactivateAccount() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (userId: string) => api.post(`/admin/accounts/${userId}/deactivate`, {}, AccountSummary), onSuccess: () => client.invalidateQueries({ queryKey: ['admin'] }) });
}

export function useEraseAccount() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (userId: string) => api.post(`/admin/accounts/${userId}/erase`, {}), onSuccess: () => client.invalidateQueries({ queryKey: ['admin'] }) });
}
