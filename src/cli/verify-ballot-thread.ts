/**
 * The body of a `verify-ballot` worker thread: checks its contiguous slice of the ballots with
 * the verifier's own checkBallots and posts its progress and its answer (the first failure, and
 * the weighted partial sums) to the parent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkBallots, type BallotContext, type BallotItem } from '../verifier/index.ts';

const { context, items } = workerData as { context: BallotContext; items: BallotItem[] };
const result = checkBallots(context, items, (done) => parentPort!.postMessage({ done }));
parentPort!.postMessage({ result });
