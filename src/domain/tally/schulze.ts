/**
 * The Schulze method.
 *
 * Source: Markus Schulze, "A new monotonic, clone-independent, reversal symmetric, and
 * Condorcet-consistent single-winner election method", Social Choice and Welfare 36(2), 2011,
 * sections 2-4 (the method) and 5 (the tie-breaking ranking of candidates, TBRC). As used for
 * Debian's elections (Debian constitution, appendix A.6).
 *
 * Terms:
 * - d[a][b]: the weight of ballots ranking a strictly above b. Candidates left unranked are
 *   ranked equal, below every ranked candidate. Equal rankings are welcome.
 * - Link strength (winning votes): the link a→b has strength d[a][b] if d[a][b] > d[b][a],
 *   else 0 (no link).
 * - Strongest path p[a][b]: the widest path from a to b, whose strength is its weakest link
 *   (computed by Floyd–Warshall).
 * - a beats b when p[a][b] > p[b][a]; this relation is transitive (Schulze 2011, §4.1), so it
 *   orders the candidates in tiers. The seats go to the candidates in order.
 * - Ties (candidates in one tier where the seats run out): settled by the tie-breaking ranking
 *   of candidates (§5): ballots are drawn by lot one at a time and each refines the order of
 *   still-tied candidates by its own ranking; what is still tied when the ballots run out is
 *   drawn by lot. Every draw is recorded. A tie order fixed in advance replaces the TBRC.
 */
import { seatsFor } from './ballots.ts';
import { ELECTED, EXCLUDED, StageRecorder, WITHDRAWN } from './count-sheet.ts';
import { TieBreaker } from './ties.ts';
import type { BallotProfile, CountOptions, Decision, TallyResult, TieRecord } from './types.ts';

export function countSchulze(profile: BallotProfile, options: CountOptions = {}): TallyResult {
  const seats = seatsFor(profile, options.seats);
  const n = profile.candidates.length;
  const withdrawn = new Set(profile.withdrawn);
  const standing = [...Array(n).keys()].filter((c) => !withdrawn.has(c));
  const { d, blank } = pairwisePreferences(profile, standing, withdrawn);
  const p = strongestPaths(d, standing);
  const wins = new Float64Array(n);
  for (const a of standing) for (const b of standing) if (a !== b && beats(p, a, b)) wins[a]! += 1;

  const ties = new TieBreaker(profile, options);
  const { winners, elected, roundTies } = electByTiers(
    profile,
    standing,
    withdrawn,
    p,
    seats,
    ties,
  );

  const status = new Uint8Array(n);
  for (const w of withdrawn) status[w] = WITHDRAWN;
  for (const c of standing) status[c] = winners.includes(c) ? ELECTED : EXCLUDED;
  const excluded: Decision[] = standing
    .filter((c) => !winners.includes(c))
    .map((c) => ({
      candidate: c,
      code: 'SEATS_FILLED',
      reason: 'ranked below the elected in the Schulze order',
    }));
  const sheet = new StageRecorder(0, n);
  sheet.record({
    kind: 'first-count',
    description: 'Pairwise comparisons and strongest paths (votes: candidates beaten)',
    votes: wins,
    status,
    quota: null,
    exhausted: 0,
    residue: 0,
    elected,
    excluded,
    ties: roundTies,
    extra: {
      pairwise: d.map((row) => Array.from(row)),
      strongestPaths: p.map((row) => Array.from(row)),
    },
  });
  return {
    method: 'schulze',
    title: profile.title,
    seats,
    candidates: profile.candidates,
    precision: 0,
    quota: null,
    ballots: profile.ballots.total - blank,
    blank,
    winners,
    winnerVotes: winners.map((c) => String(wins[c])),
    rounds: sheet.rounds,
    exhausted: '0',
    residue: '0',
    ties: ties.records,
    seed: ties.seed,
  };
}

/**
 * d[a][b]: each paper adds its weight to the row of each candidate it ranks, against every
 * standing candidate it ranks lower or leaves out (a cell gets each group's weight at most
 * once, in the order of the groups, as a loop over every pair would add it). Papers ranking no
 * standing candidate are blank.
 */
function pairwisePreferences(
  profile: BallotProfile,
  standing: readonly number[],
  withdrawn: ReadonlySet<number>,
) {
  const { ballots } = profile;
  const n = profile.candidates.length;
  const d = Array.from({ length: n }, () => new Float64Array(n));
  const gone = new Uint8Array(n);
  for (const c of withdrawn) gone[c] = 1;
  const unranked = 1 << 30; // below everyone ranked
  const rank = new Int32Array(n).fill(unranked);
  const ranked = new Int32Array(n);
  let blank = 0;
  for (let g = 0; g < ballots.count; g++) {
    const w = ballots.weights[g]!;
    let position = 0;
    let r = 0;
    for (let i = ballots.offsets[g]!; i < ballots.offsets[g + 1]!; i++) {
      const v = ballots.prefs[i]!;
      const c = v < 0 ? ~v : v;
      if (gone[c]) continue;
      if (v >= 0 || r === 0) position++;
      rank[c] = position;
      ranked[r++] = c;
    }
    if (r === 0) {
      blank += w;
      continue;
    }
    for (let i = 0; i < r; i++) {
      const a = ranked[i]!;
      const ra = rank[a]!;
      const row = d[a]!;
      for (const b of standing) if (ra < rank[b]!) row[b]! += w;
    }
    for (let i = 0; i < r; i++) rank[ranked[i]!] = unranked;
  }
  return { d, blank };
}

/** p[a][b]: the strongest path from a to b by winning votes (Floyd–Warshall, widest paths). */
function strongestPaths(d: readonly Float64Array[], standing: readonly number[]): Float64Array[] {
  const n = d.length;
  const p = Array.from({ length: n }, () => new Float64Array(n));
  for (const a of standing)
    for (const b of standing) if (a !== b && d[a]![b]! > d[b]![a]!) p[a]![b] = d[a]![b]!;
  for (const k of standing)
    for (const a of standing)
      if (a !== k)
        for (const b of standing)
          if (b !== a && b !== k) {
            const via = Math.min(p[a]![k]!, p[k]![b]!);
            if (via > p[a]![b]!) p[a]![b] = via;
          }
  return p;
}

/** a beats b when the strongest path from a to b is stronger than the one back. */
const beats = (p: readonly Float64Array[], a: number, b: number) => p[a]![b]! > p[b]![a]!;

/**
 * The seats go tier by tier: the unbeaten among those left, again and again. Where a tier has
 * more candidates than seats left, the tie-breaking ranking (drawn only then) places them.
 */
function electByTiers(
  profile: BallotProfile,
  standing: readonly number[],
  withdrawn: ReadonlySet<number>,
  p: readonly Float64Array[],
  seats: number,
  ties: TieBreaker,
) {
  const roundTies: TieRecord[] = [];
  let tbrc: number[] | null = null;
  const tieBreakingRanking = (): number[] =>
    (tbrc ??= ties.byOrder
      ? orderByLot(standing, ties)
      : buildTbrc(profile, standing, withdrawn, ties));

  const winners: number[] = [];
  const elected: Decision[] = [];
  let left = [...standing];
  while (left.length && winners.length < seats) {
    const tier = left.filter((a) => !left.some((b) => b !== a && beats(p, b, a)));
    const room = seats - winners.length;
    let chosen = tier;
    if (tier.length > room) {
      const order = tieBreakingRanking();
      chosen = [...tier].sort((a, b) => order.indexOf(a) - order.indexOf(b)).slice(0, room);
      for (const c of chosen) {
        roundTies.push(
          ties.settled({
            round: 1,
            purpose: 'election',
            among: tier,
            chosen: c,
            method: ties.byOrder ? 'order' : 'lot',
          }),
        );
      }
    }
    for (const c of chosen) {
      winners.push(c);
      const beaten = left.filter((b) => b !== c && beats(p, c, b)).length;
      elected.push({
        candidate: c,
        code: tier.length > room ? 'TIE_BROKEN' : 'MOST_VOTES',
        reason:
          tier.length > room
            ? `tied in the Schulze order; placed by the tie-breaking ranking`
            : `unbeaten by strongest paths among those left (beats ${beaten} of them)`,
      });
    }
    left = left.filter((c) => !chosen.includes(c));
    if (tier.length > room) break;
  }
  return { winners, elected, roundTies };
}

/** With a tie order fixed in advance, the tie-breaking ranking is that order. */
function orderByLot(standing: readonly number[], ties: TieBreaker): number[] {
  const order: number[] = [];
  let pool = [...standing];
  while (pool.length) {
    const t = ties.lot(pool, 'tie-breaking ranking', 1);
    order.push(t.chosen);
    pool = pool.filter((c) => c !== t.chosen);
  }
  return order;
}

/** Schulze §5: refine ties with ballots drawn by lot, then draw what is left. */
function buildTbrc(
  profile: BallotProfile,
  standing: readonly number[],
  withdrawn: ReadonlySet<number>,
  ties: TieBreaker,
): number[] {
  const { ballots } = profile;
  // groups of still-tied candidates, in order
  let classes: number[][] = [[...standing]];
  const pool = [...Array(ballots.count).keys()].filter(
    (g) => ballots.offsets[g] !== ballots.offsets[g + 1],
  );
  const remaining = ballots.weights.slice();
  let total = pool.reduce((t, g) => t + remaining[g]!, 0);
  const random = () => ties.lotNumber();
  while (classes.some((k) => k.length > 1) && total > 0) {
    // draw one ballot paper, each paper equally likely
    let x = Math.floor(random() * total);
    let g = pool[0]!;
    for (const h of pool) {
      x -= remaining[h]!;
      if (x < 0) {
        g = h;
        break;
      }
    }
    remaining[g]! -= 1;
    total -= 1;
    const rank = new Map<number, number>();
    let position = 0;
    for (let i = ballots.offsets[g]!; i < ballots.offsets[g + 1]!; i++) {
      const v = ballots.prefs[i]!;
      const c = v < 0 ? ~v : v;
      if (withdrawn.has(c)) continue;
      if (v >= 0) position++;
      rank.set(c, position);
    }
    const r = (c: number) => rank.get(c) ?? Infinity;
    classes = classes.flatMap((k) => {
      if (k.length === 1) return [k];
      const levels = [...new Set(k.map(r))].sort((a, b) => a - b);
      return levels.map((l) => k.filter((c) => r(c) === l));
    });
  }
  const order: number[] = [];
  for (let k of classes) {
    while (k.length > 1) {
      const t = ties.lot(k, 'tie-breaking ranking', 1);
      order.push(t.chosen);
      k = k.filter((c) => c !== t.chosen);
    }
    order.push(...k);
  }
  return order;
}
