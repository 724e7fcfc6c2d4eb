import type { QueryClient } from '@tanstack/react-query';
import { FirstPageData, firstPageDataId } from '@shared/api/first-data';
import { queryKeys } from './hooks';

/** The data a server-drawn page came with, or null when the app draws the page itself. */
export function readFirstData(doc: Document): FirstPageData | null {
  const text = doc.getElementById(firstPageDataId)?.textContent;
  if (!text) return null;
  const parsed = FirstPageData.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

/** Puts it where the app's hooks look, as if they had just fetched it. */
export function seedFirstData(client: QueryClient, data: FirstPageData): void {
  client.setQueryData(queryKeys.me, data.me);
  client.setQueryData(queryKeys.sites, data.sites);
}
