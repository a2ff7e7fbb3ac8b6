/**
 * Breaking ties: by the votes at other stages (as each rule says), then by lot.
 *
 * The lot is a seeded pseudo-random draw (sfc32 seeded with the cyrb128 hash of the seed
 * string), so anyone with the seed and the ballots can repeat it. The seed is recorded in the
 * result with every draw. Without a seed given, the seed is a hash of the ballots themselves:
 * it cannot be known before the ballots are, and anyone can recompute it from the published
 * ballots. A tie order fixed before the count (BLT `[tie ...]`) replaces the lot entirely.
 */
import type { BallotProfile, CountOptions, TieRecord } from './types.ts';

/** cyrb128: a small, well-mixed 128-bit string hash (public domain), to seed the generator. */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 32-bit outputs. */
export function seededRandom(seed: string): () => number {
  let [a, b, c, d] = cyrb128(seed);
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A seed that anyone can recompute from the ballots: a hash of the whole profile. */
export function profileSeed(profile: BallotProfile): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const mix = (v: number) => {
    h1 = Math.imul(h1 ^ v, 0x01000193);
    h2 = Math.imul(h2 ^ v, 0x5bd1e995) ^ (h2 >>> 15);
  };
  const { count, weights, offsets, prefs } = profile.ballots;
  mix(profile.seats);
  for (const name of profile.candidates)
    for (let i = 0; i < name.length; i++) mix(name.charCodeAt(i));
  // order-independent over groups, so the seed does not depend on the order of the file
  let acc1 = 0;
  let acc2 = 0;
  for (let g = 0; g < count; g++) {
    const weight = weights[g]!;
    let x = 0x9e3779b9 ^ weight;
    for (let i = offsets[g]!, end = offsets[g + 1]!; i < end; i++) {
      x = Math.imul(x ^ prefs[i]!, 0x85ebca6b);
      x ^= x >>> 13;
    }
    x = Math.imul(x ^ weight, 0xc2b2ae35);
    acc1 = (acc1 + (x >>> 0)) >>> 0;
    acc2 = (acc2 ^ Math.imul(x, 0x27d4eb2f)) >>> 0;
  }
  mix(acc1);
  mix(acc2);
  return `ballots-${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}

/** Settles the ties a rule's own tie-breaks leave, and records each one. */
export class TieBreaker {
  readonly seed: string;
  readonly records: TieRecord[] = [];
  private readonly order: readonly number[] | undefined;
  private readonly random: () => number;
  private draws = 0;

  constructor(profile: BallotProfile, options: CountOptions = {}) {
    this.order = options.tieOrder ?? (options.seed === undefined ? profile.tieOrder : undefined);
    this.seed = options.seed ?? profileSeed(profile);
    this.random = seededRandom(this.seed);
  }

  /** Whether ties are settled by an order fixed in advance rather than by lot. */
  get byOrder(): boolean {
    return this.order !== undefined;
  }

  /**
   * Choose one of `among` by the fixed order or by lot; `tied` is what is reported as tied (the
   * full set before any narrowing by earlier stages).
   */
  lot(
    among: readonly number[],
    purpose: string,
    round: number,
    tied: readonly number[] = among,
  ): TieRecord {
    if (among.length === 0) throw new Error('no candidates to choose from');
    let record: TieRecord;
    if (this.order) {
      const rank = (c: number) => {
        const i = this.order!.indexOf(c);
        return i < 0 ? this.order!.length + c : i;
      };
      const chosen = [...among].sort((a, b) => rank(a) - rank(b))[0]!;
      record = { round, purpose, among: [...tied], chosen, method: 'order' };
    } else {
      const sorted = [...among].sort((a, b) => a - b);
      const draw = ++this.draws;
      const chosen = sorted[Math.floor(this.random() * sorted.length)]!;
      record = { round, purpose, among: [...tied], chosen, method: 'lot', draw };
    }
    this.records.push(record);
    return record;
  }

  /** A number in [0, 1) from the seeded lot, counted as a draw (for rules that draw ballots). */
  lotNumber(): number {
    this.draws++;
    return this.random();
  }

  /** Record a tie settled by the rule itself (by other stages' votes). */
  settled(record: TieRecord): TieRecord {
    this.records.push(record);
    return record;
  }
}

/**
 * Narrow a tie by the votes at other stages, consulting `stages` in the order given (most recent
 * first for the Scottish rules, first stage first for ERS97): at each stage keep only the tied
 * candidates with the lowest (or highest) vote there; stop when one is left.
 * Returns the candidates left and the index in `stages` that decided it (or -1).
 */
export function narrowByStages(
  among: readonly number[],
  stages: readonly (readonly number[] | Float64Array)[],
  pick: 'lowest' | 'highest',
): { left: number[]; decidedAt: number } {
  let left = [...among];
  for (let s = 0; s < stages.length; s++) {
    const votes = stages[s]!;
    let best = pick === 'lowest' ? Infinity : -Infinity;
    for (const c of left) {
      const v = votes[c]!;
      if (pick === 'lowest' ? v < best : v > best) best = v;
    }
    left = left.filter((c) => votes[c] === best);
    if (left.length === 1) return { left, decidedAt: s };
  }
  return { left, decidedAt: -1 };
}
