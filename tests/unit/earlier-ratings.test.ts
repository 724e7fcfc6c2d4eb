import { describe, expect, it } from 'vitest';
import { domainHistory, type EarlierRatings } from '@shared/meetings/earlier-ratings';

const agreed = (domain: number, rating: number) => ({ domain, rating, rationale: `rated ${rating}`, recordedBy: 'f', recordedAt: '2027-01-01T10:00:00Z' }) as EarlierRatings['agreed'][number];

describe('a domain’s agreed ratings before this meeting', () => {
  it('names each meeting that agreed one, the consultation first and the latest last', () => {
    const earlier: EarlierRatings[] = [
      { kind: 'consultation', agreed: [agreed(1, 2), agreed(2, 3)] },
      { kind: 'review-3m', agreed: [agreed(1, 3)] },
    ];
    expect(domainHistory(earlier, 1)).toEqual([
      { at: 'the consultation', rating: 2, rationale: 'rated 2' },
      { at: 'the 3-month review', rating: 3, rationale: 'rated 3' },
    ]);
  });

  it('leaves out a meeting that did not agree the domain, so the latest is the last one that did', () => {
    const earlier: EarlierRatings[] = [
      { kind: 'consultation', agreed: [agreed(2, 3)] },
      { kind: 'review-3m', agreed: [agreed(1, 3)] },
    ];
    expect(domainHistory(earlier, 2)).toEqual([{ at: 'the consultation', rating: 3, rationale: 'rated 3' }]);
    expect(domainHistory([], 2)).toEqual([]);
  });
});
