import type { QueryClient } from '@tanstack/react-query';
import { createContext } from 'react';
import { FirstPageData, firstPageDataId } from '@shared/api/first-data';
import { queryKeys } from './hooks';

/** The data a server-drawn page came with, or null when the app draws the page itself. */
export function readFirstData(doc: Document): FirstPageData | null {
  const text = doc.getElementById(firstPageDataId)?.textContent;
  if (!text) return null;
  const parsed = FirstPageData.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

/** Puts who is signed in and the sites where the app's hooks look, as if they had just fetched them. */
export function seedFirstData(client: QueryClient, data: FirstPageData): void {
  client.setQueryData(queryKeys.me, data.me);
  if (data.sites) client.setQueryData(queryKeys.sites, data.sites);
}

/**
 * The same data for the hooks of lazily loaded pages (a meeting's), which read their part as
 * their first data: on the server for one request, in the browser for the page it drew.
 */
export const FirstDataContext = createContext<FirstPageData | null>(null);
