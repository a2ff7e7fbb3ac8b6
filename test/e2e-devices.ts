import { expect } from 'vitest';
import { devices } from '../src/demo/seed-demo-e2e.ts';
import {
  digest,
  encryptRanking,
  partialDecryptMix,
  type Board,
  type MixBallot,
  type ScalarHex,
} from '../src/domain/e2e/index.ts';
import { appendShuffle } from '../src/domain/e2e/mixnet.ts';
import type { Actor } from '../src/domain/organisations/policy.ts';
import type { AppContext } from '../src/app/common/context.ts';
import { castE2eBallot } from '../src/app/ballots/cast-e2e-ballot.ts';
import { closeE2eBallot } from '../src/app/ballots/close-e2e-ballot.ts';
import { createE2eBallot } from '../src/app/ballots/create-e2e-ballot.ts';
import { openE2eBallot } from '../src/app/ballots/open-e2e-ballot.ts';
import { submitPartialDecryption } from '../src/app/ballots/submit-partial-decryption.ts';
import { submitShuffle } from '../src/app/ballots/submit-shuffle.ts';
import { viewBoard, viewE2eBallot } from '../src/app/ballots/view-e2e-ballot.ts';
import { camdenWithMembers } from './story.ts';

/*
 * The devices of an end-to-end ballot's trustees and voters, played in Node with the crypto
 * module (src/domain/e2e) against the use cases, as the demo plays them (src/demo/seed-demo-e2e.ts).
 */
export const setUpKeys = devices.makeKeys;
export const encryptFor = devices.seal;
export const vote = devices.vote;
export const decrypt = devices.decrypt;

/** The board's chain recomputed from the events alone: seq, prev and each hash. */
export function expectChained(board: Board) {
  expect(board.format).toBe('seconded-board-1');
  let prev = '0'.repeat(64);
  for (const [seq, e] of board.events.entries()) {
    expect(e.seq).toBe(seq);
    expect(e.prev).toBe(prev);
    expect(e.hash).toBe(digest({ seq: e.seq, type: e.type, payload: e.payload, prev: e.prev }));
    prev = e.hash;
  }
}

/** A voter's browser seals a ranking (candidates counted from 0, best first) and casts it. */
export async function voteRanking(
  ctx: AppContext,
  voter: Actor,
  ballotId: string,
  ranking: readonly number[],
) {
  const view = await viewE2eBallot(ctx, { actor: voter, ballotId });
  const shape = { candidates: view.choices.length, positions: view.ranked!.positions };
  const { ballot } = encryptRanking(
    view.openHash!,
    view.electionKey!,
    shape,
    view.me.pseudonym!,
    ranking,
  );
  return (await castE2eBallot(ctx, { actor: voter, ballotId, ballot })).tracker;
}

/** A key holder's machine (`seconded trustee shuffle`): the board fetched, shuffled, posted. */
export async function shuffleAs(ctx: AppContext, holder: Actor, ballotId: string) {
  const board = await viewBoard(ctx, { actor: holder, ballotId });
  const shuffled = appendShuffle(board);
  return submitShuffle(ctx, { actor: holder, ballotId, payload: shuffled.events.at(-1)!.payload });
}

/** A key holder's machine decrypts the last shuffle's output with their share. */
export async function decryptShuffled(
  ctx: AppContext,
  holder: Actor,
  ballotId: string,
  share: ScalarHex,
) {
  const view = await viewE2eBallot(ctx, { actor: holder, ballotId });
  const { hash, ballots } = view.shuffled!;
  const payload = partialDecryptMix(hash, view.me.trustee!, share, ballots as MixBallot[]);
  return submitPartialDecryption(ctx, { actor: holder, ballotId, payload });
}

/** The ranked election the use-case tests hold: two delegates of four candidates, Scottish STV. */
export const rankedElection = {
  question: 'Election of two branch delegates',
  options: {
    kind: 'ranked' as const,
    candidates: ['Ada Achebe', 'Ben Brooks', 'Cai Chen', 'Dee Doyle'],
    seats: 2,
    method: 'scottish-stv' as const,
  },
};

/**
 * rankedElection in Camden, closed: members 0 and 1 hold the keys, and members 2 onwards seal
 * the rankings given, one each, in order.
 */
export async function closedRankedElection(ctx: AppContext, rankings: readonly number[][]) {
  const { admin, camdenId, members } = await camdenWithMembers(ctx);
  const trustees = [members[0]!, members[1]!];
  const { ballotId } = await createE2eBallot(ctx, {
    actor: admin,
    bodyId: camdenId,
    ...rankedElection,
    trustees: trustees.map((t) => t.personId),
  });
  const shares = await setUpKeys(ctx, ballotId, trustees);
  await openE2eBallot(ctx, { actor: admin, ballotId });
  for (const [i, ranking] of rankings.entries())
    await voteRanking(ctx, members[i + 2]!, ballotId, ranking);
  await closeE2eBallot(ctx, { actor: admin, ballotId });
  return { admin, camdenId, members, ballotId, trustees, shares };
}
