/**
 * What the proof-checking pool's threads run (ballot-check-pool.ts, ballot-check-thread.ts): a
 * cast ballot's check (the domain's checkBallot), a slice of a shuffle's check (the verifier's
 * checkShuffleSlice, as `verify-ballot` runs it) or a slice of a ranked decryption's check (the
 * domain's checkMixDecryption on ballots `from` onwards). Plain data both ways, so that it
 * crosses to a worker thread by structured clone; the same function runs a task in the server's
 * thread when no thread has loaded.
 */
import { checkBallot, checkMixDecryption } from '../domain/e2e/index.ts';
import type { DecryptionCheckSlice } from '../app/common/context.ts';
import { checkShuffleSlice, type ShuffleCheckSlice } from '../verifier/shuffle.ts';
import type { BallotCheckRequest } from './ballot-check-pool.ts';

export type CheckTask =
  | { readonly ballot: BallotCheckRequest }
  | { readonly shuffle: ShuffleCheckSlice }
  | { readonly decryption: DecryptionCheckSlice };

export function runCheckTask(task: CheckTask): unknown {
  if ('ballot' in task) {
    const { openHash, electionKey, shape, pseudonym, ballot } = task.ballot;
    return checkBallot(openHash, electionKey, shape, pseudonym, ballot);
  }
  if ('shuffle' in task) return checkShuffleSlice(task.shuffle);
  const d = task.decryption;
  checkMixDecryption(d.shuffleHash, d.verificationKey, d.ballots, d.payload, d.from);
  return true;
}
