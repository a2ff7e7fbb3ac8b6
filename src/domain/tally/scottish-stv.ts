/**
 * STV under the Scottish rules.
 *
 * Source: The Scottish Local Government Elections Order 2007 (SSI 2007/42), schedule 1, rules
 * 45 to 52 (the counting rules), as in force for the elections of 3 May 2007. Checked stage by
 * stage against Droop's "scotland" rule (github.com/jklundell/droop, droop/rules/scotland.py).
 *
 * Terms (rule numbers in brackets):
 * - Quota [46]: the number of valid ballot papers divided by one more than the seats, ignoring
 *   any decimal places, plus one: ⌊V / (S + 1)⌋ + 1.
 * - A candidate whose votes equal or exceed the quota at any stage is elected [47].
 * - Surplus [48]: votes above the quota. ALL the elected candidate's papers are transferred
 *   (weighted inclusive Gregory), each at transfer value = surplus × value of the paper ÷ the
 *   candidate's total votes, to five decimal places, any remainder ignored (truncated). The
 *   value lost to truncation is the residue. The candidate keeps exactly the quota.
 * - Largest surplus first [49(1)]; equal surpluses: the candidate with more votes at the most
 *   recent preceding stage where they differed, else by lot [49(2), (3)].
 * - Exclusion [50]: with no surplus to transfer, the candidate with the fewest votes is
 *   excluded and all their papers pass on at the value they arrived with. Ties: fewest votes at
 *   the most recent preceding stage where they differed, else by lot [51]. Where several are
 *   tied and an earlier stage separates only some of them, the tie is narrowed to those lowest
 *   there and the look-back continues (as Droop does).
 * - Continuing candidate: neither elected nor excluded; only continuing candidates receive
 *   transfers. A paper with no further continuing candidate is non-transferable.
 * - Last vacancies [52]: when continuing candidates are no more than the vacancies left, they
 *   are all elected, and no further transfer is made.
 *
 * A candidate elected with exactly the quota has a surplus of nil; like Droop, the count still
 * takes a stage to "transfer" it (every paper moves on at value 0), which changes no votes.
 * Arithmetic is exact: values are units of 0.00001 in integers, totals below 2^53.
 */
import { DomainError } from '../errors.ts';
import { requireStrictRankings, seatsFor, strictRankings } from './ballots.ts';
import { assertExact, mulDivUnits } from './fixed.ts';
import {
  byVotesDescending,
  ELECTED,
  EXCLUDED,
  HOPEFUL,
  Piles,
  StageRecorder,
  WITHDRAWN,
} from './count-sheet.ts';
import { narrowByStages, TieBreaker } from './ties.ts';
import {
  blocksReservation,
  checkReservations,
  excludedForReservations,
  protectedFromExclusion,
  type Reservation,
} from './reserved-seats.ts';
import type { BallotProfile, CountOptions, Decision, TallyResult, TieRecord } from './types.ts';

export const SCOTTISH_PLACES = 5;

export interface StvOptions extends CountOptions {
  /** Seats reserved to groups of candidates (see reserved-seats.ts). */
  readonly reserved?: readonly Reservation[];
}

export function countScottishStv(profile: BallotProfile, options: StvOptions = {}): TallyResult {
  requireStrictRankings(profile, 'Scottish STV');
  const seats = seatsFor(profile, options.seats);
  const reserved = options.reserved ?? [];
  checkReservations(reserved, seats, profile.candidates.length);
  const places = SCOTTISH_PLACES;
  const ONE = 10 ** places;
  const n = profile.candidates.length;
  const { prefs, offsets, weights, count: groups } = strictRankings(profile);
  // a paper with no preference for a standing candidate is void: not a valid vote (rule 45(3))
  let blank = 0;
  for (let g = 0; g < groups; g++) if (offsets[g] === offsets[g + 1]) blank += weights[g]!;
  const papers = profile.ballots.total - blank;
  if (!Number.isInteger(papers)) {
    throw new DomainError(
      'UNSUPPORTED_METHOD_OPTION',
      'Scottish STV counts whole ballot papers only',
    );
  }
  assertExact(papers * ONE, 'the number of ballot papers');
  const quota = (Math.floor(papers / (seats + 1)) + 1) * ONE;

  const status = new Uint8Array(n);
  for (const w of profile.withdrawn) status[w] = WITHDRAWN;
  const votes = new Float64Array(n);
  const value = new Float64Array(groups).fill(ONE);
  const pos = new Int32Array(groups); // index into prefs of the group's current candidate
  const piles = new Piles(n);
  let exhausted = 0;
  let residue = 0;
  const ties = new TieBreaker(profile, options);
  const sheet = new StageRecorder(places, n);
  const winners: number[] = [];
  let pending: number[] = []; // elected, surplus not yet transferred

  // rule 45: first preferences
  for (let g = 0; g < groups; g++) {
    const start = offsets[g]!;
    pos[g] = start;
    if (start === offsets[g + 1]) continue; // void
    const c = prefs[start]!;
    votes[c]! += weights[g]! * ONE;
    piles.push(c, g);
  }

  const hopefuls = (): number[] => {
    const out: number[] = [];
    for (let c = 0; c < n; c++) if (status[c] === HOPEFUL) out.push(c);
    return out;
  };
  const seatsLeft = () => seats - winners.length;

  /** rule 47: elect everyone at or over the quota, highest first. */
  const electWithQuota = (): Decision[] => {
    const reached = hopefuls().filter((c) => votes[c]! >= quota);
    const decisions: Decision[] = [];
    for (const c of byVotesDescending(reached, votes)) {
      if (blocksReservation(reserved, winners, seatsLeft(), c)) continue; // waits; see reserved-seats.ts
      status[c] = ELECTED;
      winners.push(c);
      pending.push(c);
      decisions.push({
        candidate: c,
        code: 'QUOTA_REACHED',
        reason: `${sheet.fmt(votes[c]!)} votes reached the quota of ${sheet.fmt(quota)}`,
      });
    }
    return decisions;
  };

  /** Move each group on to its next continuing candidate at `newValue(value)`. */
  const passOn = (taken: Int32Array, newValue: (v: number) => number): number => {
    let moved = 0;
    for (let i = 0; i < taken.length; i++) {
      const g = taken[i]!;
      const v = newValue(value[g]!);
      value[g] = v;
      const w = weights[g]!;
      const end = offsets[g + 1]!;
      let p = pos[g]! + 1;
      while (p < end && status[prefs[p]!] !== HOPEFUL) p++;
      pos[g] = p;
      const units = w * v;
      moved += units;
      if (p < end) {
        const c = prefs[p]!;
        votes[c]! += units;
        piles.push(c, g);
      } else exhausted += units;
    }
    return moved;
  };

  const complete = () => seatsLeft() <= 0 || hopefuls().length <= seatsLeft();

  let elected = electWithQuota();
  sheet.record({
    kind: 'first-count',
    description: 'First preferences',
    votes,
    status,
    quota,
    exhausted,
    residue,
    elected,
  });

  while (!complete()) {
    const stage = sheet.rounds.length + 1;
    const stageTies: TieRecord[] = [];
    const forReserved = excludedForReservations(reserved, winners, seatsLeft(), hopefuls());
    if (forReserved) {
      // the seats left are all reserved: exclude everyone who cannot fill them, in one stage
      const excluded: Decision[] = forReserved.candidates.map((c) => ({
        candidate: c,
        code: 'RESERVED_SEATS',
        reason: `the ${seatsLeft()} seat(s) left are reserved for ${forReserved.group}`,
      }));
      for (const c of forReserved.candidates) status[c] = EXCLUDED;
      pending = pending.filter((c) => status[c] === ELECTED);
      for (const c of forReserved.candidates) {
        passOn(piles.take(c), (v) => v);
        votes[c] = 0;
      }
      elected = complete() ? [] : electWithQuota();
      sheet.record({
        kind: 'exclusion',
        description: `Exclusion of ${forReserved.candidates.map((c) => profile.candidates[c]).join(', ')} (reserved seats)`,
        from: forReserved.candidates,
        votes,
        status,
        quota,
        exhausted,
        residue,
        elected,
        excluded,
        ties: stageTies,
      });
      continue;
    }
    if (pending.length > 0) {
      // rules 48, 49: the largest surplus first
      const top = Math.max(...pending.map((c) => votes[c]!));
      const tied = pending.filter((c) => votes[c] === top).sort((a, b) => a - b);
      const x = settleTie(tied, 'highest', 'surplus order', stage, sheet, ties, stageTies);
      pending = pending.filter((c) => c !== x);
      const total = votes[x]!;
      const surplus = total - quota;
      const cache = new Map<number, number>();
      const tv = (v: number) => {
        let r = cache.get(v);
        if (r === undefined) {
          r = mulDivUnits(v, surplus, total, 'down'); // rule 48(3): to 5 places, remainder ignored
          cache.set(v, r);
        }
        return r;
      };
      const moved = passOn(piles.take(x), tv);
      votes[x] = quota;
      residue += surplus - moved;
      elected = electWithQuota();
      sheet.record({
        kind: 'surplus',
        description: `Transfer of the surplus of ${profile.candidates[x]}`,
        from: [x],
        surplus,
        transferValue: tv(ONE),
        votes,
        status,
        quota,
        exhausted,
        residue,
        elected,
        ties: stageTies,
      });
    } else {
      // rules 50, 51: exclude the lowest
      const all = hopefuls();
      const open = all.filter((c) => !protectedFromExclusion(reserved, winners, all, c));
      const hs = open.length ? open : all;
      const low = Math.min(...hs.map((c) => votes[c]!));
      const tied = hs.filter((c) => votes[c] === low);
      const x = settleTie(tied, 'lowest', 'exclusion', stage, sheet, ties, stageTies);
      status[x] = EXCLUDED;
      const excluded: Decision[] = [
        {
          candidate: x,
          code: 'LOWEST_VOTE',
          reason:
            tied.length > 1
              ? `lowest with ${sheet.fmt(low)} votes, tied and chosen by ${describeTie(stageTies.at(-1))}`
              : `lowest with ${sheet.fmt(low)} votes`,
        },
      ];
      passOn(piles.take(x), (v) => v);
      votes[x] = 0;
      // if that leaves no more continuing candidates than vacancies, rule 52 fills them below
      elected = complete() ? [] : electWithQuota();
      sheet.record({
        kind: 'exclusion',
        description: `Exclusion of ${profile.candidates[x]}`,
        from: [x],
        votes,
        status,
        quota,
        exhausted,
        residue,
        elected,
        excluded,
        ties: stageTies,
      });
    }
  }

  // rule 52: fill the last vacancies; everyone else is not elected
  const remainingElected: Decision[] = [];
  const remainingExcluded: Decision[] = [];
  const left = hopefuls();
  if (left.length <= seatsLeft()) {
    for (const c of left) {
      status[c] = ELECTED;
      winners.push(c);
      remainingElected.push({
        candidate: c,
        code: 'LAST_VACANCIES',
        reason: 'continuing candidates no more than the vacancies left (rule 52)',
      });
    }
  } else {
    for (const c of left) {
      status[c] = EXCLUDED;
      remainingExcluded.push({
        candidate: c,
        code: 'SEATS_FILLED',
        reason: 'every seat has been filled',
      });
    }
  }
  sheet.amendLast({ status, elected: remainingElected, excluded: remainingExcluded });

  return {
    method: 'scottish-stv',
    title: profile.title,
    seats,
    candidates: profile.candidates,
    precision: places,
    quota: sheet.fmt(quota),
    ballots: papers,
    blank,
    winners,
    winnerVotes: winners.map((c) => sheet.fmt(votes[c]!)),
    rounds: sheet.rounds,
    exhausted: sheet.fmt(exhausted),
    residue: sheet.fmt(residue),
    ties: ties.records,
    seed: ties.seed,
  };
}

/** Rules 49(2)-(3) and 51: look back through earlier stages, most recent first, then by lot. */
function settleTie(
  tied: number[],
  pick: 'lowest' | 'highest',
  purpose: string,
  stage: number,
  sheet: StageRecorder,
  ties: TieBreaker,
  out: TieRecord[],
): number {
  if (tied.length === 1) return tied[0]!;
  const back = [...sheet.history].reverse();
  const { left, decidedAt } = narrowByStages(tied, back, pick);
  if (decidedAt >= 0) {
    const record = ties.settled({
      round: stage,
      purpose,
      among: tied,
      chosen: left[0]!,
      method: 'earlier-stage',
      stage: sheet.history.length - decidedAt,
    });
    out.push(record);
    return record.chosen;
  }
  const record = ties.lot(left, purpose, stage, tied);
  out.push(record);
  return record.chosen;
}

export function describeTie(t: TieRecord | undefined): string {
  if (!t) return 'tie-break';
  switch (t.method) {
    case 'earlier-stage':
      return `the votes at stage ${t.stage}`;
    case 'later-stage':
      return `the votes at stage ${t.stage}`;
    case 'order':
      return 'the tie order fixed before the count';
    case 'lot':
      return `lot (draw ${t.draw})`;
  }
}
