import { ReleaseHistory } from '@shared/survey/anonymity';
import { z } from 'zod';

/** A campaign's survey releases as stored. */
export const parseReleaseHistory = (json: string): ReleaseHistory => ReleaseHistory.parse(JSON.parse(json));

const LegacyRelease = z.object({ size: z.number().int().positive(), groups: z.array(z.string()) });
const LegacyReleases = z.object({ current: LegacyRelease, previous: LegacyRelease.nullable() });

/**
 * Releases stored before 28 November 2026 kept only the current and previous release (groups
 * named `question:value`). The migrations of both stores rewrite them as a history of those two;
 * null when `json` is already a history.
 */
export function upgradeLegacyReleases(json: string): ReleaseHistory | null {
  const legacy = LegacyReleases.safeParse(JSON.parse(json));
  if (!legacy.success) return null;
  const { previous, current } = legacy.data;
  return [previous, current]
    .filter((release) => release !== null)
    .map((release) => ({ size: release.size, figures: ['', ...release.groups.map((group) => group.replace(':', '='))] }));
}
