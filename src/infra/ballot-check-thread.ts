/**
 * The body of a worker thread of the ballot-checking pool (ballot-check-pool.ts): checks each
 * ballot it is sent with the domain's checkBallot and answers the checked ballot, or the refusal
 * (its code and message, so the pool can raise the same DomainError in the server's thread).
 */
import { parentPort } from 'node:worker_threads';
import { checkBallot } from '../domain/e2e/index.ts';
import { DomainError } from '../domain/errors.ts';
import type { BallotCheckRequest } from './ballot-check-pool.ts';

parentPort!.on('message', ({ id, request }: { id: number; request: BallotCheckRequest }) => {
  try {
    const { openHash, electionKey, shape, pseudonym, ballot } = request;
    const checked = checkBallot(openHash, electionKey, shape, pseudonym, ballot);
    parentPort!.postMessage({ id, checked });
  } catch (error) {
    parentPort!.postMessage({
      id,
      refused:
        error instanceof DomainError
          ? { code: error.code, message: error.message }
          : { code: null, message: String(error) },
    });
  }
});

// Ready: the pool sends nothing here until then (it checks in its own thread meanwhile).
parentPort!.postMessage({ ready: true });
