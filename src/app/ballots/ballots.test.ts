import { sql } from 'kysely';
import { dialectOf } from '../../db/database.ts';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { giveCard, testContext } from '../../../test/factories.ts';
import { camdenWithMembers, personIdOf } from '../../../test/story.ts';
import type { AppContext } from '../common/context.ts';
import { castBallot } from './cast-ballot.ts';
import { closeBallot } from './close-ballot.ts';
import { createBallot, type CreateBallotProps } from './create-ballot.ts';
import { importMembers } from '../organisations/import-members.ts';
import { nominate, secondNomination } from './nominate.ts';
import { openBallot } from './open-ballot.ts';
import { checkReceipt, publishedBox, viewBallot } from './view-ballot.ts';
import { readBlt } from '../../domain/tally/blt.ts';
import { countElection } from '../../domain/tally/count.ts';
import { verifyAuditChains } from '../common/audit-log.ts';
import type { Actor } from '../../domain/organisations/policy.ts';

const noConfidence = 'That this branch has no confidence in the Leader.';

/**
 * Camden's members and a ballot its admin drafted for them: the secret yes-no question of no
 * confidence unless `ballot` says otherwise.
 */
async function ballotInCamden(
  ctx: AppContext,
  ballot: Partial<Omit<CreateBallotProps, 'actor' | 'bodyId'>> = {},
) {
  const camden = await camdenWithMembers(ctx);
  const { ballotId } = await createBallot(ctx, {
    actor: camden.admin,
    bodyId: camden.camdenId,
    question: noConfidence,
    options: { kind: 'yes-no' },
    secret: true,
    ...ballot,
  });
  return { ...camden, ballotId };
}

describeEachDatabase('secret ballots', (database) => {
  it('takes each member’s vote once, gives a receipt, and counts the box at the close', async () => {
    const ctx = testContext(database());
    const { admin, members, organisation, ballotId } = await ballotInCamden(ctx);
    expect(await openBallot(ctx, { actor: admin, ballotId })).toEqual({ electorate: 38 });
    const choices = [
      ...Array(23).fill('for'),
      ...Array(4).fill('against'),
      ...Array(2).fill('abstain'),
    ] as string[];
    const receipts = await Promise.all(
      choices.map((choice, i) => castBallot(ctx, { actor: members[i]!, ballotId, choice })),
    );
    expect(new Set(receipts.map((r) => r.receipt)).size).toBe(29);
    await expect(
      castBallot(ctx, { actor: members[0]!, ballotId, choice: 'against' }),
    ).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
    const during = await viewBallot(ctx, { actor: members[0]!, ballotId });
    expect([during.voted, during.me.voted, during.result]).toEqual([29, true, null]);
    const result = await closeBallot(ctx, { actor: admin, ballotId, confirmed: true });
    expect(result).toMatchObject({
      kind: 'yes-no',
      for: 23,
      against: 4,
      abstain: 2,
      votes: 29,
      electorate: 38,
      outcome: 'carried',
    });
    await expect(
      castBallot(ctx, { actor: members[30]!, ballotId, choice: 'for' }),
    ).rejects.toMatchObject({ code: 'BALLOT_CLOSED' });
    expect(
      await checkReceipt(ctx, {
        actor: members[5]!,
        ballotId,
        receipt: receipts[5]!.receipt.toLowerCase(),
      }),
    ).toEqual({ found: true, counted: true });
    expect(
      await checkReceipt(ctx, { actor: members[5]!, ballotId, receipt: 'AAAA-BBBB-CCCC' }),
    ).toEqual({ found: false, counted: false });
    const box = await publishedBox(ctx, { actor: members[5]!, ballotId });
    expect(box.choices).toEqual([
      { choice: 'abstain', weight: 2, papers: 2 },
      { choice: 'against', weight: 4, papers: 4 },
      { choice: 'for', weight: 23, papers: 23 },
    ]);
    expect(box.receipts).toHaveLength(29);
    const [chain] = await verifyAuditChains(ctx.db, organisation.organisationId);
    expect(chain?.broken).toBeNull();
  });

  it('refuses votes from outside the electorate, before the opening, and choices not on the paper', async () => {
    const ctx = testContext(database());
    const { admin, camdenId, hackneyId, members, ballotId } = await ballotInCamden(ctx);
    await expect(
      castBallot(ctx, { actor: members[0]!, ballotId, choice: 'for' }),
    ).rejects.toMatchObject({ code: 'BALLOT_NOT_OPEN' });
    await openBallot(ctx, { actor: admin, ballotId });
    await expect(castBallot(ctx, { actor: admin, ballotId, choice: 'for' })).rejects.toMatchObject({
      code: 'NOT_ELIGIBLE',
    });
    await expect(
      castBallot(ctx, { actor: members[0]!, ballotId, choice: 'maybe' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // Someone who joins after the opening is not on the frozen electorate.
    await importMembers(ctx, {
      actor: admin,
      bodyId: camdenId,
      csv: 'Name,Email\nNew Member,new@example.org',
      dryRun: false,
    });
    const newcomer = await personIdOf(ctx, 'new@example.org');
    await expect(
      castBallot(ctx, {
        actor: { personId: newcomer, isSiteAdmin: false, memberships: [] },
        ballotId,
        choice: 'for',
      }),
    ).rejects.toMatchObject({ code: 'NOT_ELIGIBLE' });
    // A member of another branch cannot even see it.
    const hackneyMember: Actor = {
      personId: 'x',
      isSiteAdmin: false,
      memberships: [
        {
          bodyId: hackneyId,
          organisationId: members[0]!.memberships[0]!.organisationId,
          role: 'member',
        },
      ],
    };
    await expect(viewBallot(ctx, { actor: hackneyMember, ballotId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      createBallot(ctx, {
        actor: members[0]!,
        bodyId: camdenId,
        question: 'q',
        options: { kind: 'yes-no' },
        secret: true,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('counts exactly one of 1,000 concurrent attempts by one member', async () => {
    const ctx = testContext(database());
    const { admin, members, ballotId } = await ballotInCamden(ctx);
    await openBallot(ctx, { actor: admin, ballotId });
    const attempts = await Promise.allSettled(
      Array.from({ length: 1000 }, (_, i) =>
        castBallot(ctx, { actor: members[7]!, ballotId, choice: i % 2 ? 'for' : 'against' }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const refusals = attempts.flatMap((a) =>
      a.status === 'rejected' ? [(a.reason as { code: string }).code] : [],
    );
    expect(new Set(refusals)).toEqual(new Set(['ALREADY_VOTED']));
    const rows = await ctx.db
      .selectFrom('ballot_box')
      .select('id')
      .where('ballot_id', '=', ballotId)
      .execute();
    expect(rows).toHaveLength(1);
    const result = await closeBallot(ctx, { actor: admin, ballotId, confirmed: true });
    expect(result.votes).toBe(1);
  });

  it('weights a card vote by each elector’s weight', async () => {
    const ctx = testContext(database());
    const { admin, camdenId, members, ballotId } = await ballotInCamden(ctx, {
      question: 'Card vote',
      secret: false,
      weighted: true,
    });
    // Weights are read when the electorate is frozen, at the opening.
    await giveCard(ctx, { bodyId: camdenId, personId: members[0]!.personId }, 120);
    await openBallot(ctx, { actor: admin, ballotId });
    await castBallot(ctx, { actor: members[0]!, ballotId, choice: 'against' });
    await castBallot(ctx, { actor: members[1]!, ballotId, choice: 'for' });
    expect(await closeBallot(ctx, { actor: admin, ballotId, confirmed: true })).toMatchObject({
      for: 1,
      against: 120,
      outcome: 'lost',
    });
    const view = await viewBallot(ctx, { actor: admin, ballotId });
    expect(view.namedVotes).toHaveLength(2);
  });

  it('holds an election whose published BLT recounts to the same result', async () => {
    const ctx = testContext(database());
    const candidates = ['Alba Patel', 'Ben Mensah', 'Grace Young', 'Omar Usman'];
    const { admin, members, ballotId } = await ballotInCamden(ctx, {
      question: 'Branch committee',
      options: { kind: 'ranked', candidates, seats: 2, method: 'scottish-stv' },
    });
    await openBallot(ctx, { actor: admin, ballotId });
    const patterns = [[0, 1], [1, 0, 2], [2, 3], [3], [0, 2, 1]];
    for (const [i, m] of members.slice(0, 30).entries())
      await castBallot(ctx, { actor: m, ballotId, choice: patterns[i % patterns.length] });
    const result = await closeBallot(ctx, { actor: admin, ballotId, confirmed: true });
    if (result.kind !== 'ranked') throw new Error('expected an election');
    const box = await publishedBox(ctx, { actor: admin, ballotId });
    const recount = countElection(readBlt(box.blt!), 'scottish-stv', { seed: ballotId });
    expect(recount.winners).toEqual(result.count.winners);
    expect(result.count.winners).toHaveLength(2);
  });

  it('leaves nothing in the database that links a voter to a choice', async () => {
    const ctx = testContext(database());
    const { admin, members, ballotId } = await ballotInCamden(ctx);
    await openBallot(ctx, { actor: admin, ballotId });
    // Members vote one at a time, in person-id order, alternating for and against: if anything
    // kept arrival order, the box would line up with the roll.
    for (const [i, m] of members.entries())
      await castBallot(ctx, { actor: m, ballotId, choice: i % 2 ? 'for' : 'against' });
    await closeBallot(ctx, { actor: admin, ballotId, confirmed: true });

    // Rows as storage holds them: PostgreSQL's heap order, SQLite's table order.
    const physical = (table: string) =>
      sql
        .raw<Record<string, unknown>>(
          `select * from ${table} where ballot_id = '${ballotId}'${dialectOf(ctx.db) === 'postgres' ? ' order by ctid' : ''}`,
        )
        .execute(ctx.db);
    const box = (await physical('ballot_box')).rows;
    const roll = (await physical('ballot_roll')).rows;
    const receipts = (await physical('ballot_receipts')).rows;

    // No column of the box or receipts names a person, a session or a time.
    expect(Object.keys(box[0]!).sort()).toEqual([
      'ballot_id',
      'choice',
      'id',
      'voter_person_id',
      'weight',
    ]);
    expect(box.every((r) => r.voter_person_id === null)).toBe(true);
    expect(Object.keys(roll[0]!).sort()).toEqual(['ballot_id', 'person_id']);
    expect(Object.keys(receipts[0]!).sort()).toEqual(['ballot_id', 'fingerprint']);
    // The roll is in the order members voted (here, by person): whatever order it keeps, the box
    // must not keep the same one. The box is stored by value: by choice and random id.
    expect(roll.map((r) => r.person_id)).toEqual(members.map((m) => m.personId));
    const boxOrder = box.map((r) => `${String(r.choice)} ${String(r.id)}`);
    expect(dialectOf(ctx.db) === 'postgres' ? boxOrder : box.map((r) => String(r.id))).toEqual(
      dialectOf(ctx.db) === 'postgres' ? [...boxOrder].sort() : box.map((r) => String(r.id)).sort(),
    );
    const choicesInArrivalOrder = members.map((_, i) => (i % 2 ? 'for' : 'against'));
    expect(box.map((r) => r.choice)).not.toEqual(choicesInArrivalOrder);
    // Receipts hold no choice, and on SQLite are stored by fingerprint.
    if (dialectOf(ctx.db) === 'sqlite') {
      expect(receipts.map((r) => r.fingerprint)).toEqual(
        receipts.map((r) => String(r.fingerprint)).sort(),
      );
    }
    // No other table mentions the box: ids of box rows appear nowhere else.
    const everything = JSON.stringify(
      await Promise.all(
        [
          'audit_events',
          'ballots',
          'ballot_electors',
          'ballot_roll',
          'ballot_receipts',
          'sessions',
          'tokens',
        ].map((t) =>
          sql
            .raw(`select * from ${t}`)
            .execute(ctx.db)
            .then((r) => r.rows),
        ),
      ),
    );
    for (const r of box) expect(everything).not.toContain(String(r.id));
  });

  it('puts on the paper only candidates proposed and seconded by other members', async () => {
    const ctx = testContext(database());
    const { admin, camdenId, members, ballotId } = await ballotInCamden(ctx, {
      question: 'Branch secretary',
      options: { kind: 'ranked', candidates: [], seats: 1, method: 'irv' },
    });
    // Members by their number, so that who proposes whom does not depend on random ids.
    const byNumber = async (n: string) => {
      const row = await ctx.db
        .selectFrom('memberships')
        .select('person_id')
        .where('body_id', '=', camdenId)
        .where('member_number', '=', n)
        .executeTakeFirstOrThrow();
      return members.find((m) => m.personId === row.person_id)!;
    };
    const [alba, ben, grace] = await Promise.all(['M100010', 'M100011', 'M100002'].map(byNumber));
    const email = async (a: Actor) =>
      (
        await ctx.db
          .selectFrom('people')
          .select('email')
          .where('id', '=', a.personId)
          .executeTakeFirstOrThrow()
      ).email;
    await expect(
      nominate(ctx, { actor: alba!, ballotId, candidate: await email(alba!) }),
    ).rejects.toMatchObject({
      code: 'NOMINATION_INVALID',
      message: 'A candidate cannot propose themselves.',
    });
    await expect(
      nominate(ctx, { actor: alba!, ballotId, candidate: 'nobody@example.org' }),
    ).rejects.toMatchObject({
      code: 'NOMINATION_INVALID',
    });
    const first = await nominate(ctx, { actor: alba!, ballotId, candidate: 'M100001' });
    await nominate(ctx, { actor: alba!, ballotId, candidate: await email(grace!) });
    await expect(
      nominate(ctx, { actor: ben!, ballotId, candidate: 'M100001' }),
    ).rejects.toMatchObject({
      message: 'That member has already been nominated.',
    });
    await expect(
      secondNomination(ctx, { actor: alba!, nominationId: first.nominationId }),
    ).rejects.toMatchObject({
      message: 'The seconder must be someone other than the proposer.',
    });
    await secondNomination(ctx, { actor: ben!, nominationId: first.nominationId });
    await expect(
      secondNomination(ctx, { actor: grace!, nominationId: first.nominationId }),
    ).rejects.toMatchObject({
      message: 'This nomination has already been seconded.',
    });
    await expect(openBallot(ctx, { actor: admin, ballotId })).resolves.toBeTruthy();
    const view = await viewBallot(ctx, { actor: ben!, ballotId });
    // Grace's nomination was never seconded, so it fell.
    expect(view.options).toMatchObject({ kind: 'ranked', candidates: ['Farah Young'] });
    // Nominations made at the same instant are listed by name; find each rather than rely on order.
    expect(view.nominations).toHaveLength(2);
    expect(view.nominations.find((n) => n.candidate === 'Farah Young')?.seconder).toEqual(
      expect.any(String),
    );
    expect(view.nominations.filter((n) => n.seconder === null)).toHaveLength(1);
    await expect(
      nominate(ctx, { actor: ben!, ballotId, candidate: 'M100002' }),
    ).rejects.toMatchObject({
      message: 'Nominations have closed: the ballot is open.',
    });
  });

  it('refuses to open an election with fewer candidates than seats', async () => {
    const ctx = testContext(database());
    const { admin, ballotId } = await ballotInCamden(ctx, {
      question: 'Committee',
      options: { kind: 'ranked', candidates: ['Only One'], seats: 2, method: 'scottish-stv' },
    });
    await expect(openBallot(ctx, { actor: admin, ballotId })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'An election for 2 seats needs at least as many candidates; it has 1.',
    });
  });
});
