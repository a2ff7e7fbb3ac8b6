import type { Board } from '../domain/e2e/index.ts';
import { systemRandom } from '../domain/e2e/group.ts';
import { partialDecryptMixRange, type MixDecryptionPayload } from '../domain/e2e/mix-count.ts';
import { dueTrustee, type MixBoard, readMix, type ShufflePayload } from '../domain/e2e/mixnet.ts';
import { runShuffleSteps, shuffleSteps, type MixBallot } from '../domain/e2e/shuffle.ts';
import { runShuffleJob, type ShuffleJob } from '../domain/e2e/shuffle-slices.ts';
import { checkShuffleSlice, checkShuffleWith } from '../verifier/shuffle.ts';

/**
 * A key holder's step on a ranked ballot in their own browser (docs/mixnet-protocol.md section 4),
 * with the very code `seconded trustee shuffle` runs (src/domain/e2e), in this page's thread:
 * the shuffles already on the board checked by the independent verifier, then this key holder's
 * shuffle and its proof; after every shuffle, their factor of each shuffled ciphertext with its
 * proof. The work is cut into slices of ballots (a shuffle cut into slices is the same shuffle,
 * shuffle.ts) so that the page can say how far it is and stay responsive between them.
 */

/** Ballots per slice: small enough that the page answers between slices on a phone. */
const SLICE = 25;

export type MixPhase = 'check' | 'shuffle' | 'prove' | 'decrypt' | 'send';

/** Told after each slice: the phase, the ballots done and the ballots in all. */
export type MixProgress = (phase: MixPhase, done: number, total: number) => void;

/** Lets the page draw and answer between two slices of work. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const partsOf = (n: number) => Math.max(1, Math.ceil(n / SLICE));

/** How many ballots a job of the shuffle or its check covers. */
const ballotsIn = (job: ShuffleJob | { input: readonly unknown[] }) =>
  'input' in job
    ? job.input.length
    : job.kind === 'reencrypt'
      ? job.inputs.length
      : job.omegaHat.length;

/** Runs jobs one after another in this thread, telling the progress after each. */
function inTurn<J extends ShuffleJob | { input: readonly unknown[] }, A>(
  run: (job: J) => A,
  phase: () => MixPhase,
  progress: MixProgress,
  total: number,
) {
  return async (jobs: J[]): Promise<A[]> => {
    const answers: A[] = [];
    const at = phase();
    let done = 0;
    for (const job of jobs) {
      answers.push(run(job));
      done += ballotsIn(job);
      progress(at, done, total);
      await breathe();
    }
    return answers;
  };
}

/**
 * The board's cast ballots or last shuffle, checked, shuffled again by key holder `me` and
 * proved: the payload of their `shuffle` event. Refuses (with the domain's or the verifier's
 * words) when it is not their turn or an earlier shuffle's proof does not hold.
 */
export async function shuffleHere(
  board: Board,
  me: number,
  progress: MixProgress,
): Promise<ShufflePayload> {
  const { state, earlier } = readMix(board as unknown as MixBoard);
  const due = dueTrustee(state, me);
  const n = state.input.length;
  for (const e of earlier) {
    await checkShuffleWith(
      inTurn(checkShuffleSlice, () => 'check', progress, n),
      partsOf(n),
      e.ctx,
      e.electionKey,
      e.input,
      e.ballots,
      e.proof,
    );
  }
  let round = 0;
  const steps = shuffleSteps(
    systemRandom,
    `${state.openHash}|${due}`,
    state.electionKey,
    state.input,
    partsOf(n),
  );
  // The first round of jobs re-encrypts and commits; the second makes the commitment chain.
  const shuffled = await runShuffleSteps(
    steps,
    inTurn(runShuffleJob, () => (round++ === 0 ? 'shuffle' : 'prove'), progress, n),
  );
  return { trustee: due, ...shuffled };
}

/**
 * Key holder `me`'s factor of every ciphertext of the last shuffle, each with its proof against
 * their verification key (mix-count.ts), made slice by slice with the share opened from their key.
 */
export async function decryptHere(
  board: Board,
  me: number,
  share: string,
  progress: MixProgress,
): Promise<MixDecryptionPayload> {
  const last = board.events.filter((e) => (e.type as string) === 'shuffle').at(-1);
  if (!last) throw new Error('no shuffle on the board');
  const ballots = (last.payload as { ballots: MixBallot[] }).ballots;
  const factors: string[][] = [];
  const proofs: MixDecryptionPayload['proofs'][number][] = [];
  for (let from = 0; from < ballots.length; from += SLICE) {
    const to = Math.min(ballots.length, from + SLICE);
    const part = partialDecryptMixRange(systemRandom, last.hash, me, share, ballots, from, to);
    factors.push(...part.factors.map((row) => [...row]));
    proofs.push(...part.proofs);
    progress('decrypt', to, ballots.length);
    await breathe();
  }
  return { trustee: me, factors, proofs };
}

/**
 * The `shuffle` event the command wrote for key holder `me` at the end of BOARD_OUT, as the key
 * holder chose the file on this page: its payload, to be checked by the server like any other.
 */
export function shuffleFromFile(text: string, me: number): ShufflePayload | null {
  try {
    const board = JSON.parse(text) as Partial<MixBoard>;
    const last = Array.isArray(board.events) ? board.events.at(-1) : undefined;
    const payload = last?.payload as ShufflePayload | undefined;
    return last?.type === 'shuffle' && payload?.trustee === me ? payload : null;
  } catch {
    return null;
  }
}

/**
 * The payload `seconded trustee decrypt` wrote for key holder `me` (`{"payload": …}`, the API's
 * body), as the key holder chose the file on this page: to be checked by the server like any other.
 */
export function decryptionFromFile(text: string, me: number): MixDecryptionPayload | null {
  try {
    const body = JSON.parse(text) as { payload?: Partial<MixDecryptionPayload> } | null;
    const payload = body?.payload;
    return payload?.trustee === me && Array.isArray(payload.factors)
      ? (payload as MixDecryptionPayload)
      : null;
  } catch {
    return null;
  }
}

/** A duration as the page says it: seconds, or minutes and seconds. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
