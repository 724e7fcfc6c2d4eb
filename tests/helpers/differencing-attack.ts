/**
 * An attacker's solver, written apart from the rules it attacks. Given figures that were
 * published (the set of answers each covers, as the attacker can work out from what it
 * submitted, and the additive counts it read), it looks for the smallest set of answers that
 * some weighted combination of figures singles out, and recovers their counts exactly, in
 * rational arithmetic, as a real attacker would.
 */
export interface Observation {
  /** What the attacker read: which answers (by its own numbering) the figure covers. */
  members: readonly number[];
  /** Additive counts read off the figure (per item and answer, not-applicable counts, n). */
  counts: readonly number[];
}

export interface Isolation {
  /** The answers singled out. */
  members: number[];
  /** The weight each of them carries in the combination found. */
  weights: Map<number, Fraction>;
  /** The combination of published counts: equals the weighted sum of those answers' counts. */
  recovered: Fraction[];
}

/** Finds a combination of figures covering fewer than `below` answers, or null if none does. */
export function smallestIsolation(observations: readonly Observation[], below: number): Isolation | null {
  const figureCount = observations.length;
  // Answers in the same figures (a Venn cell) always carry the same weight.
  const cells = new Map<string, number[]>();
  const figuresOf = new Map<number, number[]>();
  observations.forEach((o, f) => o.members.forEach((m) => figuresOf.set(m, [...(figuresOf.get(m) ?? []), f])));
  for (const [member, figures] of figuresOf) {
    const key = figures.join(',');
    cells.set(key, [...(cells.get(key) ?? []), member]);
  }
  const cellList = [...cells.entries()].map(([key, members]) => ({ figures: key.split(',').map(Number), members }));
  const column = (cell: { figures: number[] }) => Array.from({ length: figureCount }, (_, f) => (cell.figures.includes(f) ? 1 : 0));
  const large = cellList.filter((c) => c.members.length >= below);
  const largeRank = rankModP(large.map(column));
  // A combination covering only small cells leaves out every large one; the smallest such
  // never covers a small cell that the large cells' figures already span, so skip those.
  const small = cellList
    .filter((c) => c.members.length < below && rankModP([...large, c].map(column)) > largeRank)
    .sort((a, b) => a.members.length - b.members.length);
  const fullRank = rankModP([...large, ...small].map(column));

  let best: { cells: typeof small } | null = null;
  let checks = 0;
  const visit = (from: number, chosen: typeof small, size: number) => {
    for (let i = from; i < small.length; i++) {
      const total = size + small[i]!.members.length;
      if (total >= below || (best && total >= best.cells.reduce((n, c) => n + c.members.length, 0))) break;
      if (++checks > 100_000) throw new Error('the attacker gave up: too many combinations to try');
      const next = [...chosen, small[i]!];
      const rest = [...large, ...small.filter((c) => !next.includes(c))];
      if (rankModP(rest.map(column)) < fullRank) best = { cells: next };
      else visit(i + 1, next, total);
    }
  };
  visit(0, [], 0);
  if (!best) return null;
  return recover(observations, cellList, (best as { cells: typeof small }).cells);
}

/** Solves for weights on the figures that cancel outside the chosen cells, and applies them. */
function recover(observations: readonly Observation[], cells: { figures: number[]; members: number[] }[], chosen: { figures: number[]; members: number[] }[]): Isolation {
  const outside = cells.filter((c) => !chosen.includes(c));
  // y · A_outside = 0, with y · A_chosen not zero: a null vector of A_outsideᵀ.
  const rows = outside.map((cell) => observations.map((_, f) => Fraction.of(cell.figures.includes(f) ? 1 : 0)));
  for (const y of nullSpace(rows, observations.length)) {
    const weightOf = (cell: { figures: number[] }) => cell.figures.reduce((sum, f) => sum.add(y[f]!), Fraction.of(0));
    if (chosen.every((cell) => weightOf(cell).isZero())) continue;
    const weights = new Map<number, Fraction>();
    for (const cell of chosen) for (const member of cell.members) weights.set(member, weightOf(cell));
    const width = observations[0]!.counts.length;
    const recovered = Array.from({ length: width }, (_, k) => observations.reduce((sum, o, f) => sum.add(y[f]!.times(Fraction.of(o.counts[k]!))), Fraction.of(0)));
    return { members: [...weights.keys()].filter((m) => !weights.get(m)!.isZero()).sort((a, b) => a - b), weights, recovered };
  }
  throw new Error('rank said the cells are singled out but no combination was found');
}

/** Rank modulo a prime, for the search; what it finds is then recovered exactly. */
function rankModP(columns: number[][]): number {
  const prime = 1_000_003;
  const rows = columns.map((c) => c.slice());
  const width = rows[0]?.length ?? 0;
  let lead = 0;
  for (let col = 0; col < width && lead < rows.length; col++) {
    const pivot = rows.findIndex((r, i) => i >= lead && r[col] !== 0);
    if (pivot < 0) continue;
    [rows[lead], rows[pivot]] = [rows[pivot]!, rows[lead]!];
    const inverse = powMod(rows[lead]![col]!, prime - 2, prime);
    for (let i = lead + 1; i < rows.length; i++) {
      const factor = (rows[i]![col]! * inverse) % prime;
      if (factor) rows[i] = rows[i]!.map((x, k) => (((x - factor * rows[lead]![k]!) % prime) + prime) % prime);
    }
    lead++;
  }
  return lead;
}

function powMod(base: number, exponent: number, prime: number): number {
  let result = 1n;
  let b = BigInt(base) % BigInt(prime);
  for (let e = BigInt(exponent); e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % BigInt(prime);
    b = (b * b) % BigInt(prime);
  }
  return Number(result);
}

/** Row echelon form by exact elimination; returns the non-zero rows. */
function echelon(input: Fraction[][]): Fraction[][] {
  const rows = input.map((r) => r.slice());
  const width = rows[0]?.length ?? 0;
  let lead = 0;
  for (let col = 0; col < width && lead < rows.length; col++) {
    const pivot = rows.findIndex((r, i) => i >= lead && !r[col]!.isZero());
    if (pivot < 0) continue;
    [rows[lead], rows[pivot]] = [rows[pivot]!, rows[lead]!];
    for (let i = lead + 1; i < rows.length; i++) {
      if (rows[i]![col]!.isZero()) continue;
      const factor = rows[i]![col]!.divide(rows[lead]![col]!);
      rows[i] = rows[i]!.map((x, k) => x.minus(factor.times(rows[lead]![k]!)));
    }
    lead++;
  }
  return rows.slice(0, lead);
}

/** A basis of { y : rows · y = 0 } for y of the given width. */
function nullSpace(rows: Fraction[][], width: number): Fraction[][] {
  const reduced = rows.length ? echelon(rows) : [];
  // Back-substitute into reduced row echelon form.
  const pivots: number[] = [];
  for (const row of reduced) pivots.push(row.findIndex((x) => !x.isZero()));
  for (let i = reduced.length - 1; i >= 0; i--) {
    const p = pivots[i]!;
    reduced[i] = reduced[i]!.map((x) => x.divide(reduced[i]![p]!));
    for (let j = 0; j < i; j++) {
      const factor = reduced[j]![p]!;
      if (!factor.isZero()) reduced[j] = reduced[j]!.map((x, k) => x.minus(factor.times(reduced[i]![k]!)));
    }
  }
  const free = Array.from({ length: width }, (_, k) => k).filter((k) => !pivots.includes(k));
  return free.map((f) => {
    const y = Array.from({ length: width }, (_, k) => Fraction.of(k === f ? 1 : 0));
    reduced.forEach((row, i) => (y[pivots[i]!] = row[f]!.negate()));
    return y;
  });
}

export class Fraction {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}
  static of(n: number | bigint, d: number | bigint = 1n): Fraction {
    let [a, b] = [BigInt(n), BigInt(d)];
    if (b < 0n) [a, b] = [-a, -b];
    const g = gcd(a < 0n ? -a : a, b) || 1n;
    return new Fraction(a / g, b / g);
  }
  add(o: Fraction) {
    return Fraction.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  minus(o: Fraction) {
    return this.add(o.negate());
  }
  negate() {
    return new Fraction(-this.num, this.den);
  }
  times(o: Fraction) {
    return Fraction.of(this.num * o.num, this.den * o.den);
  }
  divide(o: Fraction) {
    return Fraction.of(this.num * o.den, this.den * o.num);
  }
  isZero() {
    return this.num === 0n;
  }
  equals(o: Fraction) {
    return this.num === o.num && this.den === o.den;
  }
  toString() {
    return this.den === 1n ? String(this.num) : `${this.num}/${this.den}`;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}
