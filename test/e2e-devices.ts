import { expect } from 'vitest';
import type { AppContext } from '../src/app/common/context.ts';
import { castE2eBallot } from '../src/app/ballots/cast-e2e-ballot.ts';
import { submitPartialDecryption } from '../src/app/ballots/submit-partial-decryption.ts';
import { submitTrusteeKey } from '../src/app/ballots/submit-trustee-key.ts';
import { submitTrusteePolynomial } from '../src/app/ballots/submit-trustee-polynomial.ts';
import { submitTrusteeVerification } from '../src/app/ballots/submit-trustee-verification.ts';
import { viewE2eBallot } from '../src/app/ballots/view-e2e-ballot.ts';
import {
  digest,
  encryptBallot,
  makePolynomial,
  makeTrusteeKey,
  openShares,
  partialDecrypt,
  tracker,
  type Board,
  type ScalarHex,
} from '../src/domain/e2e/index.ts';
import type { Actor } from '../src/domain/organisations/policy.ts';

/*
 * The devices of an end-to-end ballot's trustees and voters, played in Node with the crypto
 * module (src/domain/e2e) against the use cases: what the browser client does, step by step.
 */

/**
 * The trustees' devices: each makes a key, then a polynomial from every key, then opens the
 * shares sent to it; the server checks each step. Returns each trustee's share of the key.
 */
export async function setUpKeys(
  ctx: AppContext,
  ballotId: string,
  trustees: readonly Actor[],
): Promise<ScalarHex[]> {
  const first = await viewE2eBallot(ctx, { actor: trustees[0]!, ballotId });
  const secrets: ScalarHex[] = [];
  for (const [i, actor] of trustees.entries()) {
    const { secret, payload } = makeTrusteeKey(first.setupHash, i + 1);
    secrets.push(secret);
    await submitTrusteeKey(ctx, { actor, ballotId, payload });
  }
  const withKeys = await viewE2eBallot(ctx, { actor: trustees[0]!, ballotId });
  for (const [i, actor] of trustees.entries()) {
    const payload = makePolynomial(first.setupHash, i + 1, first.needed, withKeys.keys);
    await submitTrusteePolynomial(ctx, { actor, ballotId, payload });
  }
  const shares: ScalarHex[] = [];
  for (const [i, actor] of trustees.entries()) {
    const view = await viewE2eBallot(ctx, { actor, ballotId });
    expect(view.me.trustee).toBe(i + 1);
    const opened = openShares(view.setupHash, i + 1, secrets[i]!, view.polynomials);
    shares.push(opened.share);
    await submitTrusteeVerification(ctx, { actor, ballotId, payload: opened.payload });
  }
  return shares;
}

/** A voter's device: reads the opening and their pseudonym, encrypts one choice and proves it. */
export async function encryptFor(ctx: AppContext, voter: Actor, ballotId: string, choice: number) {
  const view = await viewE2eBallot(ctx, { actor: voter, ballotId });
  const choices = view.choices.map((_, k) => (k === choice ? 1 : 0));
  return encryptBallot(view.openHash!, view.electionKey!, view.shape, view.me.pseudonym!, choices)
    .ballot;
}

export async function vote(ctx: AppContext, voter: Actor, ballotId: string, choice: number) {
  const ballot = await encryptFor(ctx, voter, ballotId, choice);
  const cast = await castE2eBallot(ctx, { actor: voter, ballotId, ballot });
  expect(cast.tracker).toBe(tracker(ballot));
  return cast.tracker;
}

/** A trustee's device decrypts the closed ballot's total with their share. */
export async function decrypt(ctx: AppContext, actor: Actor, ballotId: string, share: ScalarHex) {
  const view = await viewE2eBallot(ctx, { actor, ballotId });
  const payload = partialDecrypt(view.openHash!, view.me.trustee!, share, view.totals!);
  return submitPartialDecryption(ctx, { actor, ballotId, payload });
}

/** The board's chain recomputed from the events alone: seq, prev and each hash. */
export function expectChained(board: Board) {
  expect(board.format).toBe('seconded-board-1');
  let prev = '0'.repeat(64);
  for (const [seq, e] of board.events.entries()) {
    expect(e.seq).toBe(seq);
    expect(e.prev).toBe(prev);
    expect(e.hash).toBe(digest({ seq: e.seq, type: e.type, payload: e.payload, prev: e.prev }));
    prev = e.hash;
  }
}
