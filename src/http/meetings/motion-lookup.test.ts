import { expect, it, onTestFinished } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { startFediversePeer } from '../../../test/fediverse-peer.ts';
import { api, signedIn } from '../../../test/http-client.ts';
import {
  actorFor,
  carriedResolution,
  ISLA,
  northfieldWithCamdenMembers,
  personIdOf,
} from '../../../test/story.ts';
import { createFederationSeam } from '../../infra/federation.ts';

/**
 * Issue 19: the motion editor names a body on another server by handle or URL and looks it up
 * (WebFinger, then the actor, through Fedify), showing its name and server before the motion is
 * submitted; the saved clause keeps the actor found, and the resolution is offered to it.
 */
describeEachDatabase('the motion editor looks up a body elsewhere', (database) => {
  it('shows the body found, refuses what is not an allowed Group, and offers the resolution to the actor found', async () => {
    const peer = await startFediversePeer();
    onTestFinished(() => peer.close());
    const origin = 'https://movement.example';
    const ctx = {
      ...testContext(database(), { now: () => new Date() }),
      federation: { origin, allowedPeers: [peer.origin] },
    };
    const seam = createFederationSeam(ctx, {
      origin,
      allowedPeers: [peer.origin],
      allowPrivateAddresses: true,
      retryFirstMs: 30_000,
    });
    const story = await northfieldWithCamdenMembers(ctx, [ISLA]);
    const isla = await signedIn(ctx, ISLA[0], undefined, seam);
    const drafted = await isla.form(`/bodies/${story.camdenId}/motions`, { title: 'Rents' });
    const motionPath = drafted.headers.get('location')!;
    const clauses = (bodyName: string, op: string) => ({
      title: 'Rents',
      'clauses.0.kind': 'notes',
      'clauses.0.text': 'that rents rose',
      'clauses.1.kind': 'calls-on',
      'clauses.1.text': 'to cap rents',
      'clauses.1.bodyName': bodyName,
      op,
    });

    // Without JavaScript: the Look up button saves the form with the body found, and the page
    // shows its name and server.
    const nec = peer.actorUrl('nec');
    expect((await isla.form(motionPath, clauses(nec, 'lookup:1'))).status).toBe(303);
    const page = await (await isla.request(motionPath)).text();
    const host = new URL(peer.origin).host;
    expect(page).toContain(`Found: National Executive Committee, on ${host}.`);
    expect(page).toContain(`value="${nec}"`);

    // A person, nothing at all, a server not allowed: each refused beside the field, unsaved.
    for (const [address, words, status] of [
      [peer.actorUrl('alice'), 'is not a body (an ActivityPub Group)', 400],
      [peer.actorUrl('nobody'), 'No body was found at', 404],
      ['@nec@elsewhere.example', 'elsewhere.example is not a server this one federates with', 400],
      ['https://elsewhere.example/users/nec', 'is not a server this one federates with', 400],
    ] as const) {
      const res = await isla.form(motionPath, clauses(address, 'lookup:1'));
      expect(res.status).toBe(status);
      const html = await res.text();
      expect(html).toContain(words);
      expect(html).toContain('id="clauses.1.bodyName-error"');
    }
    expect(await (await isla.request(motionPath)).text()).toContain(
      'Found: National Executive Committee',
    );

    // The JSON twin: the same look-up, answered with the body's name, server and actor.
    const motionId = motionPath.split('/').pop()!;
    const call = api(isla);
    expect(await call('POST', `/motions/${motionId}/remote-body`, { address: nec })).toMatchObject({
      status: 200,
      body: { name: 'National Executive Committee', server: host, actorId: nec },
    });
    expect(
      (await call('POST', `/motions/${motionId}/remote-body`, { address: peer.actorUrl('alice') }))
        .status,
    ).toBe(400);
    // Only the proposer looks up for their motion.
    const admin = api(await signedIn(ctx, 'admin@example.org', undefined, seam));
    expect((await admin('POST', `/motions/${motionId}/remote-body`, { address: nec })).status).toBe(
      403,
    );

    // Carried, the resolution is offered to the actor found, and its text names the body.
    const isla2 = await actorFor(ctx, await personIdOf(ctx, ISLA[0]));
    const { text } = await carriedResolution(ctx, {
      actor: isla2,
      bodyId: story.camdenId,
      text: {
        title: 'Rents',
        clauses: [{ kind: 'calls-on', text: 'to cap rents', bodyName: nec }],
      },
    });
    expect(text.clauses[0]!.addressee).toEqual({
      kind: 'named-body',
      name: 'National Executive Committee',
      remote: { actor: nec, address: nec, server: host },
    });
    const queued = await ctx.db.selectFrom('federation_outbox').selectAll().execute();
    expect(queued.map((r) => [r.recipient, JSON.parse(r.payload).type])).toEqual([[nec, 'offer']]);
    const link = await ctx.db.selectFrom('federation_links').selectAll().executeTakeFirstOrThrow();
    expect(link.remote_actor).toBe(nec);
  });
});
