import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { camdenWithMembers } from '../../../test/story.ts';
import {
  decryptShuffled,
  expectChained,
  setUpKeys,
  shuffleAs,
  voteRanking,
} from '../../../test/e2e-devices.ts';
import { recountByTally } from '../../cli/verify-ranked.ts';
import { appendShuffle } from '../../domain/e2e/mixnet.ts';
import { readBlt, readCountNotes } from '../../domain/tally/blt.ts';
import { countElection } from '../../domain/tally/count.ts';
import { closeE2eBallot } from './close-e2e-ballot.ts';
import { createE2eBallot } from './create-e2e-ballot.ts';
import { openE2eBallot } from './open-e2e-ballot.ts';
import { submitShuffle } from './submit-shuffle.ts';
import { publishedBox, viewBallot } from './view-ballot.ts';
import { verifyRankedBoard } from '../../verifier/ranked.ts';
import { viewBoard, viewE2eBallot } from './view-e2e-ballot.ts';

const candidates = ['Ada Achebe', 'Ben Brooks', 'Cai Chen', 'Dee Doyle'];
const election = {
  question: 'Election of two branch delegates',
  options: { kind: 'ranked' as const, candidates, seats: 2, method: 'scottish-stv' as const },
};

describeEachDatabase('end-to-end elections: shuffled, decrypted, counted', (database) => {
  it('refuses an end-to-end election by card vote', async () => {
    const ctx = testContext(database());
    const { admin, camdenId, members } = await camdenWithMembers(ctx);
    expect(() =>
      createE2eBallot(ctx, {
        actor: admin,
        bodyId: camdenId,
        ...election,
        weighted: true,
        trustees: [members[0]!.personId, members[1]!.personId],
      }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('puts the preferences a voter may give on the setup, from 1 to the candidates', async () => {
    const ctx = testContext(database());
    const { admin, camdenId, members } = await camdenWithMembers(ctx);
    const draft = (preferences?: number) =>
      createE2eBallot(ctx, {
        actor: admin,
        bodyId: camdenId,
        ...election,
        preferences,
        trustees: [members[0]!.personId, members[1]!.personId],
      });
    const { ballotId } = await draft(2);
    expect(await viewE2eBallot(ctx, { actor: members[0]!, ballotId })).toMatchObject({
      ranked: { positions: 2, seats: 2 },
      shuffles: 0,
      decryptions: 0,
    });
    const all = await draft();
    expect(
      (await viewBoard(ctx, { actor: admin, ballotId: all.ballotId })).events[0]!.payload,
    ).toMatchObject({ positions: 4 });
    for (const wrong of [0, 5, 1.5])
      expect(() => draft(wrong)).toThrow(
        expect.objectContaining({
          code: 'VALIDATION_FAILED',
          problems: [expect.objectContaining({ path: 'preferences' })],
        }),
      );
  });

  it('takes sealed rankings, is shuffled by each trustee in turn, decrypted and counted by STV', async () => {
    const ctx = testContext(database());
    const { admin, camdenId, members } = await camdenWithMembers(ctx);
    const trustees = [members[0]!, members[1]!];
    const { ballotId } = await createE2eBallot(ctx, {
      actor: admin,
      bodyId: camdenId,
      ...election,
      trustees: trustees.map((t) => t.personId),
    });
    const shares = await setUpKeys(ctx, ballotId, trustees);
    await openE2eBallot(ctx, { actor: admin, ballotId });
    const rankings = [[0, 1], [0, 2, 1], [1], [1, 0], [2, 3], [3, 2, 0], [0], [0, 3], [], [2]];
    for (const [i, ranking] of rankings.entries())
      await voteRanking(ctx, members[i + 2]!, ballotId, ranking);

    expect(await closeE2eBallot(ctx, { actor: admin, ballotId })).toEqual({
      ballots: 10,
      awaitingDecryption: true,
      result: null,
    });
    // Trustee 2 may not shuffle first; nor decrypt before every shuffle.
    const early = appendShuffle(await viewBoard(ctx, { actor: trustees[1]!, ballotId }));
    const asSecond = { ...(early.events.at(-1)!.payload as object), trustee: 2 };
    await expect(
      submitShuffle(ctx, { actor: trustees[1]!, ballotId, payload: asSecond }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(decryptShuffled(ctx, trustees[0]!, ballotId, shares[0]!)).rejects.toThrow();
    await shuffleAs(ctx, trustees[0]!, ballotId);
    // A shuffle whose output was altered after its proof: refused, nothing saved.
    const board = await viewBoard(ctx, { actor: trustees[1]!, ballotId });
    const altered = structuredClone(appendShuffle(board).events.at(-1)!.payload) as {
      ballots: { alpha: string; beta: string }[][];
    };
    altered.ballots[0]![0] = altered.ballots[1]![0]!;
    await expect(
      submitShuffle(ctx, { actor: trustees[1]!, ballotId, payload: altered }),
    ).rejects.toMatchObject({ code: 'PROOF_REFUSED' });
    await shuffleAs(ctx, trustees[1]!, ballotId);

    expect(await decryptShuffled(ctx, trustees[0]!, ballotId, shares[0]!)).toMatchObject({
      decrypted: 1,
      needed: 2,
      result: null,
    });
    const counted = await decryptShuffled(ctx, trustees[1]!, ballotId, shares[1]!);
    expect(counted.result).toMatchObject({ kind: 'ranked', votes: 9 });

    const after = await viewBoard(ctx, { actor: members[30]!, ballotId });
    expectChained(after);
    expect(after.events.map((e) => e.type).slice(-6)).toEqual([
      'close',
      'shuffle',
      'shuffle',
      'partial-decryption',
      'partial-decryption',
      'result',
    ]);
    const result = after.events.at(-1)!.payload as { rankings: number[][]; outcome: number[] };
    // The published rankings are the cast ones, in another order (m_k = candidate + 1, 0 = none).
    const read = (r: number[]) =>
      r
        .filter((m) => m > 0)
        .map((m) => m - 1)
        .join(',');
    expect(result.rankings.map(read).sort()).toEqual(rankings.map((r) => r.join(',')).sort());

    // The BLT file, counted by anyone with its notes' rule and seed, repeats the declared count.
    const { blt } = await publishedBox(ctx, { actor: members[30]!, ballotId });
    const profile = readBlt(blt!);
    const notes = readCountNotes(profile.notes);
    const recount = countElection(profile, notes.method!, { seed: notes.seed! });
    const declared = (await viewBallot(ctx, { actor: members[30]!, ballotId })).result;
    expect(declared?.kind === 'ranked' && declared.count.rounds).toEqual(recount.rounds);
    expect(result.outcome).toEqual([...recount.winners]);

    // The independent verifier passes the server's board and its BLT file, to the recount.
    const verdict = await verifyRankedBoard(JSON.parse(JSON.stringify(after)), {
      recount: recountByTally,
      blt: blt!,
    });
    expect(verdict).toMatchObject({
      ok: true,
      summary: { ballots: 10, papers: 9, elected: result.outcome, bltChecked: true },
    });
  }, 180_000);
});
