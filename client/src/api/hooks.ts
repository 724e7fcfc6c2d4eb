import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { Me } from '@shared/api/auth';
import {
  InvitationPreview,
  SiteDetail,
  SiteSummary,
  type AcceptInvitationBody,
  type BulkInvitationOutcome,
  type CreateInvitationsBody,
  type CreateSiteBody,
} from '@shared/api/sites';
import { api, ApiRequestError } from './http';

export const queryKeys = {
  me: ['me'] as const,
  sites: ['sites'] as const,
  site: (id: string) => ['sites', id] as const,
};

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async () => {
      try {
        return await api.get('/me', Me);
      } catch (error) {
        if (error instanceof ApiRequestError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/**
 * After someone signs in or out (by password, by an emailed link, everywhere at once): nothing
 * cached for the previous person is kept, and who is signed in now is known without asking.
 */
export function useSessionChanged() {
  const client = useQueryClient();
  return (me: Me | null) => {
    client.clear();
    client.setQueryData(queryKeys.me, me);
  };
}

export function useSignOut() {
  const sessionChanged = useSessionChanged();
  return useMutation({ mutationFn: () => api.post('/auth/logout', {}), onSuccess: () => sessionChanged(null) });
}

export function useSites() {
  return useQuery({ queryKey: queryKeys.sites, queryFn: () => api.get('/sites', z.array(SiteSummary)) });
}

export function useSite(siteId: string) {
  return useQuery({ queryKey: queryKeys.site(siteId), queryFn: () => api.get(`/sites/${encodeURIComponent(siteId)}`, SiteDetail), retry: false, enabled: siteId !== '' });
}

export function useCreateSite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSiteBody) => api.post('/sites', body, SiteSummary),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.sites }),
  });
}

export function useInvite(siteId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInvitationsBody) => api.post(`/sites/${encodeURIComponent(siteId)}/invitations/bulk`, body, z.custom<BulkInvitationOutcome>()),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.site(siteId) }),
  });
}

export function useRemoveMember(siteId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(`/sites/${encodeURIComponent(siteId)}/members/${encodeURIComponent(userId)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.site(siteId) }),
  });
}

/** Withdrawing an invitation (its link stops working), or sending it again with a new link. */
export function useInvitationActions(siteId: string) {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: queryKeys.site(siteId) });
  return {
    withdraw: useMutation({ mutationFn: (id: string) => api.delete(`/sites/${encodeURIComponent(siteId)}/invitations/${encodeURIComponent(id)}`), onSuccess }),
    sendAgain: useMutation({ mutationFn: (body: { email: string; role: string }) => api.post(`/sites/${encodeURIComponent(siteId)}/invitations`, body), onSuccess }),
  };
}

export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.post('/invitations/lookup', { token }, InvitationPreview),
    retry: false,
    enabled: token.length > 0,
  });
}

export function useAcceptInvitation() {
  const sessionChanged = useSessionChanged();
  return useMutation({
    mutationFn: (body: AcceptInvitationBody) =>
      api.post('/invitations/accept', body, z.object({ me: Me, siteId: z.string() })),
    // Accepting signs the person in: as after any change of who is signed in.
    onSuccess: ({ me }) => sessionChanged(me),
  });
}
