/**
 * A pool of worker threads that check end-to-end ballots' proofs for the server (issue 14: the
 * server checks cast ballots at 500 a second on two cores). A check is pure CPU work of about
 * 15 ms; in the event loop's thread it would serve one core and hold up every other request for
 * its duration. The pool sends each check to the least busy thread that has loaded; the use case awaits it
 * before its transaction (cast-e2e-ballot.ts), so no lock is held while proofs are checked.
 * The same threads check a key holder's shuffle or ranked decryption in slices (issue 18: about
 * 1.5 ms of CPU a sealed preference, minutes for a large election), before the step's
 * transaction (app/ballots/step-checks.ts).
 */
import { Worker } from 'node:worker_threads';
import type { DecryptionCheckSlice, SliceChecker } from '../app/common/context.ts';
import type { BallotShape, EncryptedBallot } from '../domain/e2e/index.ts';
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import type { ShuffleCheckAnswer, ShuffleCheckSlice } from '../verifier/shuffle.ts';
import { runCheckTask, type CheckTask } from './check-tasks.ts';

export interface BallotCheckRequest {
  readonly openHash: string;
  readonly electionKey: string;
  readonly shape: BallotShape;
  readonly pseudonym: string;
  readonly ballot: unknown;
}

/** Checks a ballot as the domain's checkBallot does, wherever it runs. */
export type BallotChecker = (request: BallotCheckRequest) => Promise<EncryptedBallot>;

interface Pending {
  resolve: (answer: unknown) => void;
  reject: (error: Error) => void;
}

interface Answer {
  id: number;
  answer?: unknown;
  refused?: { code: ErrorCode | null; message: string };
}

export interface BallotCheckPool {
  readonly check: BallotChecker;
  /** Checks a key holder's shuffle or decryption in slices, spread over the threads. */
  readonly slices: SliceChecker;
  /** Settles when every thread has loaded (checks before then run in the caller's thread). */
  readonly started: Promise<void>;
  close(): Promise<void>;
}

/** Starts `threads` worker threads; an idle pool keeps the process alive no longer. */
export function startBallotCheckPool(threads: number): BallotCheckPool {
  let nextId = 0;
  const workers = Array.from({ length: Math.max(1, threads) }, () => {
    const worker = new Worker(new URL('./ballot-check-worker.js', import.meta.url));
    const pending = new Map<number, Pending>();
    let loaded = () => {};
    const slot = {
      worker,
      pending,
      alive: true,
      ready: false,
      loaded: new Promise<void>((resolve) => (loaded = resolve)),
    };
    worker.on('message', (answer: Answer | { ready: true }) => {
      if ('ready' in answer) {
        slot.ready = true;
        // Held while it loads (someone may await `started`); idle after, it holds nothing.
        if (pending.size === 0) worker.unref();
        loaded();
        return;
      }
      const waiting = pending.get(answer.id);
      if (!waiting) return;
      pending.delete(answer.id);
      if (pending.size === 0) worker.unref();
      if (!answer.refused) waiting.resolve(answer.answer);
      else if (answer.refused?.code)
        waiting.reject(new DomainError(answer.refused.code, answer.refused.message));
      else waiting.reject(new Error(answer.refused.message));
    });
    worker.on('error', (error) => {
      slot.alive = false;
      loaded();
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
      worker.unref();
    });
    return slot;
  });
  const run = (task: CheckTask): Promise<unknown> => {
    const alive = workers.filter((w) => w.alive && w.ready);
    // Until a thread has loaded (a few seconds after the first cast), or if every thread has
    // died (they should not), the check runs in this thread.
    if (alive.length === 0) return Promise.resolve().then(() => runCheckTask(task));
    const least = alive.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = nextId++;
    return new Promise<unknown>((resolve, reject) => {
      least.pending.set(id, { resolve, reject });
      least.worker.ref();
      least.worker.postMessage({ id, task });
    });
  };
  const started = Promise.all(workers.map((w) => w.loaded)).then(() => undefined);
  return {
    started,
    check: (request) => run({ ballot: request }) as Promise<EncryptedBallot>,
    // A key holder's check (minutes of CPU) waits the few seconds the threads take to load
    // rather than run in this thread.
    slices: {
      threads: workers.length,
      shuffle: async (slices: ShuffleCheckSlice[]) => {
        await started;
        return (await inOrder(slices.map((shuffle) => run({ shuffle })))) as ShuffleCheckAnswer[];
      },
      decryption: async (slices: DecryptionCheckSlice[]) => {
        await started;
        await inOrder(slices.map((decryption) => run({ decryption })));
      },
    },
    async close() {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}

/**
 * Every slice's answer, or the refusal of the first slice refused in slice order (not in time),
 * so that the reason given is the one the check in one thread would give.
 */
async function inOrder(answers: Promise<unknown>[]): Promise<unknown[]> {
  const settled = await Promise.allSettled(answers);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value);
}
