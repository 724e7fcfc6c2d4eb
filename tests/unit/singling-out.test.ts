import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeFigures } from '@shared/disclosure/singling-out';

/** Exact rank of an integer matrix (fraction-free elimination). */
function exactRank(matrix: bigint[][]): number {
  const rows = matrix.map((r) => r.slice());
  const width = rows[0]?.length ?? 0;
  let rank = 0;
  for (let col = 0; col < width && rank < rows.length; col++) {
    const pivot = rows.findIndex((r, i) => i >= rank && r[col] !== 0n);
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot]!, rows[rank]!];
    for (let i = rank + 1; i < rows.length; i++) {
      const [a, b] = [rows[rank]![col]!, rows[i]![col]!];
      rows[i] = rows[i]!.map((x, k) => x * a - rows[rank]![k]! * b);
    }
    rank++;
  }
  return rank;
}

/**
 * The definition, by brute force over every small set of answers: some combination of figures
 * is non-zero only on S exactly when dropping S's columns loses rank.
 */
function singlesOutByBruteForce(figures: Set<string>[], elements: string[], threshold: number): boolean {
  const matrix = (keep: string[]) => figures.map((f) => keep.map((e) => (f.has(e) ? 1n : 0n)));
  const full = exactRank(matrix(elements));
  for (let mask = 1; mask < 1 << elements.length; mask++) {
    const chosen = elements.filter((_, i) => mask & (1 << i));
    if (chosen.length >= threshold) continue;
    if (exactRank(matrix(elements.filter((e) => !chosen.includes(e)))) < full) return true;
  }
  return false;
}

describe('singling out by combining figures', () => {
  it('agrees with the brute-force definition on small cases', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 2, max: 5 }),
        fc.array(fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), { minLength: 1, maxLength: 6 }),
        (size, threshold, rows) => {
          const elements = Array.from({ length: size }, (_, i) => `e${i}`);
          const figures = rows.map((row) => new Set(elements.filter((_, i) => row[i])));
          const verdict = judgeFigures(figures, threshold);
          expect(verdict).not.toBe('too-complex');
          expect(verdict === 'singles-out').toBe(singlesOutByBruteForce(figures, elements, threshold));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds the attacks on the old rules: a subtraction across questions, and releases one apart', () => {
    const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `r${from + i}`);
    // total − primary − secondary is the 14 others; senior leaders − primary − those 14 is one school.
    const primary = new Set(ids(0, 12));
    const secondary = new Set(ids(12, 27));
    const seniorLeaders = new Set([...ids(0, 12), ...ids(12, 13), ...ids(27, 41)]);
    expect(judgeFigures([new Set(ids(0, 41)), primary, secondary], 10)).toBe('safe');
    expect(judgeFigures([new Set(ids(0, 41)), primary, secondary, seniorLeaders], 10)).toBe('singles-out');
    // A group of 10 at one release and 11 at the next.
    expect(judgeFigures([new Set(ids(0, 10)), new Set(ids(0, 11))], 10)).toBe('singles-out');
    expect(judgeFigures([new Set(ids(0, 10)), new Set(ids(0, 20))], 10)).toBe('safe');
  });

  it('stops searching a branch once what is left already spans every figure', () => {
    // Fifteen answers, each in its own combination of four groups: no two of them can be told
    // apart from the rest, and 120 small sets to try. The search sees after a few that the
    // answers not chosen cover all four groups whatever else is chosen, and stops there.
    const answers = Array.from({ length: 15 }, (_, i) => i + 1);
    const groups = [0, 1, 2, 3].map((bit) => new Set(answers.filter((k) => k & (1 << bit)).map((k) => `r${k}`)));
    expect(judgeFigures(groups, 3, 20)).toBe('safe');
    expect(judgeFigures(groups, 3)).toBe('safe');
  });

  it('gives up as unsafe when the search would take too long', () => {
    // Forty answers each alone in its cell, spanned loosely: more small sets than the budget.
    const figures = Array.from({ length: 12 }, (_, f) => new Set(Array.from({ length: 40 }, (_, i) => `r${i}`).filter((_, i) => (i * (f + 3)) % 7 < 3)));
    expect(['too-complex', 'singles-out']).toContain(judgeFigures(figures, 10, 20));
  });
});
