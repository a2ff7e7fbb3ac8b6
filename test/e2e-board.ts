/**
 * Builds a whole end-to-end ballot's board with the server-side module src/domain/e2e (setup,
 * the trustees' keys, polynomials and verification keys, open, weighted ballots, close, total,
 * partial decryptions and result), seeded so the same plan always gives the same board. The
 * verifier's tests check it and tampered copies of it; src/verifier/__golden__/board.json is
 * GOLDEN_PLAN's board, written by `node bin/run-ts.js test/e2e-board.ts`.
 * Every key, share, proof, ciphertext and count is the module's (its seeded `…With` variants);
 * the verifier under test shares none of it.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encryptBallotWith, tracker, weightedTotal } from '../src/domain/e2e/ballot.ts';
import { nextEvent, newPseudonymWith, type BoardEvent } from '../src/domain/e2e/board.ts';
import { combine, partialDecryptWith } from '../src/domain/e2e/count.ts';
import {
  electionKey,
  makePolynomialWith,
  makeTrusteeKeyWith,
  openSharesWith,
} from '../src/domain/e2e/trustees.ts';
import { seededRandom } from '../src/domain/e2e/testing.ts';

export interface BoardPlan {
  readonly seed: string;
  readonly question?: string;
  readonly choices: readonly string[];
  readonly min: number;
  readonly max: number;
  readonly rule: string;
  readonly trustees: number;
  readonly needed: number;
  /** The electorate: each elector's weight, and their choices if they vote. */
  readonly electors: readonly { readonly weight: number; readonly vote?: readonly number[] }[];
  /** The trustees who decrypt, in board order (default: 1..needed). */
  readonly decryptors?: readonly number[];
  /** Stop after this event type (a board read while the ballot is open, say). */
  readonly until?: BoardEvent['type'];
}

export interface Board {
  format: 'seconded-board-1';
  events: BoardEvent[];
}

/** The election of the golden board: a card vote, three trustees of whom two must count. */
export const GOLDEN_PLAN: BoardPlan = {
  seed: 'seconded golden board 1',
  question: 'That this meeting has no confidence in the treasurer',
  choices: ['for', 'against', 'abstain'],
  min: 1,
  max: 1,
  rule: 'simple-majority-of-votes-cast',
  trustees: 3,
  needed: 2,
  electors: [
    { weight: 3, vote: [1, 0, 0] },
    { weight: 1, vote: [0, 1, 0] },
    { weight: 2, vote: [1, 0, 0] },
    { weight: 1 },
    { weight: 5, vote: [0, 1, 0] },
    { weight: 1, vote: [0, 0, 1] },
  ],
  decryptors: [3, 1, 2],
};

/** The honest outcome, computed here on its own (not by the verifier under test). */
function outcome(rule: string, counts: number[], electors: number): string {
  const [F = 0, A = 0, B = 0] = counts;
  const P = Math.max(electors, F + A + B);
  if (rule === 'simple-majority-of-votes-cast') return F > A ? 'carried' : 'not-carried';
  if (rule === 'two-thirds-of-votes-cast')
    return 3 * F >= 2 * (F + A) && F >= 1 ? 'carried' : 'not-carried';
  if (rule === 'two-thirds-of-members-present')
    return 3 * F >= 2 * P && F >= 1 ? 'carried' : 'not-carried';
  if (rule === 'absolute-majority-of-members') return 2 * F > P ? 'carried' : 'not-carried';
  const top = Math.max(...counts);
  const at = counts.filter((c) => c === top).length === 1 ? counts.indexOf(top) : -1;
  return at < 0 ? 'tie' : String(at);
}

/** The board of a plan; the same plan always gives the same board. */
export function makeBoard(plan: BoardPlan): Board {
  const random = seededRandom(plan.seed);
  const events: BoardEvent[] = [];
  const add = (type: BoardEvent['type'], payload: unknown) => {
    events.push(nextEvent(events.at(-1) ?? null, type, payload));
    return events.at(-1)!.hash;
  };
  const done = () => ({ format: 'seconded-board-1' as const, events });
  const n = plan.trustees;
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  const setupHash = add('setup', {
    version: 'seconded-e2e-1',
    group: 'ristretto255',
    ballot: `ballot-${plan.seed.replace(/\W+/g, '-')}`,
    question: plan.question ?? 'Which way?',
    choices: plan.choices,
    min: plan.min,
    max: plan.max,
    rule: plan.rule,
    trustees: ids.map((index) => ({ index, name: `Trustee ${index}` })),
    needed: plan.needed,
  });
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
  const electorate = plan.electors.map((e) => ({
    pseudonym: newPseudonymWith(random),
    weight: e.weight,
  }));
  const openHash = add('open', {
    electionKey: y,
    electorate,
    at: '2026-12-07T19:00:00.000Z',
  });
  if (plan.until === 'open') return done();
  const shape = { choices: plan.choices.length, min: plan.min, max: plan.max };
  const cast: { ballot: ReturnType<typeof encryptBallotWith>['ballot']; weight: number }[] = [];
  plan.electors.forEach((e, i) => {
    if (!e.vote) return;
    const who = electorate[i]!.pseudonym;
    const { ballot } = encryptBallotWith(random, openHash, y, shape, who, e.vote);
    add('ballot', { ballot, tracker: tracker(ballot) });
    cast.push({ ballot, weight: e.weight });
  });
  if (plan.until === 'ballot') return done();
  add('close', { at: '2026-12-07T19:30:00.000Z', ballots: cast.length });
  const voters = plan.electors.filter((e) => e.vote);
  const weight = voters.reduce((sum, e) => sum + e.weight, 0);
  const result = (counts: number[], trustees: number[]) =>
    add('result', {
      counts,
      trustees,
      voted: voters.length,
      weight,
      outcome: outcome(plan.rule, counts, plan.electors.length),
    });
  const totals = weightedTotal(shape, cast);
  if (!totals) {
    result(
      plan.choices.map(() => 0),
      [],
    );
    return done();
  }
  add('total', { ciphertexts: totals });
  const decryptors = plan.decryptors ?? ids.slice(0, plan.needed);
  const partials = decryptors.map((j) =>
    partialDecryptWith(random, openHash, j, opened[j - 1]!.share, totals),
  );
  for (const partial of partials) add('partial-decryption', partial);
  if (plan.until === 'partial-decryption') return done();
  const { counts, trustees } = combine(totals, partials, plan.needed, weight);
  result(counts, trustees);
  return done();
}

/** Recomputes every prev and hash after the events were edited (seq is left as it is). */
export function rechain(board: Board): Board {
  const events: BoardEvent[] = [];
  for (const e of board.events) {
    const next = nextEvent(events.at(-1) ?? null, e.type, e.payload);
    events.push({
      ...next,
      seq: e.seq,
      hash: next.seq === e.seq ? next.hash : rehash(e, next.prev),
    });
  }
  return { format: board.format, events };
}

function rehash(e: BoardEvent, prev: string): string {
  // nextEvent numbers the event itself; an edited seq must be hashed as it stands.
  const fake = nextEvent({ seq: e.seq - 1, hash: prev } as BoardEvent, e.type, e.payload);
  return fake.hash;
}

export const GOLDEN_FILE = fileURLToPath(
  new URL('../src/verifier/__golden__/board.json', import.meta.url),
);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(GOLDEN_FILE, `${JSON.stringify(makeBoard(GOLDEN_PLAN), null, 1)}\n`);
  console.log(`Wrote ${GOLDEN_FILE}`);
}
