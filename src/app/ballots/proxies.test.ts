import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { movableContext } from '../../../test/factories.ts';
import { camdenWithMembers } from '../../../test/story.ts';
import {
  presetStandingOrders,
  type ProxyRules,
} from '../../domain/organisations/standing-orders.ts';
import type { AppContext } from '../common/context.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { verifyAuditChains } from '../common/audit-log.ts';
import { editStandingOrders } from '../organisations/edit-standing-orders.ts';
import { castBallot } from './cast-ballot.ts';
import { closeBallot } from './close-ballot.ts';
import { createBallot } from './create-ballot.ts';
import { createE2eBallot } from './create-e2e-ballot.ts';
import { castE2eBallot } from './cast-e2e-ballot.ts';
import { closeE2eBallot } from './close-e2e-ballot.ts';
import { openE2eBallot } from './open-e2e-ballot.ts';
import { viewBoard, viewE2eBallot } from './view-e2e-ballot.ts';
import { decrypt, encryptFor, setUpKeys, vote } from '../../../test/e2e-devices.ts';
import { encryptBallot } from '../../domain/e2e/index.ts';
import { verifyBoard } from '../../verifier/index.ts';
import { lodgeProxy } from './lodge-proxy.ts';
import { openBallot } from './open-ballot.ts';
import { refuseProxy } from './refuse-proxy.ts';
import { viewBallot } from './view-ballot.ts';
import { viewProxies } from './view-proxies.ts';
import { withdrawProxy } from './withdraw-proxy.ts';

const proxiesAllowed: ProxyRules = {
  allowed: true,
  maxPerHolder: 1,
  kinds: ['ballots'],
  deadlineHours: 24,
  countToQuorum: false,
};

/** Camden under Citrine's rules with proxies as `proxies` says, and a secret ballot drafted. */
async function camdenBallot(
  ctx: AppContext,
  proxies: ProxyRules = proxiesAllowed,
  opensAt?: string,
) {
  const camden = await camdenWithMembers(ctx);
  await editStandingOrders(ctx, {
    actor: camden.admin,
    bodyId: camden.camdenId,
    rules: { ...presetStandingOrders('citrine'), proxies },
  });
  const { ballotId } = await createBallot(ctx, {
    actor: camden.admin,
    bodyId: camden.camdenId,
    question: 'That this branch has no confidence in the Leader.',
    options: { kind: 'yes-no' },
    secret: true,
    ...(opensAt ? { opensAt } : {}),
  });
  return { ...camden, ballotId, target: { ballotId } };
}

describeEachDatabase('proxy votes', (database) => {
  it('lets the holder cast their own vote and the giver’s, counts both, and the roll and box say nothing more', async () => {
    const ctx = movableContext(database());
    const { admin, members, ballotId, target, organisation } = await camdenBallot(ctx);
    const [giver, holder, other, fourth] = members as [Actor, Actor, Actor, Actor];
    const lodged = await lodgeProxy(ctx, {
      actor: giver,
      target,
      holder: holder.personId,
      instruction: 'Vote for.',
    });
    expect(lodged.holderId).toBe(holder.personId);
    // The limit is one proxy per holder: a second giver naming the same holder is refused.
    await expect(
      lodgeProxy(ctx, { actor: other, target, holder: holder.personId }),
    ).rejects.toMatchObject({ code: 'PROXY_LIMIT_REACHED' });
    await openBallot(ctx, { actor: admin, ballotId });

    const seen = await viewBallot(ctx, { actor: holder, ballotId });
    expect(seen.me.proxies).toEqual([
      {
        proxyId: lodged.proxyId,
        giverId: giver.personId,
        giverName: expect.any(String),
        instruction: 'Vote for.',
        voted: false,
      },
    ]);
    await castBallot(ctx, { actor: holder, ballotId, choice: 'for' });
    await castBallot(ctx, { actor: holder, ballotId, choice: 'for', onBehalfOf: giver.personId });
    // A third vote, for the giver again or for themselves, is refused.
    await expect(
      castBallot(ctx, { actor: holder, ballotId, choice: 'against', onBehalfOf: giver.personId }),
    ).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
    await expect(
      castBallot(ctx, { actor: holder, ballotId, choice: 'against' }),
    ).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
    // Nor may the giver vote as well once their proxy has been used; nor anyone use a proxy
    // they do not hold.
    await expect(
      castBallot(ctx, { actor: giver, ballotId, choice: 'against' }),
    ).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
    await expect(
      castBallot(ctx, { actor: fourth, ballotId, choice: 'against', onBehalfOf: other.personId }),
    ).rejects.toMatchObject({ code: 'NOT_ELIGIBLE' });
    await castBallot(ctx, { actor: other, ballotId, choice: 'against' });
    expect((await viewBallot(ctx, { actor: holder, ballotId })).me.proxies[0]!.voted).toBe(true);

    // The roll: a row for each of the three, alike; the box: three papers with no voter.
    const roll = await ctx.db
      .selectFrom('ballot_roll')
      .selectAll()
      .where('ballot_id', '=', ballotId)
      .execute();
    expect(roll.map((r) => Object.keys(r).sort())).toEqual(
      Array(3).fill(['ballot_id', 'person_id']),
    );
    expect(roll.map((r) => r.person_id).sort()).toEqual(
      [giver.personId, holder.personId, other.personId].sort(),
    );
    const box = await ctx.db
      .selectFrom('ballot_box')
      .selectAll()
      .where('ballot_id', '=', ballotId)
      .execute();
    expect(box).toHaveLength(3);
    const people = new Set(members.map((m) => m.personId));
    for (const row of box) {
      expect(Object.keys(row).sort()).toEqual([
        'ballot_id',
        'choice',
        'id',
        'voter_person_id',
        'weight',
      ]);
      expect(row.voter_person_id).toBeNull();
      expect(Object.values(row).some((v) => people.has(String(v)))).toBe(false);
    }
    // Only THAT the giver voted through a proxy: no holder, no time.
    const marks = await ctx.db.selectFrom('ballot_proxy_votes').selectAll().execute();
    expect(marks).toEqual([{ ballot_id: ballotId, person_id: giver.personId }]);

    const result = await closeBallot(ctx, { actor: admin, ballotId, confirmed: true });
    expect(result).toMatchObject({ for: 2, against: 1, votes: 3 });
    expect(await ctx.db.selectFrom('ballot_proxy_votes').selectAll().execute()).toEqual(marks);
    const [chain] = await verifyAuditChains(ctx.db, organisation.organisationId);
    expect(chain?.broken).toBeNull();
  });

  it('refuses proxies the rules do not allow, for oneself, twice, or to someone outside the electorate', async () => {
    const ctx = movableContext(database());
    const { admin, members, target, camdenId } = await camdenBallot(ctx);
    const [giver, holder, other] = members as [Actor, Actor, Actor];
    await expect(
      lodgeProxy(ctx, { actor: giver, target, holder: giver.personId }),
    ).rejects.toMatchObject({ code: 'PROXY_FOR_SELF' });
    await expect(
      lodgeProxy(ctx, { actor: giver, target, holder: admin.personId }),
    ).rejects.toMatchObject({ code: 'PROXY_HOLDER_NOT_ELECTOR' });
    await expect(
      lodgeProxy(ctx, { actor: giver, target, holder: 'nobody@example.org' }),
    ).rejects.toMatchObject({ code: 'PROXY_HOLDER_NOT_ELECTOR' });
    await lodgeProxy(ctx, { actor: giver, target, holder: holder.personId });
    await expect(
      lodgeProxy(ctx, { actor: giver, target, holder: other.personId }),
    ).rejects.toMatchObject({ code: 'PROXY_DUPLICATE' });

    // Rules that allow none, or none in ballots, refuse every proxy.
    for (const proxies of [
      { ...proxiesAllowed, allowed: false },
      { ...proxiesAllowed, kinds: ['elections' as const] },
    ]) {
      await editStandingOrders(ctx, {
        actor: admin,
        bodyId: camdenId,
        rules: { ...presetStandingOrders('citrine'), proxies },
      });
      await expect(
        lodgeProxy(ctx, { actor: other, target, holder: holder.personId }),
      ).rejects.toMatchObject({ code: 'PROXY_NOT_ALLOWED' });
    }
  });

  it('keeps to the deadline for lodging and withdrawing, and a withdrawn proxy cannot be used', async () => {
    const ctx = movableContext(database());
    // Opens on 3 July at 09:00; proxies close 24 hours before.
    const { members, target, ballotId, admin } = await camdenBallot(
      ctx,
      proxiesAllowed,
      '2026-07-03T09:00:00Z',
    );
    const [giver, holder, other, late] = members as [Actor, Actor, Actor, Actor];
    const first = await lodgeProxy(ctx, { actor: giver, target, holder: holder.personId });
    await withdrawProxy(ctx, { actor: giver, proxyId: first.proxyId });
    // Withdrawn: the holder is free to hold another's, and the giver may name someone else.
    await lodgeProxy(ctx, { actor: other, target, holder: holder.personId });
    const again = await lodgeProxy(ctx, { actor: giver, target, holder: late.personId });
    expect((await viewProxies(ctx, { actor: giver, target })).mine).toMatchObject({
      id: again.proxyId,
      state: 'lodged',
    });
    await expect(
      withdrawProxy(ctx, { actor: other, proxyId: again.proxyId }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    ctx.setNow('2026-07-02T09:00:00Z');
    await expect(
      lodgeProxy(ctx, { actor: late, target, holder: giver.personId }),
    ).rejects.toMatchObject({ code: 'PROXY_DEADLINE_PASSED' });
    await expect(
      withdrawProxy(ctx, { actor: giver, proxyId: again.proxyId }),
    ).rejects.toMatchObject({
      code: 'PROXY_DEADLINE_PASSED',
    });

    await openBallot(ctx, { actor: admin, ballotId });
    await expect(
      castBallot(ctx, { actor: holder, ballotId, choice: 'for', onBehalfOf: giver.personId }),
    ).rejects.toMatchObject({ code: 'NOT_ELIGIBLE' });
    await castBallot(ctx, { actor: late, ballotId, choice: 'for', onBehalfOf: giver.personId });
  });

  it('lets the secretary see every proxy and refuse one with a reason; the holder cannot use it', async () => {
    const ctx = movableContext(database());
    const { admin, members, target, ballotId } = await camdenBallot(ctx);
    const [giver, holder, other] = members as [Actor, Actor, Actor];
    const { proxyId } = await lodgeProxy(ctx, {
      actor: giver,
      target,
      holder: holder.personId,
      instruction: 'Against, please.',
    });
    // A member who is neither giver nor holder sees neither the proxy nor its instruction.
    const outsider = await viewProxies(ctx, { actor: other, target });
    expect([outsider.mine, outsider.held, outsider.all]).toEqual([null, [], null]);
    expect((await viewProxies(ctx, { actor: holder, target })).held).toMatchObject([
      { id: proxyId, instruction: 'Against, please.' },
    ]);
    const list = await viewProxies(ctx, { actor: admin, target });
    expect(list.all).toMatchObject([
      { id: proxyId, state: 'lodged', instruction: 'Against, please.' },
    ]);

    await expect(refuseProxy(ctx, { actor: other, proxyId, reason: 'No.' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(refuseProxy(ctx, { actor: admin, proxyId, reason: ' ' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await refuseProxy(ctx, { actor: admin, proxyId, reason: 'The form was not signed.' });
    expect((await viewProxies(ctx, { actor: giver, target })).mine).toMatchObject({
      state: 'refused',
      refusalReason: 'The form was not signed.',
    });
    await openBallot(ctx, { actor: admin, ballotId });
    await expect(
      castBallot(ctx, { actor: holder, ballotId, choice: 'for', onBehalfOf: giver.personId }),
    ).rejects.toMatchObject({ code: 'NOT_ELIGIBLE' });
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('action', 'like', 'proxy.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['proxy.lodged', 'proxy.refused']);
    // The instruction is the giver's, for the holder and the secretary: never in the audit trail.
    expect(audit.some((a) => String(a.data).includes('Against'))).toBe(false);
  });

  it('lets the holder in an end-to-end ballot seal one ballot per vote held, each under its own pseudonym, and the board verifies', async () => {
    const ctx = movableContext(database());
    const { admin, members, camdenId } = await camdenBallot(ctx);
    const [giver, holder, other, t1, t2] = members as [Actor, Actor, Actor, Actor, Actor];
    const { ballotId } = await createE2eBallot(ctx, {
      actor: admin,
      bodyId: camdenId,
      question: 'Verifiable',
      options: { kind: 'yes-no' },
      trustees: [t1.personId, t2.personId],
    });
    const target = { ballotId };
    await lodgeProxy(ctx, { actor: giver, target, holder: holder.personId });
    await expect(
      lodgeProxy(ctx, { actor: other, target, holder: holder.personId }),
    ).rejects.toMatchObject({ code: 'PROXY_LIMIT_REACHED' });
    const shares = await setUpKeys(ctx, ballotId, [t1, t2]);
    await openE2eBallot(ctx, { actor: admin, ballotId });

    // The holder's device is given the giver's pseudonym, and only the holder's.
    const seen = await viewE2eBallot(ctx, { actor: holder, ballotId });
    expect(seen.me.proxies).toEqual([
      expect.objectContaining({ giverId: giver.personId, voted: false, weight: 1 }),
    ]);
    const giversPseudonym = seen.me.proxies[0]!.pseudonym;
    expect(giversPseudonym).not.toBe(seen.me.pseudonym);
    expect((await viewE2eBallot(ctx, { actor: giver, ballotId })).me.pseudonym).toBe(
      giversPseudonym,
    );
    expect((await viewE2eBallot(ctx, { actor: other, ballotId })).me.proxies).toEqual([]);
    const sealFor = (choice: number) =>
      encryptBallot(
        seen.openHash!,
        seen.electionKey!,
        seen.shape,
        giversPseudonym,
        seen.choices.map((_, k) => (k === choice ? 1 : 0)),
      ).ballot;

    const own = await vote(ctx, holder, ballotId, 0);
    // A ballot sealed under the holder's own pseudonym is not the giver's: its proofs say so.
    await expect(
      castE2eBallot(ctx, {
        actor: holder,
        ballotId,
        ballot: await encryptFor(ctx, holder, ballotId, 0),
        onBehalfOf: giver.personId,
      }),
    ).rejects.toMatchObject({ code: 'PROOF_REFUSED' });
    const forGiver = await castE2eBallot(ctx, {
      actor: holder,
      ballotId,
      ballot: sealFor(0),
      onBehalfOf: giver.personId,
    });
    expect(forGiver.tracker).not.toBe(own);
    // A third ballot, for the giver again or for themselves, is refused; so is the giver's own,
    // and a ballot cast for someone whose proxy one does not hold.
    await expect(
      castE2eBallot(ctx, {
        actor: holder,
        ballotId,
        ballot: sealFor(1),
        onBehalfOf: giver.personId,
      }),
    ).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
    await expect(vote(ctx, holder, ballotId, 1)).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
    await expect(vote(ctx, giver, ballotId, 1)).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
    await expect(
      castE2eBallot(ctx, {
        actor: other,
        ballotId,
        ballot: await encryptFor(ctx, other, ballotId, 1),
        onBehalfOf: t1.personId,
      }),
    ).rejects.toMatchObject({ code: 'NOT_ELIGIBLE' });
    await vote(ctx, other, ballotId, 1);
    expect((await viewE2eBallot(ctx, { actor: holder, ballotId })).me.proxies[0]!.voted).toBe(true);

    // The roll: the three, alike; the proxy mark: only that the giver voted through one.
    const roll = await ctx.db
      .selectFrom('ballot_roll')
      .select('person_id')
      .where('ballot_id', '=', ballotId)
      .execute();
    expect(roll.map((r) => r.person_id).sort()).toEqual(
      [giver.personId, holder.personId, other.personId].sort(),
    );
    const marks = await ctx.db
      .selectFrom('ballot_proxy_votes')
      .selectAll()
      .where('ballot_id', '=', ballotId)
      .execute();
    expect(marks).toEqual([{ ballot_id: ballotId, person_id: giver.personId }]);

    await closeE2eBallot(ctx, { actor: admin, ballotId });
    await decrypt(ctx, t1, ballotId, shares[0]!);
    const counted = await decrypt(ctx, t2, ballotId, shares[1]!);
    expect(counted.result).toMatchObject({ for: 2, against: 1, abstain: 0, votes: 3 });

    // The board: three ballots of one shape, each under a pseudonym of the electorate; the
    // independent verifier passes it.
    const board = await viewBoard(ctx, { actor: other, ballotId });
    const open = board.events.find((e) => e.type === 'open')!.payload as {
      electorate: { pseudonym: string }[];
    };
    const ballots = board.events
      .filter((e) => e.type === 'ballot')
      .map((e) => e.payload as { ballot: { pseudonym: string } });
    expect(ballots).toHaveLength(3);
    for (const b of ballots) {
      expect(Object.keys(b).sort()).toEqual(['ballot', 'tracker']);
      expect(open.electorate.map((e) => e.pseudonym)).toContain(b.ballot.pseudonym);
    }
    expect(ballots.map((b) => b.ballot.pseudonym)).toContain(giversPseudonym);
    const verdict = await verifyBoard(JSON.parse(JSON.stringify(board)));
    expect(verdict).toMatchObject({ ok: true });
  });
});
