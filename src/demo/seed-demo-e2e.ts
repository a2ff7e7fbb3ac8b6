import { castE2eBallot } from '../app/ballots/cast-e2e-ballot.ts';
import { closeE2eBallot } from '../app/ballots/close-e2e-ballot.ts';
import { createE2eBallot } from '../app/ballots/create-e2e-ballot.ts';
import { openE2eBallot } from '../app/ballots/open-e2e-ballot.ts';
import { submitPartialDecryption } from '../app/ballots/submit-partial-decryption.ts';
import { submitTrusteeKey } from '../app/ballots/submit-trustee-key.ts';
import { submitTrusteePolynomial } from '../app/ballots/submit-trustee-polynomial.ts';
import { submitTrusteeVerification } from '../app/ballots/submit-trustee-verification.ts';
import { viewE2eBallot } from '../app/ballots/view-e2e-ballot.ts';
import { loadActor } from '../app/common/actor.ts';
import { type AppContext, today } from '../app/common/context.ts';
import {
  encryptBallot,
  makePolynomial,
  makeTrusteeKey,
  openShares,
  partialDecrypt,
  type ScalarHex,
} from '../domain/e2e/index.ts';
import type { Actor } from '../domain/organisations/policy.ts';
import { listRegister } from '../db/queries/memberships.ts';

/**
 * The devices of an end-to-end ballot, played in one process: what each key holder's and each
 * voter's browser does (src/client), through the same use cases the API calls. The demo uses
 * them to leave a counted ballot whose board a new user can download and verify.
 */
export const devices = {
  /** Each key holder makes a key, then a polynomial from every key, then opens their shares. */
  async makeKeys(ctx: AppContext, ballotId: string, holders: readonly Actor[]) {
    return (await devices.makeKeysKeepingSecrets(ctx, ballotId, holders)).shares;
  },

  /** The same, keeping each key holder's secret key too (as their key file does). */
  async makeKeysKeepingSecrets(ctx: AppContext, ballotId: string, holders: readonly Actor[]) {
    const first = await viewE2eBallot(ctx, { actor: holders[0]!, ballotId });
    const secrets: ScalarHex[] = [];
    for (const [i, actor] of holders.entries()) {
      const { secret, payload } = makeTrusteeKey(first.setupHash, i + 1);
      secrets.push(secret);
      await submitTrusteeKey(ctx, { actor, ballotId, payload });
    }
    const { keys } = await viewE2eBallot(ctx, { actor: holders[0]!, ballotId });
    for (const [i, actor] of holders.entries()) {
      const payload = makePolynomial(first.setupHash, i + 1, first.needed, keys);
      await submitTrusteePolynomial(ctx, { actor, ballotId, payload });
    }
    const { polynomials } = await viewE2eBallot(ctx, { actor: holders[0]!, ballotId });
    const shares: ScalarHex[] = [];
    for (const [i, actor] of holders.entries()) {
      const opened = openShares(first.setupHash, i + 1, secrets[i]!, polynomials);
      shares.push(opened.share);
      await submitTrusteeVerification(ctx, { actor, ballotId, payload: opened.payload });
    }
    return { secrets, shares };
  },

  /** A voter's browser seals one choice (counted from 0) under the ballot's key, with proofs. */
  async seal(ctx: AppContext, voter: Actor, ballotId: string, choice: number) {
    const view = await viewE2eBallot(ctx, { actor: voter, ballotId });
    const choices = view.choices.map((_, k) => (k === choice ? 1 : 0));
    return encryptBallot(view.openHash!, view.electionKey!, view.shape, view.me.pseudonym!, choices)
      .ballot;
  },

  /** A voter's browser seals one choice and casts it; returns the tracker. */
  async vote(ctx: AppContext, voter: Actor, ballotId: string, choice: number) {
    const ballot = await devices.seal(ctx, voter, ballotId, choice);
    return (await castE2eBallot(ctx, { actor: voter, ballotId, ballot })).tracker;
  },

  /** A key holder's browser decrypts the closed ballot's total with their share. */
  async decrypt(ctx: AppContext, holder: Actor, ballotId: string, share: ScalarHex) {
    const view = await viewE2eBallot(ctx, { actor: holder, ballotId });
    const payload = partialDecrypt(view.openHash!, view.me.trustee!, share, view.totals!);
    return submitPartialDecryption(ctx, { actor: holder, ballotId, payload });
  },
};

/**
 * The demo's end-to-end ballot: Camden asks for a special conference, its secretary and chair
 * hold the keys, 7 members vote, and the key holders count it. Seven, not the whole branch: every
 * vote is sealed and proved as a browser would (about 40 ms of CPU each, and many tests seed the
 * demo), and seven already give a result a new user can check against the board.
 */
export async function seedDemoE2eBallot(
  ctx: AppContext,
  props: { camdenId: string; secretaryId: string; chairId: string },
) {
  const [secretary, chair] = await Promise.all(
    [props.secretaryId, props.chairId].map((id) => loadActor(ctx.db, id, today(ctx))),
  );
  const { ballotId } = await createE2eBallot(ctx, {
    actor: secretary!,
    bodyId: props.camdenId,
    question:
      'That this branch asks the National Coordinating Group to call a special conference on the leadership.',
    options: { kind: 'yes-no' },
    trustees: [props.secretaryId, props.chairId],
  });
  const holders = [secretary!, chair!];
  const shares = await devices.makeKeys(ctx, ballotId, holders);
  await openE2eBallot(ctx, { actor: secretary!, ballotId });
  const members = (await listRegister(ctx.db, [props.camdenId])).filter((m) => !m.left_on);
  // A plausible spread (4 for, 2 against, 1 abstaining); no one's choice in the demo means anything.
  const pattern = [0, 0, 1, 0, 2, 1, 0];
  for (const [i, m] of members.slice(0, 7).entries()) {
    const voter = await loadActor(ctx.db, m.person_id, today(ctx));
    await devices.vote(ctx, voter, ballotId, pattern[i % pattern.length]!);
  }
  await closeE2eBallot(ctx, { actor: secretary!, ballotId });
  for (const [i, holder] of holders.entries())
    await devices.decrypt(ctx, holder, ballotId, shares[i]!);
  return { ballotId };
}
