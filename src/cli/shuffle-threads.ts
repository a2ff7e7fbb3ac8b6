/**
 * Worker threads for a shuffle's slices (docs/mixnet-protocol.md section 3): the trustee's
 * command proves, `verify-ballot` and the benchmark check, each over `threads` workers started
 * once and given one slice each per step. `verify-ballot` also has a ranked board's cast ballots'
 * range proofs (section 2) checked by the same workers, in contiguous slices, and `trustee decrypt`
 * has a key holder's factors of the last shuffle made by them (section 4). A refusal in a worker is thrown again here as the
 * refusal it was (the domain's PROOF_REFUSED for a prover's slice, the verifier's Refusal for a
 * checker's), so the command's exit codes and messages are those of the one-thread run.
 */
import { Worker } from 'node:worker_threads';
import type { ShuffleRunner } from '../domain/e2e/shuffle.ts';
import type { ShuffleAnswer } from '../domain/e2e/shuffle-slices.ts';
import { DomainError } from '../domain/errors.ts';
import { Refusal } from '../verifier/group.ts';
import type { RankedChecked, RankedContext, RankedItem } from '../verifier/ranked-ballots.ts';
import type { ShuffleCheckAnswer, ShuffleCheckRunner } from '../verifier/shuffle.ts';
import { checkShuffleSlice, checkShuffleWith } from '../verifier/shuffle.ts';
import type { readMix } from '../domain/e2e/mixnet.ts';
import type { MixDecryptionPayload } from '../domain/e2e/mix-count.ts';
import type { DecryptSlice, ShuffleTask } from './shuffle-thread.ts';

interface Reply {
  readonly id: number;
  readonly answer?: unknown;
  readonly refused?: boolean;
  readonly message?: string;
}

/** Below this many ballots the work runs in this thread: starting workers would cost more. */
export const PARALLEL_FROM = 200;

/**
 * Checks the shuffles already on a board with the verifier's check (which shares no code with
 * the prover), over the pool's threads when there is a pool, in this thread otherwise.
 */
export async function checkEarlierShuffles(
  earlier: ReturnType<typeof readMix>['earlier'],
  pool: ShufflePool | undefined,
  threads: number,
): Promise<void> {
  for (const e of earlier) {
    await checkShuffleWith(
      pool?.check ?? (async (slices) => slices.map(checkShuffleSlice)),
      pool ? threads : 1,
      e.ctx,
      e.electionKey,
      e.input,
      e.ballots,
      e.proof,
    );
  }
}

export interface ShufflePool {
  readonly threads: number;
  readonly prove: ShuffleRunner;
  readonly check: ShuffleCheckRunner;
  /**
   * Checks the ranked ballots' range proofs over the workers, in contiguous slices: the answer is
   * the one-thread check's (the first failing ballot in board order, or none), `onProgress`
   * told the ballots done as slices finish.
   */
  readonly checkRanked: (
    context: RankedContext,
    items: readonly RankedItem[],
    onProgress: (done: number) => void,
  ) => Promise<RankedChecked>;
  /**
   * Key holder `trustee`'s factor of every ballot of `ballots` with its proof, made over the
   * workers in contiguous slices, each proof bound to its ballot's place in the whole list: the
   * one-thread partialDecryptMix's factors, in order; `onProgress` told the ballots done.
   */
  readonly decrypt: (
    task: Omit<DecryptSlice, 'from' | 'ballots'> & { readonly ballots: DecryptSlice['ballots'] },
    onProgress: (done: number) => void,
  ) => Promise<MixDecryptionPayload>;
  close(): Promise<void>;
}

export function shufflePool(threads: number): ShufflePool {
  const workers: Worker[] = [];
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  // More slices than threads, so that progress moves and a slow slice does not hold a core idle,
  // but not so small that sending them costs more than the work.
  const sliceSize = (n: number) => Math.max(16, Math.ceil(n / (threads * 8)));
  const workerFor = (i: number): Worker => {
    if (!workers[i]) {
      const worker = new Worker(new URL('./shuffle-worker.js', import.meta.url));
      worker.on('message', (reply: Reply) => {
        const w = waiting.get(reply.id);
        waiting.delete(reply.id);
        if (!w) return;
        if (reply.message === undefined) w.resolve(reply.answer);
        else w.reject(reply.refused ? new Refusal(reply.message) : new Error(reply.message));
      });
      worker.on('error', (e) => {
        for (const w of waiting.values()) w.reject(e);
        waiting.clear();
      });
      workers[i] = worker;
    }
    return workers[i]!;
  };
  const send = (i: number, task: Omit<ShuffleTask, 'id'>): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      workerFor(i % threads).postMessage({ ...task, id });
    });
  return {
    threads,
    prove: async (jobs) => {
      try {
        return (await inOrder(jobs.map((job, i) => send(i, { prove: job })))) as ShuffleAnswer[];
      } catch (e) {
        // The prover's refusals are the domain's error, as in the one-thread shuffle.
        throw e instanceof Refusal ? new DomainError('PROOF_REFUSED', e.message) : e;
      }
    },
    check: async (slices) =>
      (await inOrder(slices.map((slice, i) => send(i, { check: slice })))) as ShuffleCheckAnswer[],
    checkRanked: async (context, items, onProgress) => {
      // Each slice is checked whole (as the one-thread check would) and the first failure of the
      // first failing slice, in board order, is the one-thread check's.
      const size = sliceSize(items.length);
      const slices: RankedItem[][] = [];
      for (let from = 0; from < items.length; from += size)
        slices.push(items.slice(from, from + size));
      let done = 0;
      const answers = (await inOrder(
        slices.map((slice, i) =>
          send(i, { ranked: { context, items: slice } }).then((answer) => {
            done += slice.length;
            onProgress(done);
            return answer;
          }),
        ),
      )) as RankedChecked[];
      return { failure: answers.find((a) => a.failure)?.failure ?? null };
    },
    decrypt: async (task, onProgress) => {
      const size = sliceSize(task.ballots.length);
      const parts: Promise<unknown>[] = [];
      let done = 0;
      for (let from = 0; from < task.ballots.length; from += size) {
        const ballots = task.ballots.slice(from, from + size);
        parts.push(
          send(parts.length, { decrypt: { ...task, from, ballots } }).then((answer) => {
            done += ballots.length;
            onProgress(done);
            return answer;
          }),
        );
      }
      const answers = (await inOrder(parts)) as Pick<MixDecryptionPayload, 'factors' | 'proofs'>[];
      return {
        trustee: task.trustee,
        factors: answers.flatMap((a) => a.factors),
        proofs: answers.flatMap((a) => a.proofs),
      };
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
      workers.length = 0;
    },
  };
}

/** Every answer, or the failure of the first slice that failed (in slice order, not in time). */
async function inOrder(answers: Promise<unknown>[]): Promise<unknown[]> {
  const settled = await Promise.allSettled(answers);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value);
}
