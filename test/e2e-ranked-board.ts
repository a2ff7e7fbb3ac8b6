/**
 * Builds a whole ranked end-to-end election's board (docs/mixnet-protocol.md section 4) with the
 * server-side modules: the trustees' keys (src/domain/e2e/trustees.ts), each voter's ranking
 * sealed by the function the voter's browser runs (encryptRanking's seeded twin), every trustee's
 * shuffle (mixnet.ts), every trustee's decryption of the last shuffle (mix-count.ts), the result
 * counted by the server's rule (src/domain/ballots/e2e-ranked.ts), and the BLT file the server
 * publishes (view-ballot.ts writes it the same way). Seeded: the same plan gives the same board.
 * The verifier under test (src/verifier) shares none of this code.
 */
import {
  countRanked,
  lotSeed,
  rankedOutcome,
  rankedProfile,
  type RankedSetup,
} from '../src/domain/ballots/e2e-ranked.ts';
import { tracker } from '../src/domain/e2e/ballot.ts';
import { nextEvent, newPseudonymWith, type BoardEvent } from '../src/domain/e2e/board.ts';
import { combineRankings, partialDecryptMixWith } from '../src/domain/e2e/mix-count.ts';
import { appendShuffleWith, type MixEvent, type ShufflePayload } from '../src/domain/e2e/mixnet.ts';
import { encryptRankingWith } from '../src/domain/e2e/ranked.ts';
import { seededRandom } from '../src/domain/e2e/testing.ts';
import {
  electionKey,
  makePolynomialWith,
  makeTrusteeKeyWith,
  openSharesWith,
} from '../src/domain/e2e/trustees.ts';
import { countNotes, writeBlt } from '../src/domain/tally/blt.ts';
import type { MethodName, TallyResult } from '../src/domain/tally/types.ts';

export interface RankedPlan {
  readonly seed: string;
  readonly candidates: readonly string[];
  readonly seats: number;
  readonly rule: MethodName;
  readonly trustees: number;
  readonly needed: number;
  /** Each voter's ranking (candidates from 0, best first); an empty one is an empty ballot. */
  readonly rankings: readonly (readonly number[])[];
}

export interface RankedBoard {
  format: 'seconded-board-1';
  events: MixEvent[];
}

export interface RankedElection {
  readonly board: RankedBoard;
  /** The published papers with the count's rule and seed: /ballots/:id/box.blt. */
  readonly blt: string;
  /** The declared count, stage by stage. */
  readonly count: TallyResult;
  /** Each key holder's secret key, as their key file holds it (trustee 1 first). */
  readonly secrets: readonly string[];
}

/** The board of a plan, its BLT file and its declared count. */
export function makeRankedElection(plan: RankedPlan): RankedElection {
  const random = seededRandom(plan.seed);
  const events: MixEvent[] = [];
  const add = (type: MixEvent['type'], payload: unknown) => {
    const prev = events.at(-1) ?? null;
    events.push(nextEvent(prev as BoardEvent | null, type as BoardEvent['type'], payload));
    return events.at(-1)!.hash;
  };
  const ids = Array.from({ length: plan.trustees }, (_, i) => i + 1);
  const setup: RankedSetup = {
    version: 'seconded-mixnet-1',
    group: 'ristretto255',
    ballot: `ballot-${plan.seed.replace(/\W+/g, '-')}`,
    question: 'Election of the branch committee',
    choices: [...plan.candidates],
    positions: plan.candidates.length,
    seats: plan.seats,
    rule: plan.rule,
    trustees: ids.map((index) => ({ index, name: `Trustee ${index}` })),
    needed: plan.needed,
  };
  const setupHash = add('setup', setup);
  const keys = ids.map((i) => makeTrusteeKeyWith(random, setupHash, i));
  for (const key of keys) add('trustee-key', key.payload);
  const polynomials = ids.map((i) =>
    makePolynomialWith(
      random,
      setupHash,
      i,
      plan.needed,
      keys.map((k) => k.payload),
    ),
  );
  for (const polynomial of polynomials) add('trustee-polynomial', polynomial);
  const opened = ids.map((j) =>
    openSharesWith(random, setupHash, j, keys[j - 1]!.secret, polynomials),
  );
  for (const o of opened) add('trustee-verification', o.payload);
  const y = electionKey(polynomials);
  const electorate = plan.rankings.map(() => ({ pseudonym: newPseudonymWith(random), weight: 1 }));
  const openHash = add('open', { electionKey: y, electorate, at: '2026-12-07T19:00:00.000Z' });
  const shape = { candidates: plan.candidates.length, positions: setup.positions };
  plan.rankings.forEach((ranking, i) => {
    const who = electorate[i]!.pseudonym;
    const { ballot } = encryptRankingWith(random, openHash, y, shape, who, ranking);
    add('ballot', { ballot, tracker: tracker(ballot) });
  });
  add('close', { at: '2026-12-07T19:30:00.000Z', ballots: plan.rankings.length });
  let board: RankedBoard = { format: 'seconded-board-1', events };
  for (const i of ids) board = appendShuffleWith(random, board, i) as RankedBoard;
  events.splice(0, events.length, ...board.events);
  const last = events.at(-1)!;
  const shuffled = (last.payload as ShufflePayload).ballots;
  const partials = ids
    .slice(0, plan.needed)
    .map((j) => partialDecryptMixWith(random, last.hash, j, opened[j - 1]!.share, shuffled));
  for (const partial of partials) add('partial-decryption', partial);
  const { plaintexts, trustees } = combineRankings(
    shuffled,
    partials,
    plan.needed,
    shape.candidates,
  );
  const profile = rankedProfile(setup, plaintexts);
  const seed = lotSeed(last.hash);
  const count = countRanked(setup, profile, seed);
  add('result', { rankings: plaintexts, trustees, outcome: rankedOutcome(count) });
  const blt = writeBlt({ ...profile, notes: countNotes({ method: plan.rule, seed }) });
  const secrets = keys.map((k) => k.secret);
  return { board: { format: 'seconded-board-1', events }, blt, count, secrets };
}
