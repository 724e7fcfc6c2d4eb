import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { DirectoryEntry, DirectoryEntryBody } from '@shared/directory/directory';
import { api } from './http';

export type ListedEntry = DirectoryEntry & { stale: boolean };
const base = (siteId: string) => `/sites/${encodeURIComponent(siteId)}/directory`;
const key = (siteId: string) => ['sites', siteId, 'directory'] as const;

export function useDirectory(siteId: string, query: string) {
  return useQuery({ queryKey: [...key(siteId), query], queryFn: () => api.get(`${base(siteId)}?q=${encodeURIComponent(query)}`, z.custom<ListedEntry[]>()), placeholderData: (previous) => previous });
}

function useDirectoryChange<T, R>(siteId: string, send: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => client.invalidateQueries({ queryKey: key(siteId) }) });
}

export const useSaveEntry = (siteId: string, entryId?: string) =>
  useDirectoryChange(siteId, (body: DirectoryEntryBody) => (entryId ? api.put(`${base(siteId)}/${encodeURIComponent(entryId)}`, body) : api.post(base(siteId), body)));
export const useConfirmEntry = (siteId: string) => useDirectoryChange(siteId, (entryId: string) => api.post(`${base(siteId)}/${encodeURIComponent(entryId)}/confirm`, {}));
export const useRemoveEntry = (siteId: string) => useDirectoryChange(siteId, (entryId: string) => api.delete(`${base(siteId)}/${encodeURIComponent(entryId)}`));
export const useImportDirectory = (siteId: string) => useDirectoryChange(siteId, (csv: string) => api.post(`${base(siteId)}/import`, { csv }, z.object({ imported: z.number() })));
export const directoryCsvUrl = (siteId: string) => `/api${base(siteId)}/export.csv`;
