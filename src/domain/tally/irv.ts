/**
 * Instant-runoff voting (the alternative vote): a single winner.
 *
 * Source: the rule as used for UK party leadership ballots and the 2011 UK referendum's
 * proposed "alternative vote" (Parliamentary Voting System and Constituencies Act 2011,
 * schedule 10 rules 11-18), without the surplus or quota machinery of STV.
 *
 * Terms:
 * - Continuing votes: ballot papers whose highest-ranked continuing candidate exists; papers
 *   with none left are non-transferable (exhausted) and no longer count.
 * - A candidate with more than half of the continuing votes is elected (MAJORITY). When only
 *   one candidate is left, that candidate is elected.
 * - Otherwise the candidate with the fewest votes is excluded, and each of their papers passes
 *   at full value to its next continuing preference. A tie for fewest is settled by the votes at
 *   the most recent earlier round where the tied candidates differed, then by lot.
 * Equal rankings are refused.
 */
import { DomainError } from '../errors.ts';
import { requireStrictRankings, strictRankings, checkSeats } from './ballots.ts';
import { ELECTED, EXCLUDED, HOPEFUL, Piles, StageRecorder, WITHDRAWN } from './count-sheet.ts';
import { narrowByStages, TieBreaker } from './ties.ts';
import type { BallotProfile, CountOptions, Decision, TallyResult, TieRecord } from './types.ts';

export function countIrv(profile: BallotProfile, options: CountOptions = {}): TallyResult {
  requireStrictRankings(profile, 'IRV');
  if (options.seats !== undefined && options.seats !== 1) {
    throw new DomainError(
      'UNSUPPORTED_METHOD_OPTION',
      'IRV elects one candidate; use an STV rule for several seats',
    );
  }
  checkSeats(1, profile.candidates.length);
  const n = profile.candidates.length;
  const { prefs, offsets, weights, count: groups } = strictRankings(profile);
  const status = new Uint8Array(n);
  for (const w of profile.withdrawn) status[w] = WITHDRAWN;
  const votes = new Float64Array(n);
  const pos = new Int32Array(groups);
  const piles = new Piles(n);
  let blank = 0;
  let exhausted = 0;
  for (let g = 0; g < groups; g++) {
    pos[g] = offsets[g]!;
    if (offsets[g] === offsets[g + 1]) {
      blank += weights[g]!;
      continue;
    }
    const c = prefs[offsets[g]!]!;
    votes[c]! += weights[g]!;
    piles.push(c, g);
  }
  const ties = new TieBreaker(profile, options);
  const sheet = new StageRecorder(0, n);
  const hopeful = () => [...Array(n).keys()].filter((c) => status[c] === HOPEFUL);
  let winner = -1;
  let excluded: Decision[] = [];
  let from: number[] | undefined;
  let roundTies: TieRecord[] = [];
  for (;;) {
    const hs = hopeful();
    const continuing = hs.reduce((t, c) => t + votes[c]!, 0);
    const top = hs.length ? hs.reduce((a, b) => (votes[b]! > votes[a]! ? b : a)) : -1;
    const elected: Decision[] = [];
    if (top >= 0 && (votes[top]! * 2 > continuing || hs.length === 1)) {
      winner = top;
      status[top] = ELECTED;
      elected.push({
        candidate: top,
        code: hs.length === 1 ? 'LAST_VACANCIES' : 'MAJORITY',
        reason:
          hs.length === 1
            ? 'the only continuing candidate'
            : `${votes[top]} of ${continuing} continuing votes, more than half`,
      });
      for (const c of hopeful()) status[c] = EXCLUDED;
    }
    const stage = sheet.rounds.length + 1;
    sheet.record({
      kind: stage === 1 ? 'first-count' : 'exclusion',
      description:
        stage === 1
          ? 'First preferences'
          : `Exclusion of ${excluded.map((d) => profile.candidates[d.candidate]).join(', ')}`,
      ...(from ? { from } : {}),
      votes,
      status,
      quota: null,
      exhausted,
      residue: 0,
      elected,
      excluded,
      ties: roundTies,
      extra: { continuing },
    });
    if (winner >= 0 || hs.length === 0) break;
    // exclude the lowest
    const low = Math.min(...hs.map((c) => votes[c]!));
    const tied = hs.filter((c) => votes[c] === low);
    roundTies = [];
    let x = tied[0]!;
    if (tied.length > 1) {
      const { left, decidedAt } = narrowByStages(tied, [...sheet.history].reverse(), 'lowest');
      const t =
        decidedAt >= 0
          ? ties.settled({
              round: stage + 1,
              purpose: 'exclusion',
              among: tied,
              chosen: left[0]!,
              method: 'earlier-stage',
              stage: sheet.history.length - decidedAt,
            })
          : ties.lot(left, 'exclusion', stage + 1, tied);
      roundTies.push(t);
      x = t.chosen;
    }
    status[x] = EXCLUDED;
    excluded = [
      {
        candidate: x,
        code: 'LOWEST_VOTE',
        reason: `lowest with ${low} votes${tied.length > 1 ? ' (tie broken)' : ''}`,
      },
    ];
    from = [x];
    const taken = piles.take(x);
    for (let i = 0; i < taken.length; i++) {
      const g = taken[i]!;
      const end = offsets[g + 1]!;
      let p = pos[g]! + 1;
      while (p < end && status[prefs[p]!] !== HOPEFUL) p++;
      pos[g] = p;
      if (p < end) {
        votes[prefs[p]!]! += weights[g]!;
        piles.push(prefs[p]!, g);
      } else exhausted += weights[g]!;
    }
    votes[x] = 0;
  }
  return {
    method: 'irv',
    title: profile.title,
    seats: 1,
    candidates: profile.candidates,
    precision: 0,
    quota: null,
    ballots: profile.ballots.total - blank,
    blank,
    winners: winner >= 0 ? [winner] : [],
    winnerVotes: winner >= 0 ? [String(votes[winner])] : [],
    rounds: sheet.rounds,
    exhausted: String(exhausted),
    residue: '0',
    ties: ties.records,
    seed: ties.seed,
  };
}
