/**
 * Whether a collection of published figures lets anyone single out fewer than `threshold`
 * answers.
 *
 * A figure is the set of answers it was computed from. Everything we publish about a set
 * (counts per answer, means with their n, spreads) is a sum over that set, so whatever an
 * onlooker can work out from published figures is a weighted sum of them: sums, differences,
 * any weights. Such a combination is a sum over the answers where the weights do not cancel.
 * The figures are safe when every combination that is not zero everywhere covers at least
 * `threshold` answers.
 *
 * Answers that lie in exactly the same figures (a "cell" of the figures' Venn diagram) always
 * get the same weight, so we work with cells. Cells all of at least the threshold are safe at
 * once. Otherwise a combination covering only small cells S exists exactly when the remaining
 * cells span fewer dimensions than all of them: we look for such an S of total size below the
 * threshold, with exact-rank checks modulo two primes, dropping a branch as soon as the cells
 * it leaves already span everything. A search that grows beyond `budget` checks gives up and
 * the figures count as unsafe, so the answer errs towards hiding.
 */
export type Verdict = 'safe' | 'singles-out' | 'too-complex';

const defaultBudget = 4000;

interface Cell {
  size: number;
  /** Indices of the figures holding this cell's answers. */
  figures: number[];
}

export function judgeFigures(figures: readonly ReadonlySet<string>[], threshold: number, budget = defaultBudget): Verdict {
  const cells = cellsOf(figures);
  if (cells.every((cell) => cell.size >= threshold)) return 'safe';
  // Modular rank can only come out too low, and then only by a rare coincidence of the prime;
  // two independent primes both being unlucky for the same figures is negligible.
  const verdicts = primes.map((prime) => search(cells, figures.length, threshold, budget, prime));
  if (verdicts.includes('singles-out')) return 'singles-out';
  return verdicts.includes('too-complex') ? 'too-complex' : 'safe';
}

const primes = [67_108_859, 94_906_249];

function cellsOf(figures: readonly ReadonlySet<string>[]): Cell[] {
  const figuresOfAnswer = new Map<string, number[]>();
  figures.forEach((figure, index) => {
    for (const id of figure) {
      const list = figuresOfAnswer.get(id);
      if (list) list.push(index);
      else figuresOfAnswer.set(id, [index]);
    }
  });
  const cells = new Map<string, Cell>();
  for (const indices of figuresOfAnswer.values()) {
    const key = indices.join(',');
    const cell = cells.get(key);
    if (cell) cell.size++;
    else cells.set(key, { size: 1, figures: indices });
  }
  return [...cells.values()];
}

function search(cells: Cell[], figureCount: number, threshold: number, budget: number, prime: number): Verdict {
  const column = (cell: Cell) => {
    const vector = new Array<number>(figureCount).fill(0);
    for (const index of cell.figures) vector[index] = 1;
    return vector;
  };
  const large = new Basis(prime);
  for (const cell of cells) if (cell.size >= threshold) large.insert(column(cell));
  // A small cell that the large ones already span can never be all a combination covers.
  const candidates = cells
    .filter((cell) => cell.size < threshold)
    .map((cell) => ({ size: cell.size, vector: column(cell) }))
    .filter((candidate) => !large.spans(candidate.vector))
    .sort((a, b) => a.size - b.size);
  const full = large.clone();
  for (const candidate of candidates) full.insert(candidate.vector);
  if (full.rank === large.rank) return 'safe';

  // Chosen sets grow in the candidates' order, so when `index` has just been chosen every candidate
  // after it is still left: what is left is `kept` (the large cells and the candidates before
  // `index` not chosen) and all of those after. It spans everything unless the choice singles out.
  const leftSpansAll = (kept: Basis, index: number) => {
    const left = kept.clone();
    for (let after = index + 1; after < candidates.length && left.rank < full.rank; after++) left.insert(candidates[after]!.vector);
    return left.rank === full.rank;
  };

  let checks = 0;
  const grow = (from: number, size: number, kept: Basis): Verdict | null => {
    for (let index = from; index < candidates.length; index++) {
      // What is kept already spans everything: no choice from here on can single anyone out.
      if (kept.rank === full.rank) return null;
      const total = size + candidates[index]!.size;
      if (total >= threshold) break;
      if (++checks > budget) return 'too-complex';
      if (!leftSpansAll(kept, index)) return 'singles-out';
      const deeper = grow(index + 1, total, kept);
      if (deeper) return deeper;
      // From here on at this depth, this candidate is left, not chosen.
      kept = kept.clone();
      kept.insert(candidates[index]!.vector);
    }
    return null;
  };
  return grow(0, 0, large) ?? 'safe';
}

/** Row-reduced vectors modulo a prime, each with its own pivot. */
class Basis {
  private rows: { pivot: number; vector: number[] }[] = [];
  constructor(private readonly prime: number) {}

  get rank() {
    return this.rows.length;
  }

  clone(): Basis {
    const copy = new Basis(this.prime);
    copy.rows = this.rows.slice();
    return copy;
  }

  private reduce(input: number[]): number[] {
    const vector = input.slice();
    for (const { pivot, vector: row } of this.rows) {
      const factor = vector[pivot]!;
      if (factor === 0) continue;
      for (let i = 0; i < vector.length; i++) if (row[i] !== 0) vector[i] = mod(vector[i]! - factor * row[i]!, this.prime);
    }
    return vector;
  }

  spans(vector: number[]): boolean {
    return this.reduce(vector).every((x) => x === 0);
  }

  insert(input: number[]): void {
    const vector = this.reduce(input);
    const pivot = vector.findIndex((x) => x !== 0);
    if (pivot < 0) return;
    const inverse = modInverse(vector[pivot]!, this.prime);
    for (let i = 0; i < vector.length; i++) vector[i] = mod(vector[i]! * inverse, this.prime);
    // Keep rows fully reduced against the new pivot so reduction stays one pass.
    this.rows = this.rows.map((row) => {
      const factor = row.vector[pivot]!;
      if (factor === 0) return row;
      return { pivot: row.pivot, vector: row.vector.map((x, i) => mod(x - factor * vector[i]!, this.prime)) };
    });
    this.rows.push({ pivot, vector });
  }
}

const mod = (x: number, prime: number) => ((x % prime) + prime) % prime;

function modInverse(a: number, prime: number): number {
  // Extended Euclid; values stay below the prime, so plain numbers are exact.
  let [oldR, r] = [a, prime];
  let [oldS, s] = [1, 0];
  while (r !== 0) {
    const q = Math.floor(oldR / r);
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return mod(oldS, prime);
}
