/**
 * The body of a shuffle worker thread: runs each slice it is sent, a prover's (the domain's
 * runShuffleJob), a verifier's (the verifier's checkShuffleSlice) or a slice of a ranked board's
 * cast ballots to check (the verifier's checkRankedBallots) or a slice of the last shuffle to
 * decrypt with a key holder's share (the domain's partialDecryptMixAt), and answers with its result or the
 * refusal's message.
 */
import { parentPort } from 'node:worker_threads';
import { systemRandom } from '../domain/e2e/group.ts';
import { partialDecryptMixAt } from '../domain/e2e/mix-count.ts';
import type { MixBallot } from '../domain/e2e/shuffle.ts';
import { runShuffleJob, type ShuffleJob } from '../domain/e2e/shuffle-slices.ts';
import { DomainError } from '../domain/errors.ts';
import { Refusal } from '../verifier/group.ts';
import {
  checkRankedBallots,
  type RankedContext,
  type RankedItem,
} from '../verifier/ranked-ballots.ts';
import { checkShuffleSlice, type ShuffleCheckSlice } from '../verifier/shuffle.ts';

export type ShuffleTask =
  | { readonly id: number; readonly prove: ShuffleJob }
  | { readonly id: number; readonly check: ShuffleCheckSlice }
  | { readonly id: number; readonly decrypt: DecryptSlice }
  | {
      readonly id: number;
      readonly ranked: { readonly context: RankedContext; readonly items: RankedItem[] };
    };

/** Ballots `from` onwards of the last shuffle, to decrypt with trustee `trustee`'s share. */
export interface DecryptSlice {
  readonly shuffleHash: string;
  readonly trustee: number;
  readonly share: string;
  readonly from: number;
  readonly ballots: readonly MixBallot[];
}

parentPort!.on('message', (task: ShuffleTask) => {
  try {
    const answer =
      'prove' in task
        ? runShuffleJob(task.prove)
        : 'check' in task
          ? checkShuffleSlice(task.check)
          : 'decrypt' in task
            ? decryptSlice(task.decrypt)
            : checkRankedBallots(task.ranked.context, task.ranked.items);
    parentPort!.postMessage({ id: task.id, answer });
  } catch (e) {
    const refused =
      e instanceof Refusal || (e instanceof DomainError && e.code === 'PROOF_REFUSED');
    parentPort!.postMessage({ id: task.id, refused, message: (e as Error)?.message ?? String(e) });
  }
});

function decryptSlice(d: DecryptSlice) {
  return partialDecryptMixAt(systemRandom, d.shuffleHash, d.trustee, d.share, d.ballots, d.from);
}
