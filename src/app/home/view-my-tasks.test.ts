import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { castBallot } from '../ballots/cast-ballot.ts';
import { closeBallot } from '../ballots/close-ballot.ts';
import { createBallot } from '../ballots/create-ballot.ts';
import { openBallot } from '../ballots/open-ballot.ts';
import { loadActor } from '../common/actor.ts';
import { type AppContext, today } from '../common/context.ts';
import { draftMotion } from '../meetings/draft-motion.ts';
import { signInToMeeting } from '../meetings/sign-in-to-meeting.ts';
import { submitMotion } from '../meetings/submit-motion.ts';
import { createE2eBallot } from '../ballots/create-e2e-ballot.ts';
import { submitTrusteeKey } from '../ballots/submit-trustee-key.ts';
import { viewE2eBallot } from '../ballots/view-e2e-ballot.ts';
import { makeTrusteeKey } from '../../domain/e2e/index.ts';
import { TASKS_PER_KIND, viewMyTasks, type MyTask } from './view-my-tasks.ts';

describeEachDatabase('what needs me', (database) => {
  /** The demo, with its people as actors by email and Camden's body id. */
  async function demo() {
    const ctx = testContext(database());
    await seedDemo(ctx);
    const idOf = async (email: string) =>
      (
        await ctx.db
          .selectFrom('people')
          .select('id')
          .where('email', '=', email)
          .executeTakeFirstOrThrow()
      ).id;
    const actor = async (email: string) => loadActor(ctx.db, await idOf(email), today(ctx));
    const camdenId = (
      await ctx.db
        .selectFrom('bodies')
        .select('id')
        .where('name', '=', 'Camden Town Group')
        .executeTakeFirstOrThrow()
    ).id;
    return { ctx, actor, camdenId };
  }
  const tasksOf = async (ctx: AppContext, actor: Actor) =>
    (await viewMyTasks(ctx, { actor })).tasks;
  const ofKind = <K extends MyTask['kind']>(tasks: MyTask[], kind: K) =>
    tasks.filter((t): t is Extract<MyTask, { kind: K }> => t.kind === kind);

  it('lists an open ballot I may vote in with its closing time, until I have voted; closed ballots never', async () => {
    const { ctx, actor, camdenId } = await demo();
    const secretary = await actor('camden.secretary@example.org');
    const chair = await actor('camden.chair@example.org');
    const closesAt = new Date(ctx.now().getTime() + 3 * 86_400_000).toISOString();
    const { ballotId } = await createBallot(ctx, {
      actor: secretary,
      bodyId: camdenId,
      question: 'That the group affiliates to the tenants’ federation',
      options: { kind: 'yes-no' },
      secret: true,
      closesAt,
    });
    // A draft ballot is not a task: nobody can vote in it yet.
    expect(ofKind(await tasksOf(ctx, chair), 'ballot')).toEqual([]);
    await openBallot(ctx, { actor: secretary, ballotId });

    const ballots = ofKind(await tasksOf(ctx, chair), 'ballot');
    // The demo's closed election is not among them.
    expect(ballots).toEqual([
      {
        kind: 'ballot',
        ballotId,
        question: 'That the group affiliates to the tenants’ federation',
        secret: true,
        closesAt,
        body: { id: camdenId, name: 'Camden Town Group' },
        path: `/ballots/${ballotId}`,
      },
    ]);

    await castBallot(ctx, { actor: chair, ballotId, choice: 'for' });
    expect(ofKind(await tasksOf(ctx, chair), 'ballot')).toEqual([]);
    // Still a task for the secretary, who has not voted, until the ballot closes.
    expect(ofKind(await tasksOf(ctx, secretary), 'ballot').map((b) => b.ballotId)).toEqual([
      ballotId,
    ]);
    await closeBallot(ctx, { actor: secretary, ballotId, confirmed: true });
    expect(ofKind(await tasksOf(ctx, secretary), 'ballot')).toEqual([]);
  });

  it('lists the meetings coming, and says once I am signed in to one', async () => {
    const { ctx, actor, camdenId } = await demo();
    const chair = await actor('camden.chair@example.org');
    const meetings = ofKind(await tasksOf(ctx, chair), 'meeting');
    // The July meeting is closed: only the general meeting called for tonight is coming.
    expect(meetings).toMatchObject([
      {
        kind: 'meeting',
        title: 'General meeting',
        status: 'scheduled',
        signedIn: false,
        body: { id: camdenId },
      },
    ]);
    const meetingId = meetings[0]!.meetingId;
    expect(meetings[0]!.path).toBe(`/meetings/${meetingId}`);

    // Members sign in as they arrive, before the chair opens the meeting.
    await signInToMeeting(ctx, { actor: chair, meetingId });
    expect(ofKind(await tasksOf(ctx, chair), 'meeting')).toMatchObject([
      { meetingId, status: 'scheduled', signedIn: true },
    ]);
    // Another member of the body sees the same meeting, not signed in.
    const secretary = await actor('camden.secretary@example.org');
    expect(ofKind(await tasksOf(ctx, secretary), 'meeting')).toMatchObject([
      { meetingId, signedIn: false },
    ]);
  });

  it('lists a submitted motion without a seconder to the other members, not to its proposer, and no drafts', async () => {
    const { ctx, actor, camdenId } = await demo();
    const secretary = await actor('camden.secretary@example.org');
    const chair = await actor('camden.chair@example.org');
    const text = {
      title: 'Free school meals',
      clauses: [{ kind: 'resolves' as const, text: 'to campaign for free school meals' }],
    };
    const { motionId } = await draftMotion(ctx, { actor: secretary, bodyId: camdenId, text });
    expect(ofKind(await tasksOf(ctx, chair), 'motion-to-second')).toEqual([]);
    await submitMotion(ctx, { actor: secretary, motionId });

    expect(ofKind(await tasksOf(ctx, chair), 'motion-to-second')).toEqual([
      {
        kind: 'motion-to-second',
        motionId,
        title: 'Free school meals',
        meeting: null,
        body: { id: camdenId, name: 'Camden Town Group' },
        path: `/motions/${motionId}`,
      },
    ]);
    expect(ofKind(await tasksOf(ctx, secretary), 'motion-to-second')).toEqual([]);
  });

  it('lists at most TASKS_PER_KIND of a kind, however many wait', async () => {
    const { ctx, actor, camdenId } = await demo();
    const secretary = await actor('camden.secretary@example.org');
    for (let i = 0; i < TASKS_PER_KIND + 2; i++) {
      const { motionId } = await draftMotion(ctx, {
        actor: secretary,
        bodyId: camdenId,
        text: { title: `Motion ${i}`, clauses: [{ kind: 'resolves', text: `to do thing ${i}` }] },
      });
      await submitMotion(ctx, { actor: secretary, motionId });
    }
    const chair = await actor('camden.chair@example.org');
    expect(ofKind(await tasksOf(ctx, chair), 'motion-to-second')).toHaveLength(TASKS_PER_KIND);
  });

  it('lists inbox items and model motions to those who serve the body, each where it is answered', async () => {
    const { ctx, actor } = await demo();
    const nec = ofKind(await tasksOf(ctx, await actor('nec.secretary@example.org')), 'inbox');
    expect(nec.length).toBeGreaterThan(0);
    for (const item of nec) {
      expect(item).toMatchObject({
        status: 'sent',
        body: { name: 'National Executive Committee' },
      });
      expect(item.path).toBe(`/communications/${item.communicationId}`);
    }
    expect(nec.map((i) => i.from)).toContain('National Coordinating Group, Northfield Movement');

    const hackney = await tasksOf(ctx, await actor('hackney.secretary@example.org'));
    expect(ofKind(hackney, 'model-motion')).toMatchObject([
      {
        kind: 'model-motion',
        title: expect.stringMatching(/confidence/i) as unknown,
        body: { name: 'Hackney Group' },
        from: 'National Coordinating Group, Northfield Movement',
      },
    ]);
    const model = ofKind(hackney, 'model-motion')[0]!;
    expect(model.path).toBe(`/communications/${model.communicationId}/adopt`);

    // Camden's chair serves no inbox: a chair answers no communications (policy.ts).
    const chair = await tasksOf(ctx, await actor('camden.chair@example.org'));
    expect(ofKind(chair, 'inbox')).toEqual([]);
    expect(ofKind(chair, 'model-motion')).toEqual([]);
  });

  it('has nothing for a person who belongs to no body, and refuses the signed out', async () => {
    const { ctx } = await demo();
    expect(await tasksOf(ctx, { personId: 'nobody', isSiteAdmin: false, memberships: [] })).toEqual(
      [],
    );
    await expect(viewMyTasks(ctx, { actor: null })).rejects.toMatchObject({
      code: 'NOT_SIGNED_IN',
    });
  });

  it('tells each key holder of an end-to-end ballot the step that waits for them, and nothing while others act', async () => {
    const { ctx, actor, camdenId } = await demo();
    const secretary = await actor('camden.secretary@example.org');
    const chair = await actor('camden.chair@example.org');
    const { ballotId } = await createE2eBallot(ctx, {
      actor: secretary,
      bodyId: camdenId,
      question: 'That the group buys a projector',
      options: { kind: 'yes-no' },
      trustees: [secretary.personId, chair.personId],
    });
    const duties = async (who: Actor) =>
      ofKind(await tasksOf(ctx, who), 'trustee').map((d) => [d.ballotId, d.duty, d.path]);
    expect(await duties(chair)).toEqual([[ballotId, 'trustee-key', `/ballots/${ballotId}`]]);
    const { setupHash } = await viewE2eBallot(ctx, { actor: chair, ballotId });
    await submitTrusteeKey(ctx, {
      actor: chair,
      ballotId,
      payload: makeTrusteeKey(setupHash, 2).payload,
    });
    // The chair has made a key; the polynomial waits for the secretary's key.
    expect(await duties(chair)).toEqual([]);
    expect(await duties(secretary)).toEqual([[ballotId, 'trustee-key', `/ballots/${ballotId}`]]);
  });
});
