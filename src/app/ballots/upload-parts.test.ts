import { expect, it, onTestFinished } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { movableContext, testContext } from '../../../test/factories.ts';
import { closedRankedElection, decryptShuffled } from '../../../test/e2e-devices.ts';
import { partialDecryptMix, type MixBallot } from '../../domain/e2e/index.ts';
import { appendShuffle } from '../../domain/e2e/mixnet.ts';
import { splitPayload, type UploadStep } from '../../domain/e2e/parts.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { AppContext, SliceChecker } from '../common/context.ts';
import { startBallotCheckPool } from '../../infra/ballot-check-pool.ts';
import { completeUpload } from './complete-upload.ts';
import { startUpload } from './start-upload.ts';
import { submitUploadPart } from './submit-upload-part.ts';
import { sweepUploads } from './sweep-uploads.ts';
import { viewBoard, viewE2eBallot } from './view-e2e-ballot.ts';

/** A closed election of seven sealed rankings with two key holders. */
async function closedElection(ctx: AppContext) {
  const rankings = [[0, 1], [0, 2, 1], [1], [1, 0], [2, 3], [3, 2, 0], [0]];
  const { ballotId, trustees, shares, members } = await closedRankedElection(ctx, rankings);
  return { ballotId, trustees, shares, reader: members[30]! };
}

/** A key holder's machine: the whole payload, cut into parts of three ballots. */
async function shuffled(ctx: AppContext, actor: Actor, ballotId: string) {
  const board = await viewBoard(ctx, { actor, ballotId });
  const payload = appendShuffle(board).events.at(-1)!.payload as Record<string, unknown>;
  return { payload, ...splitPayload('shuffle', payload, 3) };
}

const sendAll = async (
  ctx: AppContext,
  actor: Actor,
  ballotId: string,
  step: UploadStep,
  upload: string,
  parts: readonly unknown[],
) => {
  for (const [part, payload] of parts.entries())
    await submitUploadPart(ctx, { actor, ballotId, step, upload, part, payload });
};

const boardLength = async (ctx: AppContext, actor: Actor, ballotId: string) =>
  (await viewBoard(ctx, { actor, ballotId })).events.length;

describeEachDatabase('a shuffle and a decryption handed in in parts', (database) => {
  it('takes a shuffle in three parts as it takes one body, and refuses wrong, missing, foreign and tampered parts', async () => {
    const ctx = testContext(database());
    const { ballotId, trustees, shares, reader } = await closedElection(ctx);
    const [first, second] = trustees as [Actor, Actor];
    const step = 'shuffle' as const;
    // Not the second key holder's turn yet.
    await expect(startUpload(ctx, { actor: second, ballotId, step })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const mine = await shuffled(ctx, first, ballotId);
    const started = await startUpload(ctx, { actor: first, ballotId, step, partBallots: 3 });
    expect(started).toMatchObject({ ballots: 7, partBallots: 3, parts: 3 });
    const { upload } = started;
    const send = (actor: Actor, part: number, payload: unknown) =>
      submitUploadPart(ctx, { actor, ballotId, step, upload, part, payload });

    // Another key holder's part, a part too short, a non-canonical point, a part out of range.
    await expect(send(second, 0, mine.parts[0])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(send(first, 0, mine.parts[1])).resolves.toMatchObject({ received: 1 });
    await expect(send(first, 2, mine.parts[1])).rejects.toMatchObject({ code: 'PROOF_REFUSED' });
    const bad = structuredClone(mine.parts[1]!) as { commitments: string[] };
    bad.commitments[0] = 'ff'.repeat(32);
    await expect(send(first, 1, bad)).rejects.toMatchObject({
      code: 'PROOF_REFUSED',
      message: expect.stringContaining('commitments, ballot 4'),
    });
    await expect(send(first, 3, mine.parts[0])).rejects.toMatchObject({ code: 'PROOF_REFUSED' });
    // The part sent at the wrong place is replaced by the right one; a part sent twice is harmless.
    await send(first, 0, mine.parts[0]);
    await expect(send(first, 0, mine.parts[0])).resolves.toMatchObject({ received: 1, parts: 3 });
    await send(first, 1, mine.parts[1]);
    const before = await boardLength(ctx, reader, ballotId);
    const complete = (actor: Actor, id: string, head: unknown) =>
      completeUpload(ctx, { actor, ballotId, step, upload: id, head });
    await expect(complete(first, upload, mine.head)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Parts 2 of 0–2'),
    });
    await send(first, 2, mine.parts[2]);
    await expect(complete(second, upload, mine.head)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await boardLength(ctx, reader, ballotId)).toBe(before);
    await expect(complete(first, upload, mine.head)).resolves.toMatchObject({ step, seq: before });
    // Exactly what one body would have appended.
    const board = await viewBoard(ctx, { actor: reader, ballotId });
    expect(board.events.at(-1)).toMatchObject({ type: 'shuffle', payload: mine.payload });

    // The second key holder's parts, one tampered (two ballots' ciphertexts swapped): refused
    // whole, nothing appended, the upload gone; started again, it is taken.
    const theirs = await shuffled(ctx, second, ballotId);
    const again = await startUpload(ctx, { actor: second, ballotId, step, partBallots: 3 });
    const tampered = structuredClone(theirs.parts) as { ballots: unknown[] }[];
    [tampered[1]!.ballots[0], tampered[1]!.ballots[1]] = [
      tampered[1]!.ballots[1],
      tampered[1]!.ballots[0],
    ];
    await sendAll(ctx, second, ballotId, step, again.upload, tampered);
    await expect(complete(second, again.upload, theirs.head)).rejects.toMatchObject({
      code: 'PROOF_REFUSED',
    });
    expect(await boardLength(ctx, reader, ballotId)).toBe(before + 1);
    await expect(send(second, 0, theirs.parts[0])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // An abandoned upload: started over, the old one is gone.
    const abandoned = await startUpload(ctx, { actor: second, ballotId, step, partBallots: 3 });
    await sendAll(ctx, second, ballotId, step, abandoned.upload, theirs.parts.slice(0, 1));
    const fresh = await startUpload(ctx, { actor: second, ballotId, step, partBallots: 3 });
    await expect(
      submitUploadPart(ctx, {
        actor: second,
        ballotId,
        step,
        upload: abandoned.upload,
        part: 1,
        payload: theirs.parts[1],
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await sendAll(ctx, second, ballotId, step, fresh.upload, theirs.parts);
    await complete(second, fresh.upload, theirs.head);

    // The first decryption in parts, the second in one body: counted.
    const view = await viewE2eBallot(ctx, { actor: first, ballotId });
    const { hash, ballots } = view.shuffled!;
    const decryption = partialDecryptMix(hash, 1, shares[0]!, ballots as MixBallot[]);
    const split = splitPayload('decryption', { ...decryption }, 2);
    const d = await startUpload(ctx, {
      actor: first,
      ballotId,
      step: 'decryption',
      partBallots: 2,
    });
    expect(d.parts).toBe(4);
    await sendAll(ctx, first, ballotId, 'decryption', d.upload, split.parts);
    await expect(
      completeUpload(ctx, {
        actor: first,
        ballotId,
        step: 'decryption',
        upload: d.upload,
        head: split.head,
      }),
    ).resolves.toMatchObject({ decrypted: 1, needed: 2, result: null });
    const counted = await decryptShuffled(ctx, second, ballotId, shares[1]!);
    expect(counted.result).toMatchObject({ kind: 'ranked', votes: 7 });
    const last = (await viewBoard(ctx, { actor: reader, ballotId })).events;
    expect(last.at(-3)).toMatchObject({ type: 'partial-decryption', payload: decryption });
  }, 180_000);

  it('checks a completion on the proof-checking threads with the ballot unlocked, and appends only what holds', async () => {
    const pool = startBallotCheckPool(2);
    onTestFinished(() => pool.close());
    // The threads' check is held until the test lets it go, so that what the server does
    // meanwhile is seen whatever the machine's speed.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let checking = () => {};
    const started = new Promise<void>((resolve) => (checking = resolve));
    const slices: SliceChecker = {
      threads: 2,
      shuffle: async (s) => {
        checking();
        await held;
        return pool.slices.shuffle(s);
      },
      decryption: (s) => pool.slices.decryption(s),
    };
    const ctx = testContext(database(), { checkSlices: slices });
    const { ballotId, trustees, reader } = await closedElection(ctx);
    const [first, second] = trustees as [Actor, Actor];
    const step = 'shuffle' as const;
    const before = await boardLength(ctx, reader, ballotId);
    const mine = await shuffled(ctx, first, ballotId);
    const { upload } = await startUpload(ctx, { actor: first, ballotId, step, partBallots: 3 });
    await sendAll(ctx, first, ballotId, step, upload, mine.parts);
    const completing = completeUpload(ctx, {
      actor: first,
      ballotId,
      step,
      upload,
      head: mine.head,
    });
    await started;
    // While the proof is checked: the board is read, and another step takes the ballot's lock
    // (refused, as it is not that key holder's turn), neither waiting for the check.
    expect(await boardLength(ctx, reader, ballotId)).toBe(before);
    await expect(startUpload(ctx, { actor: second, ballotId, step })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    release();
    await expect(completing).resolves.toMatchObject({ step, seq: before });
    expect((await viewBoard(ctx, { actor: reader, ballotId })).events.at(-1)).toMatchObject({
      type: 'shuffle',
      payload: mine.payload,
    });

    // A tampered proof (its challenge changed): refused on the threads, nothing appended, the
    // upload discarded.
    const theirs = await shuffled(ctx, second, ballotId);
    const again = await startUpload(ctx, { actor: second, ballotId, step, partBallots: 3 });
    await sendAll(ctx, second, ballotId, step, again.upload, theirs.parts);
    const head = { ...theirs.head, challenge: mine.head['challenge'] };
    await expect(
      completeUpload(ctx, { actor: second, ballotId, step, upload: again.upload, head }),
    ).rejects.toMatchObject({ code: 'PROOF_REFUSED', message: expect.stringContaining('shuffle') });
    expect(await boardLength(ctx, reader, ballotId)).toBe(before + 1);
    await expect(
      submitUploadPart(ctx, {
        actor: second,
        ballotId,
        step,
        upload: again.upload,
        part: 0,
        payload: theirs.parts[0],
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 180_000);

  it('sweeps an upload no part has come to for a day, with its parts, and keeps one still moving', async () => {
    const ctx = movableContext(database(), {}, '2026-07-01T12:00:00Z');
    const { ballotId, trustees } = await closedElection(ctx);
    const [first] = trustees as [Actor];
    const step = 'shuffle' as const;
    const mine = await shuffled(ctx, first, ballotId);
    const { upload } = await startUpload(ctx, { actor: first, ballotId, step, partBallots: 3 });
    const send = (part: number) =>
      submitUploadPart(ctx, {
        actor: first,
        ballotId,
        step,
        upload,
        part,
        payload: mine.parts[part],
      });
    ctx.setNow('2026-07-02T08:00:00Z');
    await send(0);
    // 30 hours after the start, but 16 after its last part: kept.
    ctx.setNow('2026-07-02T18:00:00Z');
    expect(await sweepUploads(ctx)).toBe(0);
    await send(1);
    // A day and an hour after the last part: swept, parts and all.
    ctx.setNow('2026-07-03T19:00:00Z');
    expect(await sweepUploads(ctx)).toBe(1);
    expect(await sweepUploads(ctx)).toBe(0);
    await expect(send(2)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const parts = await ctx.db.selectFrom('ballot_upload_parts').select('part').execute();
    expect(parts).toEqual([]);
    // Started again, the shuffle goes in.
    const again = await startUpload(ctx, { actor: first, ballotId, step, partBallots: 3 });
    await sendAll(ctx, first, ballotId, step, again.upload, mine.parts);
    await expect(
      completeUpload(ctx, { actor: first, ballotId, step, upload: again.upload, head: mine.head }),
    ).resolves.toMatchObject({ step });
  }, 180_000);
});
