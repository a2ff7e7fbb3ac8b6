/**
 * Worker threads for a shuffle's slices (docs/mixnet-protocol.md section 3): the trustee's
 * command proves, `verify-ballot` and the benchmark check, each over `threads` workers started
 * once and given one slice each per step. A refusal in a worker is thrown again here as the
 * refusal it was (the domain's PROOF_REFUSED for a prover's slice, the verifier's Refusal for a
 * checker's), so the command's exit codes and messages are those of the one-thread run.
 */
import { Worker } from 'node:worker_threads';
import type { ShuffleRunner } from '../domain/e2e/shuffle.ts';
import type { ShuffleAnswer } from '../domain/e2e/shuffle-slices.ts';
import { DomainError } from '../domain/errors.ts';
import { Refusal } from '../verifier/group.ts';
import type { ShuffleCheckAnswer, ShuffleCheckRunner } from '../verifier/shuffle.ts';
import type { ShuffleTask } from './shuffle-thread.ts';

interface Reply {
  readonly id: number;
  readonly answer?: unknown;
  readonly refused?: boolean;
  readonly message?: string;
}

export interface ShufflePool {
  readonly threads: number;
  readonly prove: ShuffleRunner;
  readonly check: ShuffleCheckRunner;
  close(): Promise<void>;
}

export function shufflePool(threads: number): ShufflePool {
  const workers: Worker[] = [];
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
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
