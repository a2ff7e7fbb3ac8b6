/**
 * The body of a worker thread of the proof-checking pool (ballot-check-pool.ts): runs each task
 * it is sent (a cast ballot's check, or a slice of a key holder's shuffle or decryption to check)
 * and answers its result, or the refusal (its code and message, so the pool can raise the same
 * DomainError in the server's thread).
 */
import { parentPort } from 'node:worker_threads';
import { DomainError } from '../domain/errors.ts';
import { Refusal } from '../verifier/group.ts';
import { runCheckTask, type CheckTask } from './check-tasks.ts';

parentPort!.on('message', ({ id, task }: { id: number; task: CheckTask }) => {
  try {
    parentPort!.postMessage({ id, answer: runCheckTask(task) });
  } catch (error) {
    parentPort!.postMessage({
      id,
      refused:
        error instanceof DomainError
          ? { code: error.code, message: error.message }
          : // The verifier's refusal of a shuffle's slice is the server's PROOF_REFUSED.
            error instanceof Refusal
            ? { code: 'PROOF_REFUSED', message: error.message }
            : { code: null, message: String(error) },
    });
  }
});

// Ready: the pool sends nothing here until then (it checks in its own thread meanwhile).
parentPort!.postMessage({ ready: true });
