import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { giveCard, testContext } from '../../../test/factories.ts';
import { camdenWithMembers } from '../../../test/story.ts';
import { decrypt, encryptFor, expectChained, setUpKeys, vote } from '../../../test/e2e-devices.ts';
import {
  type EncryptedBallot,
  makePolynomial,
  makeTrusteeKey,
  openShares,
  type TrusteeKeyPayload,
  weightedTotal,
} from '../../domain/e2e/index.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { AppContext } from '../common/context.ts';
import { verifyAuditChains } from '../common/audit-log.ts';
import { castBallot } from './cast-ballot.ts';
import { castE2eBallot } from './cast-e2e-ballot.ts';
import { closeE2eBallot } from './close-e2e-ballot.ts';
import { createE2eBallot, type CreateE2eBallotProps } from './create-e2e-ballot.ts';
import { openBallot } from './open-ballot.ts';
import { openE2eBallot } from './open-e2e-ballot.ts';
import { submitTrusteeKey } from './submit-trustee-key.ts';
import { submitTrusteePolynomial } from './submit-trustee-polynomial.ts';
import { submitTrusteeVerification } from './submit-trustee-verification.ts';
import { viewBallot } from './view-ballot.ts';
import { viewBoard, viewE2eBallot } from './view-e2e-ballot.ts';

const noConfidence = 'That this branch has no confidence in the Leader.';

async function draft(
  ctx: AppContext,
  actor: Actor,
  bodyId: string,
  props: Partial<Omit<CreateE2eBallotProps, 'actor' | 'bodyId'>> &
    Pick<CreateE2eBallotProps, 'trustees'>,
) {
  return createE2eBallot(ctx, {
    actor,
    bodyId,
    question: noConfidence,
    options: { kind: 'yes-no' },
    ...props,
  });
}

describeEachDatabase('end-to-end verifiable ballots', (database) => {
  it('takes encrypted ballots checked against their proofs, and counts them with two trustees of two', async () => {
    const ctx = testContext(database());
    const { admin, camdenId, members, organisation } = await camdenWithMembers(ctx);
    const trustees = [members[0]!, members[1]!];
    const { ballotId } = await draft(ctx, admin, camdenId, {
      trustees: trustees.map((t) => t.personId),
    });
    await expect(openE2eBallot(ctx, { actor: admin, ballotId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // The plain ballot's steps refuse it: its votes never travel in the clear.
    await expect(openBallot(ctx, { actor: admin, ballotId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const shares = await setUpKeys(ctx, ballotId, trustees);
    expect(await openE2eBallot(ctx, { actor: admin, ballotId })).toMatchObject({ electorate: 38 });
    await expect(
      castBallot(ctx, { actor: members[9]!, ballotId, choice: 'for' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    // 0 for, 1 against, 2 abstain.
    const choices = [0, 0, 0, 1, 2];
    const trackers = [];
    for (const [i, choice] of choices.entries())
      trackers.push(await vote(ctx, members[i + 2]!, ballotId, choice));

    const before = (await viewBoard(ctx, { actor: admin, ballotId })).events.length;
    // A forged proof: the responses of the first choice's proof swapped. Refused, nothing saved.
    const honest = await encryptFor(ctx, members[10]!, ballotId, 0);
    const [zero, one] = honest.individual[0]!;
    const forged = {
      ...honest,
      individual: [
        [
          { ...zero!, response: one!.response },
          { ...one!, response: zero!.response },
        ],
        ...honest.individual.slice(1),
      ],
    };
    await expect(
      castE2eBallot(ctx, { actor: members[10]!, ballotId, ballot: forged }),
    ).rejects.toMatchObject({ code: 'PROOF_REFUSED' });
    // Another voter's ballot, copied: its proofs are bound to their pseudonym.
    const mine = await encryptFor(ctx, members[11]!, ballotId, 1);
    await expect(
      castE2eBallot(ctx, { actor: members[12]!, ballotId, ballot: mine }),
    ).rejects.toMatchObject({ code: 'PROOF_REFUSED' });
    const theirs = await viewE2eBallot(ctx, { actor: members[12]!, ballotId });
    await expect(
      castE2eBallot(ctx, {
        actor: members[12]!,
        ballotId,
        ballot: { ...mine, pseudonym: theirs.me.pseudonym },
      }),
    ).rejects.toMatchObject({ code: 'PROOF_REFUSED' });
    expect((await viewBoard(ctx, { actor: admin, ballotId })).events.length).toBe(before);
    expect((await viewE2eBallot(ctx, { actor: members[10]!, ballotId })).me.voted).toBe(false);
    // A second ballot from one who has voted.
    await expect(vote(ctx, members[2]!, ballotId, 1)).rejects.toMatchObject({
      code: 'ALREADY_VOTED',
    });

    expect(await closeE2eBallot(ctx, { actor: admin, ballotId })).toEqual({
      ballots: 5,
      awaitingDecryption: true,
      result: null,
    });
    await expect(vote(ctx, members[20]!, ballotId, 0)).rejects.toMatchObject({
      code: 'BALLOT_CLOSED',
    });
    const firstPart = await decrypt(ctx, trustees[0]!, ballotId, shares[0]!);
    expect(firstPart).toEqual({ decrypted: 1, needed: 2, result: null });
    await expect(decrypt(ctx, trustees[0]!, ballotId, shares[0]!)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const counted = await decrypt(ctx, trustees[1]!, ballotId, shares[1]!);
    expect(counted.result).toMatchObject({
      kind: 'yes-no',
      for: 3,
      against: 1,
      abstain: 1,
      votes: 5,
      electorate: 38,
      outcome: 'carried',
    });

    const board = await viewBoard(ctx, { actor: members[30]!, ballotId });
    expectChained(board);
    expect(board.events.map((e) => e.type)).toEqual([
      'setup',
      'trustee-key',
      'trustee-key',
      'trustee-polynomial',
      'trustee-polynomial',
      'trustee-verification',
      'trustee-verification',
      'open',
      ...choices.map(() => 'ballot'),
      'close',
      'total',
      'partial-decryption',
      'partial-decryption',
      'result',
    ]);
    // Each voter finds their tracker on the board.
    const onBoard = board.events.flatMap((e) =>
      e.type === 'ballot' ? [(e.payload as { tracker: string }).tracker] : [],
    );
    expect(onBoard).toEqual(trackers);
    expect(board.events.at(-1)!.payload).toEqual({
      counts: [3, 1, 1],
      trustees: [1, 2],
      voted: 5,
      weight: 5,
      outcome: 'carried',
    });
    const viewed = await viewBallot(ctx, { actor: members[30]!, ballotId });
    expect([viewed.state, viewed.endToEnd, viewed.resultHash]).toEqual([
      'closed',
      true,
      expect.any(String),
    ]);
    const [chain] = await verifyAuditChains(ctx.db, organisation.organisationId);
    expect(chain?.broken).toBeNull();
  });

  it('counts a card vote with any two of three trustees, refusing anyone else’s key steps', async () => {
    const ctx = testContext(database());
    const { admin, camdenId, members } = await camdenWithMembers(ctx);
    const trustees = [members[0]!, members[1]!, members[2]!];
    const { ballotId, setupHash } = await draft(ctx, admin, camdenId, {
      trustees: trustees.map((t) => t.personId),
      needed: 2,
      weighted: true,
    });
    // Not a trustee; a trustee sending another's number; a key whose proof does not hold.
    const stranger = makeTrusteeKey(setupHash, 1).payload;
    await expect(
      submitTrusteeKey(ctx, { actor: members[5]!, ballotId, payload: stranger }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      submitTrusteeKey(ctx, { actor: trustees[1]!, ballotId, payload: stranger }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = makeTrusteeKey(setupHash, 1).payload;
    await expect(
      submitTrusteeKey(ctx, {
        actor: trustees[0]!,
        ballotId,
        payload: { ...stranger, proof: other.proof },
      }),
    ).rejects.toMatchObject({ code: 'PROOF_REFUSED' });
    expect((await viewBoard(ctx, { actor: admin, ballotId })).events).toHaveLength(1);

    await giveCard(ctx, { bodyId: camdenId, personId: members[10]!.personId }, 120);
    await giveCard(ctx, { bodyId: camdenId, personId: members[11]!.personId }, 45);
    const shares = await setUpKeys(ctx, ballotId, trustees);
    await openE2eBallot(ctx, { actor: admin, ballotId });
    const opened = (await viewBoard(ctx, { actor: admin, ballotId })).events.find(
      (e) => e.type === 'open',
    )!.payload as { electorate: { pseudonym: string; weight: number }[] };
    expect(
      opened.electorate
        .map((e) => e.weight)
        .sort((a, b) => b - a)
        .slice(0, 3),
    ).toEqual([120, 45, 1]);
    const mine = await viewE2eBallot(ctx, { actor: members[10]!, ballotId });
    expect(mine.me).toMatchObject({ weight: 120, voted: false, trustee: null });

    await vote(ctx, members[10]!, ballotId, 1); // 120 against
    await vote(ctx, members[11]!, ballotId, 0); // 45 for
    await vote(ctx, members[12]!, ballotId, 0); // 1 for
    await vote(ctx, members[13]!, ballotId, 2); // 1 abstains
    await closeE2eBallot(ctx, { actor: admin, ballotId });
    // Trustees 3 and 1: any two of the three count it.
    expect((await decrypt(ctx, trustees[2]!, ballotId, shares[2]!)).result).toBeNull();
    const counted = await decrypt(ctx, trustees[0]!, ballotId, shares[0]!);
    expect(counted.result).toMatchObject({
      kind: 'yes-no',
      for: 46,
      against: 120,
      abstain: 1,
      votes: 167,
      outcome: 'lost',
    });
    await expect(decrypt(ctx, trustees[1]!, ballotId, shares[1]!)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const board = await viewBoard(ctx, { actor: admin, ballotId });
    expectChained(board);
    expect(board.events.at(-1)!.payload).toEqual({
      counts: [46, 120, 1],
      trustees: [3, 1],
      voted: 4,
      weight: 167,
      outcome: 'not-carried',
    });
  });

  it('keeps the weighted total as ballots are cast, and reads the ballots again when it is short of the board', async () => {
    const ctx = testContext(database());
    const { admin, camdenId, members } = await camdenWithMembers(ctx);
    const trustees = [members[0]!, members[1]!];
    await giveCard(ctx, { bodyId: camdenId, personId: members[10]!.personId }, 7);
    const counted = [];
    for (const short of [false, true]) {
      const { ballotId } = await draft(ctx, admin, camdenId, {
        trustees: trustees.map((t) => t.personId),
        weighted: true,
      });
      const shares = await setUpKeys(ctx, ballotId, trustees);
      await openE2eBallot(ctx, { actor: admin, ballotId });
      await vote(ctx, members[10]!, ballotId, 0); // 7 for
      await vote(ctx, members[11]!, ballotId, 1); // 1 against
      // As a ballot cast before the running total was kept (migration 0031) leaves it.
      if (short)
        await ctx.db
          .deleteFrom('ballot_running_totals')
          .where('ballot_id', '=', ballotId)
          .execute();
      await vote(ctx, members[12]!, ballotId, 0); // 1 for
      const running = await ctx.db
        .selectFrom('ballot_running_totals')
        .selectAll()
        .where('ballot_id', '=', ballotId)
        .executeTakeFirstOrThrow();
      expect([running.ballots, running.weight]).toEqual(short ? [1, 1] : [3, 9]);
      await closeE2eBallot(ctx, { actor: admin, ballotId });
      // The total on the board is the board's own ballots, weighted, either way.
      const board = await viewBoard(ctx, { actor: admin, ballotId });
      const weights = new Map(
        (
          board.events.find((e) => e.type === 'open')!.payload as {
            electorate: { pseudonym: string; weight: number }[];
          }
        ).electorate.map((e) => [e.pseudonym, e.weight]),
      );
      const cast = board.events
        .filter((e) => e.type === 'ballot')
        .map((e) => (e.payload as { ballot: EncryptedBallot }).ballot)
        .map((ballot) => ({ ballot, weight: weights.get(ballot.pseudonym)! }));
      expect(board.events.find((e) => e.type === 'total')!.payload).toEqual({
        ciphertexts: weightedTotal({ choices: 3, min: 1, max: 1 }, cast),
      });
      await decrypt(ctx, trustees[0]!, ballotId, shares[0]!);
      counted.push((await decrypt(ctx, trustees[1]!, ballotId, shares[1]!)).result);
      expect(
        (await viewBoard(ctx, { actor: admin, ballotId })).events.at(-1)!.payload,
      ).toMatchObject({ counts: [8, 1, 0], voted: 3, weight: 9 });
    }
    expect(counted[1]).toEqual(counted[0]);
  });

  it('counts a choice of options by the most weight, and a ballot nobody voted in as all zeros', async () => {
    const ctx = testContext(database());
    const { admin, camdenId, members } = await camdenWithMembers(ctx);
    const trustees = [members[0]!, members[1]!];
    const { ballotId } = await draft(ctx, admin, camdenId, {
      question: 'Where shall the branch meet?',
      options: { kind: 'choice', options: ['Library', 'Town hall', 'Pub'] },
      trustees: trustees.map((t) => t.personId),
    });
    const shares = await setUpKeys(ctx, ballotId, trustees);
    await openE2eBallot(ctx, { actor: admin, ballotId });
    for (const [i, choice] of [2, 1, 2].entries())
      await vote(ctx, members[i + 5]!, ballotId, choice);
    await closeE2eBallot(ctx, { actor: admin, ballotId });
    await decrypt(ctx, trustees[1]!, ballotId, shares[1]!);
    const counted = await decrypt(ctx, trustees[0]!, ballotId, shares[0]!);
    expect(counted.result).toMatchObject({ kind: 'choice', counts: [0, 1, 2], winners: [2] });
    const board = await viewBoard(ctx, { actor: admin, ballotId });
    expect(board.events.at(-1)!.payload).toMatchObject({ counts: [0, 1, 2], outcome: '2' });

    const empty = await draft(ctx, admin, camdenId, { trustees: trustees.map((t) => t.personId) });
    await setUpKeys(ctx, empty.ballotId, trustees);
    await openE2eBallot(ctx, { actor: admin, ballotId: empty.ballotId });
    const closed = await closeE2eBallot(ctx, { actor: admin, ballotId: empty.ballotId });
    expect(closed).toMatchObject({ ballots: 0, awaitingDecryption: false });
    expect(closed.result).toMatchObject({ for: 0, against: 0, abstain: 0, outcome: 'not-carried' });
    const emptyBoard = await viewBoard(ctx, { actor: admin, ballotId: empty.ballotId });
    expectChained(emptyBoard);
    expect(emptyBoard.events.slice(-2).map((e) => e.type)).toEqual(['close', 'result']);
  });

  it('keeps one chain when keys and ballots arrive at once: appends to a board take turns', async () => {
    const ctx = testContext(database());
    const { admin, camdenId, members } = await camdenWithMembers(ctx);
    const trustees = [members[0]!, members[1]!, members[2]!];
    const { ballotId, setupHash } = await draft(ctx, admin, camdenId, {
      trustees: trustees.map((t) => t.personId),
      needed: 2,
    });
    // Three keys at once: each is appended after the other, never at the same seq.
    const made = trustees.map((_, i) => makeTrusteeKey(setupHash, i + 1));
    await Promise.all(
      trustees.map((actor, i) =>
        submitTrusteeKey(ctx, { actor, ballotId, payload: made[i]!.payload }),
      ),
    );
    const keyed = await viewBoard(ctx, { actor: admin, ballotId });
    expectChained(keyed);
    expect(keyed.events.map((e) => e.type)).toEqual([
      'setup',
      'trustee-key',
      'trustee-key',
      'trustee-key',
    ]);
    const keys = keyed.events.slice(1).map((e) => e.payload as TrusteeKeyPayload);
    const secrets = new Map(made.map((m, i) => [i + 1, m.secret]));
    const ordered = [...keys].sort((a, b) => a.trustee - b.trustee);
    await Promise.all(
      trustees.map((actor, i) =>
        submitTrusteePolynomial(ctx, {
          actor,
          ballotId,
          payload: makePolynomial(setupHash, i + 1, 2, ordered),
        }),
      ),
    );
    const state = await viewE2eBallot(ctx, { actor: admin, ballotId });
    await Promise.all(
      trustees.map((actor, i) =>
        submitTrusteeVerification(ctx, {
          actor,
          ballotId,
          payload: openShares(setupHash, i + 1, secrets.get(i + 1)!, state.polynomials).payload,
        }),
      ),
    );
    await openE2eBallot(ctx, { actor: admin, ballotId });
    const voters = members.slice(5, 15);
    const ballots = await Promise.all(
      voters.map((voter, i) => encryptFor(ctx, voter, ballotId, i % 3)),
    );
    const cast = await Promise.all(
      voters.map((actor, i) => castE2eBallot(ctx, { actor, ballotId, ballot: ballots[i] })),
    );
    expect(new Set(cast.map((c) => c.seq)).size).toBe(10);
    const after = await viewBoard(ctx, { actor: admin, ballotId });
    expectChained(after);
    expect(after.events.filter((e) => e.type === 'ballot')).toHaveLength(10);
  });

  it('refuses trustees who are not members, t out of range, and elections by card vote', async () => {
    const ctx = testContext(database());
    const { admin, camdenId, members } = await camdenWithMembers(ctx);
    const two = [members[0]!.personId, members[1]!.personId];
    await expect(draft(ctx, admin, camdenId, { trustees: [two[0]!] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(draft(ctx, admin, camdenId, { trustees: two, needed: 3 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      draft(ctx, admin, camdenId, { trustees: [two[0]!, 'nobody@example.org'] }),
    ).rejects.toMatchObject({ code: 'NOT_A_MEMBER' });
    await expect(
      draft(ctx, admin, camdenId, {
        trustees: two,
        weighted: true,
        options: { kind: 'ranked', candidates: ['A', 'B'], seats: 1, method: 'scottish-stv' },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(draft(ctx, members[3]!, camdenId, { trustees: two })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
