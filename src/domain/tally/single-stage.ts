/**
 * Shared by the rules decided in one stage (first past the post, block vote, approval): elect
 * the `seats` candidates with the most votes; a tie for the last seat is settled by lot.
 */
import { ELECTED, EXCLUDED, StageRecorder, WITHDRAWN } from './count-sheet.ts';
import { TieBreaker } from './ties.ts';
import type {
  BallotProfile,
  CountOptions,
  Decision,
  MethodName,
  TallyResult,
  TieRecord,
} from './types.ts';

export function electMostVotes(input: {
  readonly profile: BallotProfile;
  readonly options: CountOptions;
  readonly method: MethodName;
  readonly seats: number;
  readonly votes: Float64Array;
  readonly description: string;
  readonly ballots: number;
  readonly blank: number;
  readonly exhausted: number;
  readonly what: string;
}): TallyResult {
  const { profile, seats, votes } = input;
  const n = profile.candidates.length;
  const ties = new TieBreaker(profile, input.options);
  const status = new Uint8Array(n);
  for (const w of profile.withdrawn) status[w] = WITHDRAWN;
  const standing = [...Array(n).keys()].filter((c) => status[c] !== WITHDRAWN);
  const order = standing.sort((a, b) => votes[b]! - votes[a]! || a - b);
  const winners: number[] = [];
  const elected: Decision[] = [];
  const roundTies: TieRecord[] = [];
  let i = 0;
  while (winners.length < seats && i < order.length) {
    const v = votes[order[i]!]!;
    const level = order.filter((c) => votes[c] === v);
    const room = seats - winners.length;
    let chosen = level;
    if (level.length > room) {
      chosen = [];
      let pool = [...level];
      while (chosen.length < room) {
        const t = ties.lot(pool, 'election', 1, level);
        roundTies.push(t);
        chosen.push(t.chosen);
        pool = pool.filter((c) => c !== t.chosen);
      }
    }
    for (const c of chosen) {
      winners.push(c);
      status[c] = ELECTED;
      elected.push({
        candidate: c,
        code: level.length > room ? 'TIE_BROKEN' : 'MOST_VOTES',
        reason:
          level.length > room
            ? `tied on ${v} ${input.what} for the last seat; chosen by ${roundTies.at(-1)!.method}`
            : `${v} ${input.what}, among the ${seats} highest`,
      });
    }
    i += level.length;
  }
  const excluded: Decision[] = [];
  for (const c of order) {
    if (status[c] === ELECTED) continue;
    status[c] = EXCLUDED;
    excluded.push({ candidate: c, code: 'SEATS_FILLED', reason: 'not among the highest' });
  }
  const sheet = new StageRecorder(0, n);
  sheet.record({
    kind: 'first-count',
    description: input.description,
    votes,
    status,
    quota: null,
    exhausted: input.exhausted,
    residue: 0,
    elected,
    excluded,
    ties: roundTies,
  });
  return {
    method: input.method,
    title: profile.title,
    seats,
    candidates: profile.candidates,
    precision: 0,
    quota: null,
    ballots: input.ballots,
    blank: input.blank,
    winners,
    winnerVotes: winners.map((c) => String(votes[c])),
    rounds: sheet.rounds,
    exhausted: String(input.exhausted),
    residue: '0',
    ties: ties.records,
    seed: ties.seed,
  };
}

/** Visit each group's ranking with withdrawn candidates skipped: (group, weight, candidates by preference). */
export function forEachBallot(
  profile: BallotProfile,
  visit: (weight: number, prefs: Int32Array, start: number, end: number) => void,
): void {
  const { ballots } = profile;
  for (let g = 0; g < ballots.count; g++)
    visit(ballots.weights[g]!, ballots.prefs, ballots.offsets[g]!, ballots.offsets[g + 1]!);
}

/**
 * The count of ballots that give one vote to each candidate they mark, in any order, up to
 * their first `positions` preferences (candidates ranked equal within them all count): the
 * block vote, and approval voting (no limit). A ballot marking no candidate still standing is
 * blank. The `seats` with the most votes are elected.
 */
export function electMostMarked(
  profile: BallotProfile,
  options: CountOptions,
  how: {
    readonly method: MethodName;
    readonly seats: number;
    readonly positions: number;
    readonly description: string;
    readonly what: string;
  },
): TallyResult {
  const withdrawn = new Set(profile.withdrawn);
  const votes = new Float64Array(profile.candidates.length);
  let blank = 0;
  forEachBallot(profile, (w, prefs, start, end) => {
    let given = 0;
    let positions = 0;
    for (let i = start; i < end; i++) {
      const v = prefs[i]!;
      const c = v < 0 ? ~v : v;
      if (withdrawn.has(c)) continue;
      if (v >= 0) positions++;
      if (positions > how.positions) break;
      votes[c]! += w;
      given++;
    }
    if (given === 0) blank += w;
  });
  return electMostVotes({
    profile,
    options,
    method: how.method,
    seats: how.seats,
    votes,
    description: how.description,
    ballots: profile.ballots.total - blank,
    blank,
    exhausted: 0,
    what: how.what,
  });
}
