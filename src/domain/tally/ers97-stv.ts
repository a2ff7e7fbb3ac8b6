/**
 * STV under the Electoral Reform Society's 1997 rules (ERS97).
 *
 * Source: Electoral Reform Society, "How to conduct an election by the Single Transferable
 * Vote", 3rd edition (1997), sections 5.1-5.6, as reproduced in OpenSTV's ERS97 plugin
 * (OpenTechStrategies/openstv, MethodPlugins/ERS97STV.py, validated there against eSTV).
 *
 * Terms (paragraph numbers in brackets):
 * - Values are kept to two decimal places [5.1.6, 5.3.7].
 * - Quota: total valid vote ÷ (places + 1) to two decimals; if not exact, the remainder is
 *   ignored and 0.01 added (that is, rounded up) [5.1.6]. If papers become non-transferable
 *   before anyone is elected, the quota is recalculated without them [5.4.8].
 * - Deemed elected: a continuing candidate with the quota, or with the total active vote ÷
 *   (places not yet filled + 1), in descending order of votes [5.1.7, 5.3.13, 5.4.9]. Total
 *   active vote: the total valid vote less the quotas (or votes, if less) of those elected and
 *   the non-transferable votes [5.6.1]. Equal votes with too few places: the earliest point of
 *   the count where they differed decides; equal throughout, none is elected at that stage
 *   [5.6.2].
 * - Surplus: the largest is transferred first; surpluses are deferred while their total could
 *   not change the order at the bottom [5.2.2]. Ties: the earliest point where they differed
 *   (looking forward from the first stage), then lot [5.2.3].
 * - Transfer of a surplus: all papers if elected at the first stage, otherwise only the last
 *   batch received, which gave rise to the surplus [5.3.1-2]. Transfer value: the surplus ÷
 *   the number of transferable papers, to two decimals, remainder ignored, unless their value
 *   is no more than the surplus, in which case each keeps its present value [5.3.7]. The
 *   neglected remainder is the "non-transferable difference" (reported here as residue).
 * - Exclusion: as many of the lowest candidates together as can be while enough remain to
 *   fill the places and their votes, with any deferred surpluses, do not exceed the next
 *   candidate's [5.2.5]; ties for lowest: the earliest point where they differed, then lot.
 *   Their papers move in batches by descending transfer value, with candidates deemed elected
 *   after each batch receiving no more [5.4].
 * - Completion: when continuing candidates equal the places left they are elected; when the
 *   places are filled the rest are excluded [5.5].
 * A "point" of the count, for ties, is the end of the first stage or of any batch transfer.
 */
import { DomainError } from '../errors.ts';
import { requireStrictRankings, seatsFor, strictRankings } from './ballots.ts';
import { assertExact } from './fixed.ts';
import { ELECTED, EXCLUDED, HOPEFUL, StageRecorder, WITHDRAWN } from './count-sheet.ts';
import { narrowByStages, TieBreaker } from './ties.ts';
import type { BallotProfile, CountOptions, Decision, TallyResult, TieRecord } from './types.ts';

export const ERS97_PLACES = 2;

interface Batch {
  readonly groups: number[];
}

export function countErs97Stv(profile: BallotProfile, options: CountOptions = {}): TallyResult {
  requireStrictRankings(profile, 'ERS97 STV');
  const seats = seatsFor(profile, options.seats);
  const ONE = 100;
  const n = profile.candidates.length;
  const { prefs, offsets, weights, count: groups } = strictRankings(profile);
  let blank = 0;
  for (let g = 0; g < groups; g++) if (offsets[g] === offsets[g + 1]) blank += weights[g]!;
  const papers = profile.ballots.total - blank;
  if (!Number.isInteger(papers))
    throw new DomainError('UNSUPPORTED_METHOD_OPTION', 'ERS97 STV counts whole papers only');
  const total = papers * ONE;
  assertExact(total, 'the number of ballot papers');

  const status = new Uint8Array(n);
  for (const w of profile.withdrawn) status[w] = WITHDRAWN;
  const votes = new Float64Array(n);
  const value = new Float64Array(groups).fill(ONE);
  const pos = new Int32Array(groups);
  const batches: Batch[][] = Array.from({ length: n }, () => []);
  const lastBatch: (Batch | null)[] = Array(n).fill(null);
  const electedAtFirst = new Uint8Array(n);
  const transferred = new Uint8Array(n); // surplus already dealt with
  let exhausted = 0;
  let residue = 0;
  const points: Float64Array[] = []; // votes after the first stage and after every batch
  const ties = new TieBreaker(profile, options);
  const sheet = new StageRecorder(ERS97_PLACES, n);
  const fmt = (u: number) => sheet.fmt(u);
  const winners: number[] = [];
  const hopeful = () => [...Array(n).keys()].filter((c) => status[c] === HOPEFUL);
  const seatsLeft = () => seats - winners.length;
  const quotaFor = (valid: number) => Math.ceil(valid / (seats + 1));

  // 5.1: first stage
  const first: Batch[] = Array.from({ length: n }, () => ({ groups: [] }));
  for (let g = 0; g < groups; g++) {
    pos[g] = offsets[g]!;
    if (offsets[g] === offsets[g + 1]) continue;
    const c = prefs[offsets[g]!]!;
    votes[c]! += weights[g]! * ONE;
    first[c]!.groups.push(g);
  }
  for (let c = 0; c < n; c++) if (first[c]!.groups.length) batches[c]!.push(first[c]!);
  let quota = quotaFor(total);
  points.push(Float64Array.from(votes));

  /** The earliest point where the tied candidates differed (5.2.3, 5.2.5, 5.6.2). */
  const lookForward = (tied: number[], pick: 'lowest' | 'highest') =>
    narrowByStages(tied, points, pick);

  const activeVote = () => {
    let v = total - exhausted - residue;
    for (const c of winners) v -= Math.min(quota, votes[c]!);
    return v;
  };

  /** 5.1.7 / 5.3.13 / 5.4.9: deem elected, highest first. */
  const electReached = (stage: number, out: Decision[], stageTies: TieRecord[]) => {
    for (;;) {
      const left = seatsLeft();
      if (left <= 0) return;
      const threshold = Math.min(quota, activeVote() / (left + 1));
      const reached = hopeful().filter((c) => votes[c]! >= threshold);
      if (reached.length === 0) return;
      reached.sort((a, b) => votes[b]! - votes[a]! || a - b);
      let chosen: number[];
      if (reached.length <= left) chosen = reached;
      else {
        // 5.6.2: too few places for all who reached; equal votes at the boundary
        const cut = votes[reached[left - 1]!]!;
        const sure = reached.filter((c) => votes[c]! > cut);
        const level = reached.filter((c) => votes[c] === cut);
        const room = left - sure.length;
        const { left: best, decidedAt } = lookForward(level, 'highest');
        if (decidedAt < 0 || best.length > room) {
          chosen = sure; // equal at all points: none of them at this stage
        } else {
          stageTies.push(
            ties.settled({
              round: stage,
              purpose: 'election',
              among: level,
              chosen: best[0]!,
              method: 'later-stage',
              stage: decidedAt + 1,
            }),
          );
          chosen = [...sure, best[0]!];
        }
        if (chosen.length === 0) return;
      }
      for (const c of chosen) {
        status[c] = ELECTED;
        winners.push(c);
        if (stage === 1) electedAtFirst[c] = 1;
        out.push({
          candidate: c,
          code: 'QUOTA_REACHED',
          reason:
            votes[c]! >= quota
              ? `${fmt(votes[c]!)} votes reached the quota of ${fmt(quota)}`
              : `${fmt(votes[c]!)} votes reached the total active vote ÷ (places left + 1)`,
        });
      }
    }
  };

  /** Move groups to their next continuing preference at `tv` (or their own value); returns new batches. */
  const move = (gs: readonly number[], tv: ((g: number) => number) | null) => {
    const received = new Map<number, Batch>();
    let moved = 0;
    let lost = 0;
    for (const g of gs) {
      const end = offsets[g + 1]!;
      let p = pos[g]! + 1;
      while (p < end && status[prefs[p]!] !== HOPEFUL) p++;
      pos[g] = p;
      const v = tv ? tv(g) : value[g]!;
      value[g] = v;
      const units = v * weights[g]!;
      if (p < end) {
        const c = prefs[p]!;
        votes[c]! += units;
        let b = received.get(c);
        if (!b) received.set(c, (b = { groups: [] }));
        b.groups.push(g);
        moved += units;
      } else lost += units;
    }
    for (const [c, b] of received) {
      batches[c]!.push(b);
      // the batch that brings a candidate over the quota is the one whose surplus moves on
      lastBatch[c] = b;
    }
    return { moved, lost };
  };

  const nextOnPaper = (g: number) => {
    const end = offsets[g + 1]!;
    let p = pos[g]! + 1;
    while (p < end && status[prefs[p]!] !== HOPEFUL) p++;
    return p < end;
  };

  let elected: Decision[] = [];
  electReached(1, elected, []);
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

  while (seatsLeft() > 0) {
    const stage = sheet.rounds.length + 1;
    const stageTies: TieRecord[] = [];
    const cont = hopeful();
    if (cont.length <= seatsLeft()) break;
    const withSurplus = winners.filter((c) => !transferred[c] && votes[c]! > quota);
    const deferred = withSurplus.reduce((t, c) => t + votes[c]! - quota, 0);
    const sorted = [...cont].sort((a, b) => votes[a]! - votes[b]! || a - b);

    // 5.2.5: how many of the lowest could go together
    const bulk = (extra: number): number => {
      let best = 0;
      let sum = 0;
      for (let k = 1; k < sorted.length; k++) {
        sum += votes[sorted[k - 1]!]!;
        if (cont.length - k < seatsLeft()) break;
        if (sum + extra <= votes[sorted[k]!]! && votes[sorted[k - 1]!]! < votes[sorted[k]!]!)
          best = k;
      }
      return best;
    };

    if (withSurplus.length > 0) {
      // 5.2.2: defer while the surpluses could not change who is lowest
      const a = sorted.length >= 2 ? votes[sorted[1]!]! - votes[sorted[0]!]! : -1;
      const k = bulk(0);
      const b =
        k >= 2 ? votes[sorted[k]!]! - sorted.slice(0, k).reduce((t, c) => t + votes[c]!, 0) : -1;
      const defer = deferred <= a || deferred <= b;
      if (!defer) {
        const top = Math.max(...withSurplus.map((c) => votes[c]! - quota));
        const tied = withSurplus.filter((c) => votes[c]! - quota === top);
        let x = tied[0]!;
        if (tied.length > 1) {
          const { left, decidedAt } = lookForward(tied, 'highest');
          const t =
            decidedAt >= 0
              ? ties.settled({
                  round: stage,
                  purpose: 'surplus order',
                  among: tied,
                  chosen: left[0]!,
                  method: 'later-stage',
                  stage: decidedAt + 1,
                })
              : ties.lot(left, 'surplus order', stage, tied);
          stageTies.push(t);
          x = t.chosen;
        }
        const surplus = votes[x]! - quota;
        transferred[x] = 1;
        const examined = electedAtFirst[x]
          ? batches[x]!.flatMap((bt) => bt.groups)
          : (lastBatch[x]?.groups ?? []);
        const transferable = examined.filter(nextOnPaper);
        const count = transferable.reduce((t, g) => t + weights[g]!, 0);
        const worth = transferable.reduce((t, g) => t + weights[g]! * value[g]!, 0);
        let tvOne: number | undefined;
        if (worth > surplus) {
          // surplus ÷ transferable papers, remainder ignored: the remainder is the residue
          const tv = Math.floor(surplus / count);
          tvOne = tv;
          const { moved } = move(transferable, () => tv);
          residue += surplus - moved;
        } else {
          // the papers carry no more than their value; the rest of the surplus is non-transferable
          const { moved } = move(transferable, null);
          exhausted += surplus - moved;
        }
        votes[x] = quota;
        points.push(Float64Array.from(votes));
        elected = [];
        electReached(stage, elected, stageTies);
        sheet.record({
          kind: 'surplus',
          description: `Transfer of the surplus of ${profile.candidates[x]}`,
          from: [x],
          surplus,
          ...(tvOne !== undefined ? { transferValue: tvOne } : {}),
          votes,
          status,
          quota,
          exhausted,
          residue,
          elected,
          ties: stageTies,
        });
        continue;
      }
    }

    // 5.2.5: exclusion
    let group: number[];
    const k = bulk(deferred);
    if (k >= 2) group = sorted.slice(0, k);
    else {
      const low = votes[sorted[0]!]!;
      const tied = sorted.filter((c) => votes[c] === low);
      let x = tied[0]!;
      if (tied.length > 1) {
        const { left, decidedAt } = lookForward(tied, 'lowest');
        const t =
          decidedAt >= 0
            ? ties.settled({
                round: stage,
                purpose: 'exclusion',
                among: tied,
                chosen: left[0]!,
                method: 'later-stage',
                stage: decidedAt + 1,
              })
            : ties.lot(left, 'exclusion', stage, tied);
        stageTies.push(t);
        x = t.chosen;
      }
      group = [x];
    }
    const excluded: Decision[] = group.map((c) => ({
      candidate: c,
      code: group.length > 1 ? 'LOWEST_VOTES_BULK' : 'LOWEST_VOTE',
      reason:
        group.length > 1
          ? `among the lowest, whose votes together (${fmt(group.reduce((t, d) => t + votes[d]!, 0))}) could not reach the next candidate`
          : `lowest with ${fmt(votes[c]!)} votes`,
    }));
    for (const c of group) status[c] = EXCLUDED;
    elected = [];
    if (hopeful().length <= seatsLeft()) {
      // 5.5.1: no transfer needed
      sheet.record({
        kind: 'exclusion',
        description: `Exclusion of ${group.map((c) => profile.candidates[c]).join(', ')}`,
        from: group,
        votes,
        status,
        quota,
        exhausted,
        residue,
        excluded,
        ties: stageTies,
      });
      break;
    }
    // 5.4: batches in descending transfer value
    const source = new Map<number, number>();
    const byValue = new Map<number, number[]>();
    for (const c of group) {
      for (const g of batches[c]!.flatMap((bt) => bt.groups)) {
        source.set(g, c);
        const list = byValue.get(value[g]!) ?? [];
        list.push(g);
        byValue.set(value[g]!, list);
      }
      batches[c] = [];
    }
    for (const v of [...byValue.keys()].sort((a, b) => b - a)) {
      const batch = byValue.get(v)!;
      // 5.5.2: once every place is filled, the papers not yet moved stay where they are
      for (const g of batch) votes[source.get(g)!]! -= value[g]! * weights[g]!;
      const { lost } = move(batch, null);
      exhausted += lost;
      points.push(Float64Array.from(votes));
      if (winners.length === 0 && exhausted > 0) quota = quotaFor(total - exhausted); // 5.4.8
      electReached(stage, elected, stageTies);
      if (seatsLeft() <= 0) break;
    }
    // candidates elected during this exclusion keep the batch that took them over
    sheet.record({
      kind: 'exclusion',
      description: `Exclusion of ${group.map((c) => profile.candidates[c]).join(', ')}`,
      from: group,
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

  // 5.5: completion
  const rest = hopeful();
  const restElected: Decision[] = [];
  const restExcluded: Decision[] = [];
  for (const c of rest.sort((a, b) => votes[b]! - votes[a]! || a - b)) {
    if (winners.length < seats) {
      status[c] = ELECTED;
      winners.push(c);
      restElected.push({
        candidate: c,
        code: 'LAST_VACANCIES',
        reason: 'continuing candidates no more than the places left (5.5.1)',
      });
    } else {
      status[c] = EXCLUDED;
      restExcluded.push({
        candidate: c,
        code: 'SEATS_FILLED',
        reason: 'every place has been filled (5.5.2)',
      });
    }
  }
  sheet.amendLast({ status, elected: restElected, excluded: restExcluded });

  return {
    method: 'ers97-stv',
    title: profile.title,
    seats,
    candidates: profile.candidates,
    precision: ERS97_PLACES,
    quota: sheet.rounds[0]!.quota,
    ballots: papers,
    blank,
    winners,
    winnerVotes: winners.map((c) => fmt(votes[c]!)),
    rounds: sheet.rounds,
    exhausted: fmt(exhausted),
    residue: fmt(residue),
    ties: ties.records,
    seed: ties.seed,
  };
}
