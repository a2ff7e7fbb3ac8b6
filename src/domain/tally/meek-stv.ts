/**
 * STV by Meek's method, as the Proportional Representation Foundation's reference rule.
 *
 * Sources: I. D. Hill, B. A. Wichmann and D. R. Woodall, "Algorithm 123: Single Transferable
 * Vote by Meek's method", The Computer Journal 30(3), 1987; the PR Foundation's "Reference Meek
 * Rule" (prfound.org/resources/reference/reference-meek-rule), which fixes the arithmetic:
 * 9 decimal places, omega 0.000001. Checked against Droop's "meek-prf" rule report by report.
 *
 * Terms (the rule's step letters in brackets):
 * - Keep factor kf: the share of a vote reaching a candidate that the candidate keeps; 1 for a
 *   hopeful candidate, 0 for a defeated or withdrawn one, and between for an elected one [A].
 * - Distribution [B.2.a]: each ballot starts with weight w = 1; each candidate in order keeps
 *   w × kf (to 9 places, rounded up) and passes the rest on, until w is 0 or the ranking ends.
 *   Weight left at the end of a ranking is non-transferable (Droop's "residual").
 * - Quota [B.2.b]: the votes held by hopeful and elected candidates ÷ (seats + 1), truncated to
 *   9 places, plus 0.000000001. It is recomputed at every iteration.
 * - Election [B.2.c]: hopeful candidates with votes ≥ quota are elected (which ends the round).
 * - Surplus s [B.2.d]: Σ (votes − quota) over the elected, not below 0.
 * - Iteration ends [B.2.e] when s < omega (0.000001) or s stops falling ("stable"); otherwise
 *   [B.2.f] each elected kf ← kf × quota (rounded up) ÷ votes (rounded up) and repeat.
 * - Defeat [B.3]: the hopeful candidate with the fewest votes; every hopeful candidate within s
 *   of the lowest counts as tied [T], settled by lot (or a tie order fixed in advance).
 * - Count complete [C]: when elected + hopeful ≤ seats, or every seat is filled: elect or defeat
 *   the rest.
 * Equal rankings are refused (the reference rule has none).
 */
import { requireStrictRankings, seatsFor } from './ballots.ts';
import { assertExact, divRound, fractionMultiplier } from './fixed.ts';
import { ELECTED, EXCLUDED, HOPEFUL, StageRecorder, WITHDRAWN } from './count-sheet.ts';
import { rankingTree } from './ranking-tree.ts';
import { TieBreaker } from './ties.ts';
import type { BallotProfile, CountOptions, Decision, TallyResult, TieRecord } from './types.ts';

export const MEEK_PLACES = 9;

export interface MeekOptions extends CountOptions {
  /** Stop iterating when the total surplus is below this many units of 10^-9 (default 1000). */
  readonly omegaUnits?: number;
  /** A safety net against a count that never settles (the rule itself always terminates). */
  readonly maxIterations?: number;
}

export function countMeekStv(profile: BallotProfile, options: MeekOptions = {}): TallyResult {
  requireStrictRankings(profile, 'Meek STV');
  const seats = seatsFor(profile, options.seats);
  const places = MEEK_PLACES;
  const ONE = 10 ** places;
  const omega = options.omegaUnits ?? 1000;
  const maxIterations = options.maxIterations ?? 100_000;
  const n = profile.candidates.length;
  // the distribution walks the ranking tree (see ranking-tree.ts): a node's papers all carry
  // the same weight on to its children, so each prefix is worked out once, not once a paper
  const { nodes, candidate, parent, size, through, ends } = rankingTree(profile);
  const mulUp = fractionMultiplier(places);
  const carried = new Float64Array(nodes); // weight each paper carries past a node's candidate

  const blank = ends[0]!;
  const papers = profile.ballots.total - blank;
  assertExact(papers * ONE, 'the number of ballot papers');

  const status = new Uint8Array(n);
  const kf = new Float64Array(n).fill(ONE);
  for (const w of profile.withdrawn) {
    status[w] = WITHDRAWN;
    kf[w] = 0;
  }
  const votes = new Float64Array(n);
  const ties = new TieBreaker(profile, options);
  const sheet = new StageRecorder(places, n);
  const winners: number[] = [];
  const seatsLeft = () => seats - winners.length;
  const count = (s: number) => status.reduce((k, x) => k + (x === s ? 1 : 0), 0);
  const fmt = (u: number) => sheet.fmt(u);

  let residual = 0;
  /** B.2.a: distribute every ballot by the keep factors; returns the non-transferable total. */
  const distribute = () => {
    votes.fill(0);
    let lost = 0;
    carried[0] = ONE;
    for (let i = 1; i < nodes;) {
      const c = candidate[i]!;
      const k = kf[c]!;
      const w = carried[parent[i]!]!;
      if (k === ONE) {
        // a hopeful candidate keeps all: nothing passes further down this subtree
        votes[c]! += w * through[i]!;
        i += size[i]!;
        continue;
      }
      const keep = k === 0 ? 0 : mulUp(w, k, 'up');
      if (keep !== 0) votes[c]! += keep * through[i]!;
      const rest = w - keep;
      if (rest <= 0) {
        i += size[i]!;
        continue;
      }
      carried[i] = rest;
      lost += rest * ends[i]!;
      i++;
    }
    residual = lost;
  };
  const liveVotes = () => {
    let t = 0;
    for (let c = 0; c < n; c++) if (status[c] === HOPEFUL || status[c] === ELECTED) t += votes[c]!;
    return t;
  };
  const quotaOf = (total: number) => Math.floor(total / (seats + 1)) + 1; // truncated, plus 1 unit

  // first count, for the record
  distribute();
  let quota = quotaOf(papers * ONE);
  let surplus = 0;
  sheet.record({
    kind: 'first-count',
    description: 'First preferences',
    votes,
    status,
    quota,
    exhausted: residual,
    residue: 0,
    extra: { keepFactors: Array.from(kf, fmt), surplus: fmt(0), iterations: 0 },
  });

  let totalIterations = 0;
  while (count(HOPEFUL) > seatsLeft() && seatsLeft() > 0) {
    const stage = sheet.rounds.length + 1;
    let stop: 'elected' | 'omega' | 'stable';
    let lastSurplus = papers * ONE;
    const surpluses: string[] = [];
    const elected: Decision[] = [];
    let iterations = 0;
    for (;;) {
      iterations++;
      if (++totalIterations > maxIterations) throw new Error('Meek count did not converge');
      distribute();
      quota = quotaOf(liveVotes());
      for (let c = 0; c < n; c++) {
        if (status[c] === HOPEFUL && votes[c]! >= quota) {
          status[c] = ELECTED;
          winners.push(c);
          elected.push({
            candidate: c,
            code: 'QUOTA_REACHED',
            reason: `${fmt(votes[c]!)} votes reached the quota of ${fmt(quota)}`,
          });
        }
      }
      surplus = 0;
      for (let c = 0; c < n; c++) if (status[c] === ELECTED) surplus += votes[c]! - quota;
      if (surplus < 0) surplus = 0;
      surpluses.push(fmt(surplus));
      if (elected.length > 0) {
        stop = 'elected';
        break;
      }
      if (surplus < omega) {
        stop = 'omega';
        break;
      }
      if (surplus >= lastSurplus) {
        stop = 'stable';
        break;
      }
      lastSurplus = surplus;
      // B.2.f: new keep factors, kf × quota ÷ votes, each step rounded up
      for (let c = 0; c < n; c++) {
        if (status[c] !== ELECTED) continue;
        const kq = divRound(BigInt(kf[c]!) * BigInt(quota), BigInt(ONE), 'up');
        kf[c] = Number(divRound(kq * BigInt(ONE), BigInt(votes[c]!), 'up'));
      }
    }
    const roundVotes = Float64Array.from(votes);
    const extra = {
      keepFactors: Array.from(kf, fmt),
      surplus: fmt(surplus),
      iterations,
      iterationSurpluses: surpluses,
      stop,
    };
    if (stop === 'elected') {
      elected.sort(
        (a, b) => votes[b.candidate]! - votes[a.candidate]! || a.candidate - b.candidate,
      );
      sheet.record({
        kind: 'iteration',
        description: `Election of ${elected.map((d) => profile.candidates[d.candidate]).join(', ')}`,
        votes: roundVotes,
        status,
        quota,
        exhausted: residual,
        residue: 0,
        elected,
        extra,
      });
      continue;
    }
    // B.3: defeat the lowest; anyone within the surplus of the lowest is tied with them
    const hopeful = [...Array(n).keys()].filter((c) => status[c] === HOPEFUL);
    const low = Math.min(...hopeful.map((c) => votes[c]!));
    const tied = hopeful.filter((c) => votes[c]! <= low + surplus);
    const stageTies: TieRecord[] = [];
    let x = tied[0]!;
    if (tied.length > 1) {
      const t = ties.lot(tied, 'exclusion', stage);
      stageTies.push(t);
      x = t.chosen;
    }
    status[x] = EXCLUDED;
    kf[x] = 0;
    const why =
      stop === 'omega'
        ? `lowest with ${fmt(votes[x]!)} votes once the surplus (${fmt(surplus)}) was below omega`
        : `lowest with ${fmt(votes[x]!)} votes once the surplus (${fmt(surplus)}) stopped falling`;
    sheet.record({
      kind: 'iteration',
      description: `Exclusion of ${profile.candidates[x]}`,
      from: [x],
      votes: roundVotes,
      status,
      quota,
      exhausted: residual,
      residue: 0,
      excluded: [
        {
          candidate: x,
          code: 'LOWEST_VOTE',
          reason: tied.length > 1 ? `${why}; tied, chosen by ${stageTies[0]!.method}` : why,
        },
      ],
      ties: stageTies,
      extra: { ...extra, keepFactors: Array.from(kf, fmt) },
    });
    votes[x] = 0;
  }

  // C: elect or defeat the rest
  const restElected: Decision[] = [];
  const restExcluded: Decision[] = [];
  for (let c = 0; c < n; c++) {
    if (status[c] !== HOPEFUL) continue;
    if (winners.length < seats) {
      status[c] = ELECTED;
      winners.push(c);
      restElected.push({
        candidate: c,
        code: 'LAST_VACANCIES',
        reason: 'hopeful candidates no more than the seats left',
      });
    } else {
      status[c] = EXCLUDED;
      kf[c] = 0;
      restExcluded.push({
        candidate: c,
        code: 'SEATS_FILLED',
        reason: 'every seat has been filled',
      });
    }
  }
  sheet.amendLast({ status, elected: restElected, excluded: restExcluded });

  return {
    method: 'meek-stv',
    title: profile.title,
    seats,
    candidates: profile.candidates,
    precision: places,
    quota: sheet.rounds[0]!.quota,
    ballots: papers,
    blank,
    winners,
    winnerVotes: winners.map((c) => fmt(votes[c]!)),
    rounds: sheet.rounds,
    exhausted: sheet.rounds[sheet.rounds.length - 1]!.exhausted,
    residue: fmt(0),
    ties: ties.records,
    seed: ties.seed,
  };
}
