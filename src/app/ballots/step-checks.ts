import {
  checkMixDecryption,
  type MixBallot,
  type MixDecryptionPayload,
} from '../../domain/e2e/index.ts';
import type { Proof } from '../../domain/e2e/proofs.ts';
import { parseArray, parseInteger, parseObject } from '../../domain/e2e/group.ts';
import { DomainError } from '../../domain/errors.ts';
import { Refusal } from '../../verifier/group.ts';
import {
  checkShuffleSlice,
  checkShuffleWith,
  type ShuffleCheckRunner,
} from '../../verifier/shuffle.ts';
import type { AppContext, DecryptionCheckSlice } from '../common/context.ts';

/*
 * A key holder's shuffle or ranked decryption is checked before the step's transaction (issue
 * 18): about 1.5 ms of CPU a sealed preference, ten minutes for 40,000 ballots of 10, which inside
 * the transaction would hold the ballot's lock (and, on SQLite, the one writer) all that time, and
 * in the event loop's thread would hold up every other request. The check runs in slices on the
 * server's pool of worker threads (ctx.checkSlices, the pool that checks cast ballots:
 * infra/ballot-check-pool.ts); without one, the slices run here one at a time with the event
 * loop let in between. The step's transaction then confirms the board is still the one checked
 * against (`boardMovedOn` otherwise) and appends.
 */

/** Sealed preferences a slice checked in the server's own thread holds: a few hundred ms of CPU. */
const IN_THREAD_PREFERENCES = 200;

/** Slices per thread: more than one, so a slow thread does not hold the others idle at the end. */
const SLICES_PER_THREAD = 4;

/** Runs slices one after another in this thread, letting the event loop in between. */
async function inTurn<S, A>(slices: readonly S[], run: (slice: S) => A): Promise<A[]> {
  const answers: A[] = [];
  for (const slice of slices) {
    await new Promise((resolve) => setImmediate(resolve));
    answers.push(run(slice));
  }
  return answers;
}

/** How many slices a list of `n` ballots of `w` is checked in. */
function partsFor(ctx: AppContext, n: number, w: number): number {
  if (ctx.checkSlices) return ctx.checkSlices.threads * SLICES_PER_THREAD;
  return Math.ceil(n / Math.max(1, Math.floor(IN_THREAD_PREFERENCES / Math.max(1, w))));
}

/**
 * CheckShuffleProof (docs/mixnet-protocol.md section 3.5) with the verifier's own check, the one
 * `verify-ballot` runs, cut into slices as it cuts them: the server takes exactly the shuffles the
 * verifier will pass. Refuses PROOF_REFUSED with the verifier's reason.
 */
export async function checkShuffleProof(
  ctx: AppContext,
  props: {
    context: string;
    electionKey: string;
    input: readonly MixBallot[];
    output: unknown;
    proof: unknown;
  },
): Promise<void> {
  const n = props.input.length;
  const w = props.input[0]?.length ?? 1;
  const run: ShuffleCheckRunner = ctx.checkSlices
    ? (slices) => ctx.checkSlices!.shuffle(slices)
    : (slices) => inTurn(slices, checkShuffleSlice);
  try {
    await checkShuffleWith(
      run,
      partsFor(ctx, n, w),
      props.context,
      props.electionKey,
      props.input,
      props.output,
      props.proof,
    );
  } catch (error) {
    if (error instanceof Refusal) throw new DomainError('PROOF_REFUSED', error.message);
    throw error;
  }
}

/**
 * A key holder's factor of every ciphertext of the last shuffle, each proof checked against their
 * verification key as the domain's checkMixDecryption checks it (docs/mixnet-protocol.md section
 * 4), in slices of ballots, each proof bound to its ballot's place in the whole list. Answers the
 * payload as checkMixDecryption answers it.
 */
export async function checkDecryptionProofs(
  ctx: AppContext,
  props: {
    shuffleHash: string;
    verificationKey: string;
    ballots: readonly MixBallot[];
    payload: unknown;
  },
): Promise<MixDecryptionPayload> {
  const { shuffleHash, verificationKey, ballots } = props;
  // The fields of fixed size and the lists' lengths first, with the one-call check's reasons.
  checkMixDecryption(shuffleHash, verificationKey, [], { trustee: 1, factors: [], proofs: [] });
  const record = parseObject(
    props.payload,
    ['trustee', 'factors', 'proofs'],
    'the partial decryption',
  );
  const trustee = parseInteger(record['trustee'], 'the trustee’s number', 1);
  const what = `the partial decryption of trustee ${trustee}`;
  const factors = parseArray(record['factors'], ballots.length, `${what}, factors`);
  const proofs = parseArray(record['proofs'], ballots.length, `${what}, proofs`);
  const n = ballots.length;
  const parts = partsFor(ctx, n, ballots[0]?.length ?? 1);
  const size = Math.max(1, Math.ceil(n / Math.max(1, Math.min(parts, n))));
  const slices: DecryptionCheckSlice[] = [];
  for (let from = 0; from < n; from += size)
    slices.push({
      shuffleHash,
      verificationKey,
      from,
      ballots: ballots.slice(from, from + size),
      payload: {
        trustee,
        factors: factors.slice(from, from + size),
        proofs: proofs.slice(from, from + size),
      },
    });
  if (ctx.checkSlices) await ctx.checkSlices.decryption(slices);
  else
    await inTurn(slices, (s) =>
      checkMixDecryption(s.shuffleHash, s.verificationKey, s.ballots, s.payload, s.from),
    );
  // Each row has been read as a list of its ballot's length and each proof as exactly its fields.
  return {
    trustee,
    factors: (factors as string[][]).map((r) => [...r]),
    proofs: (proofs as Proof[][]).map((r) =>
      r.map((p) => ({ challenge: p.challenge, response: p.response })),
    ),
  };
}

/** The board moved on between the check and the transaction: the step is to be sent again. */
export const boardMovedOn = () =>
  new DomainError(
    'BOARD_MOVED_ON',
    'The ballot’s board moved on while your step was being checked: read it again and send your step again.',
  );
