import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { signedIn } from '../../../test/http-client.ts';
import { actorFor, carriedResolution, northfield, personWithAccount } from '../../../test/story.ts';
import { importMembers } from '../organisations/import-members.ts';
import { answerCommunication } from './answer-communication.ts';
import { viewInbox } from './view-inbox.ts';
import { viewResolution } from './view-resolution.ts';
import { withdrawResolution } from './withdraw-communication.ts';

describeEachDatabase('withdrawing a resolution from a body it calls on', (database) => {
  const setUp = async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    await importMembers(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      csv: 'Name,Email\nAda Admin,admin@example.org',
      dryRun: false,
    });
    const { resolutionId } = await carriedResolution(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      text: {
        title: 'Support the tenants’ strike',
        clauses: [
          { kind: 'calls-on', text: 'to support the strike', bodyId: story.nationalId },
          { kind: 'calls-on', text: 'to back the strike', bodyId: story.hackneyId },
        ],
      },
    });
    const view = () =>
      viewResolution(ctx, {
        actor: story.admin,
        organisationSlug: 'northfield-movement',
        slug: 'support-the-tenants-strike',
      });
    const [toNational, toHackney] = (await view()).deliveries;
    return { ctx, story, resolutionId, view, toNational: toNational!, toHackney: toHackney! };
  };

  it('shows it withdrawn on the sender’s page and in the receiving inbox, and it takes no answer', async () => {
    const { ctx, story, resolutionId, view, toNational } = await setUp();
    expect(toNational.open).toBe(true);
    await answerCommunication(ctx, {
      actor: story.admin,
      communicationId: toNational.id,
      answer: { type: 'acknowledge' },
    });
    expect(
      await withdrawResolution(ctx, {
        actor: story.admin,
        resolutionId,
        communicationId: toNational.id,
      }),
    ).toEqual({ status: 'withdrawn' });
    const [national] = (await view()).deliveries;
    expect(national).toMatchObject({ status: 'withdrawn', open: false });
    expect(national!.history.map((h) => h.status)).toEqual(['sent', 'acknowledged', 'withdrawn']);
    const inbox = await viewInbox(ctx, { actor: story.admin, bodyId: story.nationalId });
    expect(inbox.items.map((i) => i.status)).toEqual(['withdrawn']);
    await expect(
      answerCommunication(ctx, {
        actor: story.admin,
        communicationId: toNational.id,
        answer: { type: 'rule', inOrder: true },
      }),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'communication.withdraw')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses to withdraw once the body decided it, or for anyone but the sender, and changes nothing', async () => {
    const { ctx, story, resolutionId, view, toNational, toHackney } = await setUp();
    await answerCommunication(ctx, {
      actor: story.admin,
      communicationId: toHackney.id,
      answer: { type: 'rule', inOrder: false, reason: 'Not ours to decide.' },
    });
    await expect(
      withdrawResolution(ctx, { actor: story.admin, resolutionId, communicationId: toHackney.id }),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    const stranger = await actorFor(ctx, await personWithAccount(ctx, 'sam@example.org'));
    await expect(
      withdrawResolution(ctx, { actor: stranger, resolutionId, communicationId: toNational.id }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/) as string });
    await expect(
      withdrawResolution(ctx, { actor: null, resolutionId, communicationId: toNational.id }),
    ).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    await expect(
      withdrawResolution(ctx, {
        actor: story.admin,
        resolutionId: 'another',
        communicationId: toNational.id,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await view()).deliveries.map((d) => d.status)).toEqual(['sent', 'ruled-out']);
  });

  it('is a button on the resolution’s page that works without JavaScript, and an API call', async () => {
    const { ctx, resolutionId, view, toNational, toHackney } = await setUp();
    const who = await signedIn(ctx, 'admin@example.org');
    const path = '/r/northfield-movement/support-the-tenants-strike';
    const html = await (await who.request(path)).text();
    expect(html).toContain(`action="${path}/withdrawal"`);
    expect(html).toContain(`value="${toNational.id}"`);
    const res = await who.form(`${path}/withdrawal`, { communicationId: toNational.id });
    expect(res.status).toBe(303);
    const api = await who.json('POST', `/api/v1/resolutions/${resolutionId}/withdrawal`, {
      communicationId: toHackney.id,
    });
    expect(api.status).toBe(200);
    expect((await view()).deliveries.map((d) => d.status)).toEqual(['withdrawn', 'withdrawn']);
    // Nothing is left to withdraw, so the page offers no button.
    expect(await (await who.request(path)).text()).not.toContain(`${path}/withdrawal`);
  });
});
