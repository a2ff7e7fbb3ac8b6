import { DomainError } from '../errors.ts';
import type { Threshold } from '../meetings/thresholds.ts';
import { countBox, YES_NO, type BallotOptions, type BallotResult } from './ballot.ts';

/**
 * The parts of an end-to-end ballot (docs/e2e-protocol.md) that are rules, not cryptography:
 * what the `setup` event says the ballot asks, and how the decrypted counts decide it (section 7).
 */

/** The `setup` event's payload (protocol section 5, event 1). */
export interface E2eSetup {
  readonly version: 'seconded-e2e-1';
  readonly group: 'ristretto255';
  readonly ballot: string;
  readonly question: string;
  readonly choices: readonly string[];
  readonly min: number;
  readonly max: number;
  readonly rule: string;
  readonly trustees: readonly { readonly index: number; readonly name: string }[];
  readonly needed: number;
}

/** The `setup` payload of a yes/no or choice ballot: each voter gives exactly one choice. */
export function setupOf(ballot: {
  id: string;
  question: string;
  options: BallotOptions;
  threshold: Threshold;
  trustees: readonly { index: number; name: string }[];
  needed: number;
}): E2eSetup {
  const { options } = ballot;
  if (options.kind === 'ranked')
    throw new DomainError(
      'VALIDATION_FAILED',
      'An end-to-end ballot is a yes/no question or a choice of options, not an election.',
      [{ path: 'kind', message: 'Choose yes-no or choice.' }],
    );
  return {
    version: 'seconded-e2e-1',
    group: 'ristretto255',
    ballot: ballot.id,
    question: ballot.question,
    choices: options.kind === 'yes-no' ? [...YES_NO] : [...options.options],
    min: 1,
    max: 1,
    rule: options.kind === 'yes-no' ? ballot.threshold : 'most-votes',
    trustees: ballot.trustees.map((t) => ({ index: t.index, name: t.name })),
    needed: ballot.needed,
  };
}

/**
 * The `outcome` of the `result` event (protocol section 7). For/against/abstain: `carried` or
 * `not-carried` by the rule, with P = M = max(E, F + A + B), E the electors on the `open` event.
 * A choice of options: the index of the option with the most weight, or `tie`.
 */
export function boardOutcome(rule: string, counts: readonly number[], electors: number): string {
  if (rule === 'most-votes') {
    const top = Math.max(...counts);
    const at = counts.flatMap((c, i) => (c === top ? [i] : []));
    return at.length === 1 ? String(at[0]) : 'tie';
  }
  const [f = 0, a = 0, b = 0] = counts;
  const m = Math.max(electors, f + a + b);
  const carried =
    rule === 'simple-majority-of-votes-cast'
      ? f > a
      : rule === 'two-thirds-of-votes-cast'
        ? 3 * f >= 2 * (f + a) && f >= 1
        : rule === 'two-thirds-of-members-present'
          ? 3 * f >= 2 * m && f >= 1
          : rule === 'absolute-majority-of-members'
            ? 2 * f > m
            : unknownRule(rule);
  return carried ? 'carried' : 'not-carried';
}

const unknownRule = (rule: string): never => {
  throw new Error(`no such rule on an end-to-end ballot: ${rule}`);
};

/**
 * The ballot's result as every ballot stores it (ballot.ts countBox), from the decrypted
 * weights of each choice: the pages, the seal and the meeting read it as they read any count.
 */
export function resultOfCounts(
  options: BallotOptions,
  threshold: Threshold,
  counts: readonly number[],
  electorate: number,
): BallotResult {
  const box =
    options.kind === 'yes-no'
      ? YES_NO.map((choice, k) => ({ choice, weight: counts[k] ?? 0 }))
      : counts.map((weight, k) => ({ choice: String(k), weight }));
  return countBox(
    options,
    threshold,
    box.filter((b) => b.weight > 0),
    electorate,
  );
}
