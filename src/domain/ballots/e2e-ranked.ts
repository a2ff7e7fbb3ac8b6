import { digest, readRanking } from '../e2e/index.ts';
import { countElection } from '../tally/count.ts';
import { profileFromRankings } from '../tally/ballots.ts';
import type { BallotProfile, MethodName, TallyResult } from '../tally/types.ts';

/**
 * The parts of a ranked end-to-end ballot (docs/mixnet-protocol.md) that are rules, not
 * cryptography: what its `setup` says, how the decrypted rankings are read and counted, and the
 * seed of any lot the count draws.
 */

/** The `setup` payload of a ranked ballot (docs/mixnet-protocol.md section 4). */
export interface RankedSetup {
  readonly version: 'seconded-mixnet-1';
  readonly group: 'ristretto255';
  readonly ballot: string;
  readonly question: string;
  /** The candidates, in ballot-paper order: C = choices.length. */
  readonly choices: readonly string[];
  /** w: how many preferences a ballot holds (C unless the body limits them). */
  readonly positions: number;
  readonly seats: number;
  /** The counting rule: a method name of src/domain/tally. */
  readonly rule: MethodName;
  readonly trustees: readonly { readonly index: number; readonly name: string }[];
  readonly needed: number;
}

export const isRankedSetup = (setup: { readonly version: string }): boolean =>
  setup.version === 'seconded-mixnet-1';

export function rankedSetupOf(ballot: {
  id: string;
  question: string;
  candidates: readonly string[];
  seats: number;
  method: MethodName;
  trustees: readonly { index: number; name: string }[];
  needed: number;
  /** w, when the body limits the preferences; every candidate by default. */
  positions?: number | undefined;
}): RankedSetup {
  return {
    version: 'seconded-mixnet-1',
    group: 'ristretto255',
    ballot: ballot.id,
    question: ballot.question,
    choices: [...ballot.candidates],
    positions: ballot.positions ?? ballot.candidates.length,
    seats: ballot.seats,
    rule: ballot.method,
    trustees: ballot.trustees.map((t) => ({ index: t.index, name: t.name })),
    needed: ballot.needed,
  };
}

/** Section 4: the seed of every lot the count draws, digest(the last shuffle event's hash). */
export const lotSeed = (lastShuffleHash: string): string => digest(lastShuffleHash);

/**
 * The published papers: each decrypted ranking read as a paper ballot (up to its first gap or
 * repeat), empty ones left out, as a profile any counting program reads (and the BLT file).
 */
export function rankedProfile(setup: RankedSetup, plaintexts: readonly (readonly number[])[]) {
  const C = setup.choices.length;
  const papers = plaintexts.map((m) => readRanking(m, C)).filter((r) => r.length > 0);
  return profileFromRankings({
    title: setup.question,
    candidates: setup.choices,
    seats: setup.seats,
    ballots: papers.map((ranking) => ({ ranking })),
  });
}

/** The count of the published papers by the setup's rule, the lot seeded as section 4 says. */
export function countRanked(setup: RankedSetup, profile: BallotProfile, seed: string): TallyResult {
  return countElection(profile, setup.rule, { seed });
}

/** The `result` event's outcome: the elected candidates (from 0), in the order of election. */
export const rankedOutcome = (count: TallyResult): number[] => [...count.winners];
