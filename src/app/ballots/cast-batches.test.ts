/**
 * Casting in batches (issue 21): on PostgreSQL in one statement, on SQLite (on disk or in
 * memory) in one transaction. The same rules hold on every path: each vote is answered on its own, a refused vote leaves the rest of
 * its batch alone, a member's second vote is refused however the two arrive, and a ballot closed
 * while votes arrive takes none after its close.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { camdenWithMembers } from '../../../test/story.ts';
import type { DialectName, OpenDatabase } from '../../db/database.ts';
import type { AppContext } from '../common/context.ts';
import { castBallot } from './cast-ballot.ts';
import { closeBallot } from './close-ballot.ts';
import { createBallot } from './create-ballot.ts';
import { openBallot } from './open-ballot.ts';
import { checkReceipt } from './view-ballot.ts';

const paths = DIALECTS.flatMap(
  (dialect): { dialect: DialectName; onDisk: boolean; name: string }[] =>
    dialect === 'sqlite'
      ? [
          { dialect, onDisk: true, name: 'SQLite on disk' },
          { dialect, onDisk: false, name: 'SQLite in memory' },
        ]
      : [{ dialect, onDisk: false, name: 'PostgreSQL' }],
);

async function openCamdenBallot(ctx: AppContext, secret = true) {
  const camden = await camdenWithMembers(ctx);
  const { ballotId } = await createBallot(ctx, {
    actor: camden.admin,
    bodyId: camden.camdenId,
    question: 'That the branch meets monthly.',
    options: { kind: 'yes-no' },
    secret,
  });
  await openBallot(ctx, { actor: camden.admin, ballotId });
  return { ...camden, ballotId };
}

const codeOf = (r: PromiseSettledResult<unknown>) =>
  r.status === 'rejected' ? ((r.reason as { code?: string }).code ?? String(r.reason)) : 'ok';

for (const path of paths) {
  describe(`casting in batches [${path.name}]`, () => {
    let open: OpenDatabase | undefined;
    afterEach(async () => {
      await open?.close();
      open = undefined;
    });
    const context = async () => {
      open = await freshDatabase(path.dialect, { onDisk: path.onDisk });
      return testContext(open);
    };

    it('answers each of many concurrent votes on its own; refusals leave the others alone', async () => {
      const ctx = await context();
      const { admin, members, ballotId } = await openCamdenBallot(ctx);
      // One batch: every member once, one twice, one bad choice, one outsider (the admin is
      // not a member of the register), one ballot that does not exist.
      const attempts = await Promise.allSettled([
        ...members.map((m, i) =>
          castBallot(ctx, {
            actor: m,
            ballotId,
            choice: i === 3 ? 'maybe' : i % 3 ? 'for' : 'against',
          }),
        ),
        castBallot(ctx, { actor: members[5]!, ballotId, choice: 'abstain' }),
        castBallot(ctx, { actor: admin, ballotId, choice: 'for' }),
        castBallot(ctx, { actor: members[6]!, ballotId: 'no-such-ballot', choice: 'for' }),
      ]);
      const codes = attempts.map(codeOf);
      const n = members.length;
      expect(codes[3]).toBe('VALIDATION_FAILED');
      expect(codes.slice(n)).toEqual(['ALREADY_VOTED', 'NOT_ELIGIBLE', 'NOT_FOUND']);
      expect(codes.slice(0, n).filter((c) => c === 'ok')).toHaveLength(n - 1);
      // Each receipt is in the box.
      const receipts = attempts
        .slice(0, n)
        .flatMap((a) => (a.status === 'fulfilled' ? [a.value.receipt] : []));
      expect(new Set(receipts).size).toBe(n - 1);
      for (const receipt of receipts.slice(0, 5))
        expect(await checkReceipt(ctx, { actor: members[0]!, ballotId, receipt })).toMatchObject({
          found: true,
        });
      // The member who was refused for a bad choice still votes.
      await castBallot(ctx, { actor: members[3]!, ballotId, choice: 'for' });
      const box = await ctx.db
        .selectFrom('ballot_box')
        .select(['voter_person_id'])
        .where('ballot_id', '=', ballotId)
        .execute();
      expect(box).toHaveLength(n);
      // Secret: no box row names its voter.
      expect(box.every((b) => b.voter_person_id === null)).toBe(true);
      const result = await closeBallot(ctx, { actor: admin, ballotId, confirmed: true });
      expect(result.votes).toBe(n);
    });

    it('refuses a member’s second vote once, in one batch or across batches', async () => {
      const ctx = await context();
      const { admin, members, ballotId } = await openCamdenBallot(ctx, false);
      const attempts = await Promise.allSettled(
        Array.from({ length: 300 }, (_, i) =>
          castBallot(ctx, { actor: members[i % 3]!, ballotId, choice: i % 2 ? 'for' : 'against' }),
        ),
      );
      const codes = attempts.map(codeOf);
      expect(codes.filter((c) => c === 'ok')).toHaveLength(3);
      expect(codes.filter((c) => c === 'ALREADY_VOTED')).toHaveLength(297);
      const again = await Promise.allSettled([
        castBallot(ctx, { actor: members[0]!, ballotId, choice: 'for' }),
        castBallot(ctx, { actor: members[4]!, ballotId, choice: 'for' }),
      ]);
      expect(again.map(codeOf)).toEqual(['ALREADY_VOTED', 'ok']);
      // An open ballot's box names each voter once.
      const box = await ctx.db
        .selectFrom('ballot_box')
        .select('voter_person_id')
        .where('ballot_id', '=', ballotId)
        .execute();
      expect(box.map((b) => b.voter_person_id).sort()).toEqual(
        [members[0]!, members[1]!, members[2]!, members[4]!].map((m) => m.personId).sort(),
      );
      expect((await closeBallot(ctx, { actor: admin, ballotId, confirmed: true })).votes).toBe(4);
    });

    it('takes no vote after a close that comes while votes arrive, and loses none before it', async () => {
      const ctx = await context();
      const { admin, members, ballotId } = await openCamdenBallot(ctx);
      const casts = members.map((m) => castBallot(ctx, { actor: m, ballotId, choice: 'for' }));
      const closing = closeBallot(ctx, { actor: admin, ballotId, confirmed: true });
      const later = members.map((m) => castBallot(ctx, { actor: m, ballotId, choice: 'for' }));
      const [settled, result, after] = await Promise.all([
        Promise.allSettled(casts),
        closing,
        Promise.allSettled(later),
      ]);
      const accepted = settled.filter((s) => s.status === 'fulfilled').length;
      expect(new Set([...settled, ...after].map(codeOf))).toSatisfy((codes: Set<string>) =>
        [...codes].every((c) => ['ok', 'BALLOT_CLOSED', 'ALREADY_VOTED'].includes(c)),
      );
      // Every acknowledged vote is counted, and none came after the close.
      const acknowledged = accepted + after.filter((s) => s.status === 'fulfilled').length;
      expect(result.votes).toBe(acknowledged);
      const box = await ctx.db
        .selectFrom('ballot_box')
        .select('choice')
        .where('ballot_id', '=', ballotId)
        .execute();
      expect(box.length).toBeLessThanOrEqual(acknowledged);
    });
  });
}
