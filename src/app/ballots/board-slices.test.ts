import { createHash } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { camdenWithMembers } from '../../../test/story.ts';
import {
  closedRankedElection,
  decryptShuffled,
  expectChained,
  rankedElection,
  shuffleAs,
} from '../../../test/e2e-devices.ts';
import { canonicalJson } from '../../domain/e2e/index.ts';
import type { Db } from '../../db/database.ts';
import { appendToBoard } from './board.ts';
import { boardJson, boardSlicing } from './board-slices.ts';
import { createE2eBallot } from './create-e2e-ballot.ts';
import { viewBoard } from './view-e2e-ballot.ts';

const served = async (db: Db, ballotId: string) => {
  let text = '';
  for await (const piece of boardJson(db, ballotId)) text += piece;
  return text;
};

const slicesOf = async (db: Db, ballotId: string) =>
  (
    await db
      .selectFrom('ballot_board_slices')
      .select('seq')
      .where('ballot_id', '=', ballotId)
      .execute()
  ).length;

afterEach(() => {
  boardSlicing.items = 1000;
});

describeEachDatabase('a big board event kept in slices', (database) => {
  it('runs a ranked election whose shuffles and decryptions are kept in slices, serving the same board', async () => {
    boardSlicing.items = 3;
    const ctx = testContext(database());
    const rankings = [[0, 1], [0, 2, 1], [1], [1, 0], [2, 3], [3, 2, 0], [0], [0, 3], [], [2]];
    const { admin, ballotId, trustees, shares } = await closedRankedElection(ctx, rankings);
    for (const t of trustees) await shuffleAs(ctx, t, ballotId);
    await decryptShuffled(ctx, trustees[0]!, ballotId, shares[0]!);
    const counted = await decryptShuffled(ctx, trustees[1]!, ballotId, shares[1]!);
    expect(counted.result).toMatchObject({ kind: 'ranked', votes: 9 });

    // Ten ballots in slices of three: four slices a list, for two shuffles and two decryptions.
    expect(await slicesOf(ctx.db, ballotId)).toBeGreaterThanOrEqual(4 * 4);
    const board = await viewBoard(ctx, { actor: admin, ballotId });
    // Each event's payload read back from its slices hashes to the hash it was appended with.
    expectChained(board);
    expect(await served(ctx.db, ballotId)).toBe(JSON.stringify(board));
  }, 180_000);

  it('stores a shuffle in slices and serves it byte for byte as one JSON.stringify would', async () => {
    boardSlicing.items = 2;
    const ctx = testContext(database());
    const { admin, camdenId, members } = await camdenWithMembers(ctx);
    const { ballotId } = await createE2eBallot(ctx, {
      actor: admin,
      bodyId: camdenId,
      ...rankedElection,
      trustees: [members[0]!.personId, members[1]!.personId],
    });
    const before = (await viewBoard(ctx, { actor: admin, ballotId })).events;
    // Fabricated ciphertexts (strings of the right look; nothing here checks a proof), with
    // keys in no sorted order, one unusual character, and lists short and long.
    const ciphertext = (i: number, k: number) => ({ beta: `b${i}.${k}é`, alpha: `a${i}.${k}` });
    const payload = {
      trustee: 1,
      ballots: Array.from({ length: 7 }, (_, i) => [0, 1, 2].map((k) => ciphertext(i, k))),
      proof: { s4: ['1', '2', '3', '4', '5'], challenge: 'c', sHat: ['x'], chain: [] },
    };
    const event = await appendToBoard(ctx.db, ballotId, 'shuffle', payload);
    expect(await slicesOf(ctx.db, ballotId)).toBe(4 + 3);

    const link = { seq: event.seq, type: 'shuffle', payload, prev: before.at(-1)!.hash };
    expect(event.hash).toBe(createHash('sha256').update(canonicalJson(link)).digest('hex'));
    const whole = {
      format: 'seconded-board-1',
      events: [...before, { ...link, hash: event.hash }],
    };
    expect(await served(ctx.db, ballotId)).toBe(JSON.stringify(whole));
    expect(await viewBoard(ctx, { actor: admin, ballotId })).toEqual(whole);
  });
});
