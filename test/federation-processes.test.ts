import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { importJwk, signRequest } from '@fedify/fedify';
import { Temporal } from '@js-temporal/polyfill';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppContext } from '../src/app/common/context.ts';
import { inTransaction } from '../src/app/common/context.ts';
import { createOrganisation } from '../src/app/organisations/create-organisation.ts';
import { importMembers } from '../src/app/organisations/import-members.ts';
import { answerCommunication } from '../src/app/resolutions/answer-communication.ts';
import { putCommunicationOnAgenda } from '../src/app/resolutions/put-communication-on-agenda.ts';
import { afterMotionDecided } from '../src/app/resolutions/publish-resolution.ts';
import { viewResolution } from '../src/app/resolutions/view-resolution.ts';
import { viewInbox } from '../src/app/resolutions/view-inbox.ts';
import { withdrawResolution } from '../src/app/resolutions/withdraw-communication.ts';
import { findMotion } from '../src/db/queries/meetings.ts';
import { findFederationKeys } from '../src/db/queries/federation.ts';
import { decideQuestion } from '../src/domain/meetings/thresholds.ts';
import { freshDatabase } from './databases.ts';
import { testContext } from './factories.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { actorFor, carriedResolution, northfield, personWithAccount } from './story.ts';

/**
 * Issue 19, "done when": two Seconded servers on 127.0.0.1, one on SQLite (Northfield
 * Movement, with Camden) and one on PostgreSQL (Northfield Party, with its NEC), each a process
 * of its own. Camden's resolution calls on the NEC by its actor's URL; the NEC's server takes it
 * into the NEC's inbox, and each answer its secretary gives comes back to Camden's page.
 */

/** A port free now (the servers need their public origin before they start). */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** Waits until `check` gives a value, polling; fails after `ms`. */
async function eventually<T>(check: () => Promise<T | undefined | null | false>, ms = 20_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const federated = (env: Record<string, string>, origin: string, peer: string) => ({
  ...env,
  PORT: new URL(origin).port,
  BASE_URL: origin,
  FEDERATION_ALLOWED_PEERS: peer,
  // Both servers are on the loopback address: only a test lets them reach each other there.
  FEDERATION_ALLOW_PRIVATE_ADDRESSES: 'true',
  FEDERATION_RETRY_FIRST_MS: '300',
  FEDERATION_RECONCILE_MS: '500',
});

interface TwoServers {
  movement: string;
  party: string;
  ctxA: AppContext;
  ctxB: AppContext;
  story: Awaited<ReturnType<typeof northfield>>;
  necId: string;
  necUrl: string;
  nadiaId: string;
  nadia: Awaited<ReturnType<typeof actorFor>>;
  envB: Record<string, string>;
  servers: ServerProcess[];
  close(): Promise<void>;
}

/** Server A (SQLite): Northfield Movement, with Camden. Server B (PostgreSQL): the party's NEC. */
async function twoServers(): Promise<TwoServers> {
  const [portA, portB] = [await freePort(), await freePort()];
  const [movement, party] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
  const openA = await freshDatabase('sqlite', { onDisk: true });
  const openB = await freshDatabase('postgres');
  const now = () => new Date();
  const ctxA: AppContext = {
    ...testContext(openA, { now, baseUrl: movement }),
    federation: { origin: movement, allowedPeers: [party] },
  };
  const ctxB: AppContext = {
    ...testContext(openB, { now, baseUrl: party }),
    federation: { origin: party, allowedPeers: [movement] },
  };
  const story = await northfield(ctxA);
  await importMembers(ctxA, {
    actor: story.admin,
    bodyId: story.camdenId,
    csv: 'Name,Email\nAda Admin,admin@example.org',
    dryRun: false,
  });
  const nadiaId = await personWithAccount(ctxB, 'nadia@example.org', {
    siteAdmin: true,
    name: 'Nadia Roy',
  });
  const partyOrg = await createOrganisation(ctxB, {
    actor: await actorFor(ctxB, nadiaId),
    name: 'Northfield Party',
    topBodyName: 'National Executive Committee',
    preset: 'citrine',
  });
  const necId = partyOrg.topBodyId;
  await importMembers(ctxB, {
    actor: await actorFor(ctxB, nadiaId),
    bodyId: necId,
    csv: 'Name,Email\nNadia Roy,nadia@example.org',
    dryRun: false,
  });
  const envB = federated(openB.env, party, movement);
  const servers = [
    startServerProcess(federated(openA.env, movement, party)),
    startServerProcess(envB),
  ];
  await Promise.all(servers.map((s) => s.url));
  return {
    movement,
    party,
    ctxA,
    ctxB,
    story,
    necId,
    necUrl: `${party}/federation/bodies/${necId}`,
    nadiaId,
    nadia: await actorFor(ctxB, nadiaId),
    envB,
    servers,
    async close() {
      await Promise.all(servers.map((s) => s.stop()));
      await openA.close();
      await openB.close();
    },
  };
}

/** Camden carries a motion whose "calls on" clause names the NEC by its actor's URL. */
const camdenCallsOnNec = (t: TwoServers, title: string) =>
  carriedResolution(t.ctxA, {
    actor: t.story.admin,
    bodyId: t.story.camdenId,
    text: {
      title,
      clauses: [
        { kind: 'notes', text: 'that the Leader broke the conference’s policy' },
        {
          kind: 'calls-on',
          text: 'to pass a motion of no confidence in the Leader',
          bodyName: t.necUrl,
        },
      ],
    },
  });

const necInbox = async (t: TwoServers) =>
  (await viewInbox(t.ctxB, { actor: t.nadia, bodyId: t.necId })).items;

describe.runIf(inject('postgresUrl'))('resolutions between two servers (issue 19)', () => {
  let t: TwoServers;
  beforeAll(async () => {
    t = await twoServers();
  }, 90_000);
  afterAll(async () => {
    await t?.close();
  });

  it('offers Camden’s resolution to the NEC, and each answer reaches Camden’s page', async () => {
    // The NEC's actor is a Group, found by WebFinger and by URL.
    const actor = await fetch(t.necUrl, { headers: { accept: 'application/activity+json' } });
    expect(actor.status).toBe(200);
    const group = (await actor.json()) as Record<string, unknown>;
    expect(group).toMatchObject({ type: 'Group', name: 'National Executive Committee' });
    const finger = await fetch(
      `${t.party}/.well-known/webfinger?resource=acct:${String(group.preferredUsername)}@127.0.0.1:${new URL(t.party).port}`,
    );
    expect(finger.status).toBe(200);
    expect(JSON.stringify(await finger.json())).toContain(t.necUrl);

    // Camden carries the motion; the clause calling on the NEC names it by its URL.
    await camdenCallsOnNec(t, 'No confidence in the Leader');
    const sent = await viewResolution(t.ctxA, {
      actor: null,
      organisationSlug: 'northfield-movement',
      slug: 'no-confidence-in-the-leader',
    });
    expect(sent.deliveries.map((d) => [d.addressee, d.status])).toEqual([[t.necUrl, 'sent']]);

    // It arrives in the NEC's inbox as any communication does.
    const inbox = await eventually(async () => {
      const view = await viewInbox(t.ctxB, { actor: t.nadia, bodyId: t.necId });
      return view.items.length ? view : null;
    });
    expect(inbox.items).toMatchObject([
      {
        kind: 'calls-on',
        title: 'No confidence in the Leader',
        status: 'sent',
        from: expect.stringContaining('Camden Town Group, Northfield Movement') as string,
      },
    ]);
    const communicationId = inbox.items[0]!.id;

    const deliveryOnA = async () =>
      (
        await viewResolution(t.ctxA, {
          actor: null,
          organisationSlug: 'northfield-movement',
          slug: 'no-confidence-in-the-leader',
        })
      ).deliveries[0]!;
    const reaches = (status: string) =>
      eventually(async () => {
        const d = await deliveryOnA();
        return d.status === status ? d : null;
      });

    await answerCommunication(t.ctxB, {
      actor: t.nadia,
      communicationId,
      answer: { type: 'acknowledge' },
    });
    await reaches('acknowledged');
    await answerCommunication(t.ctxB, {
      actor: t.nadia,
      communicationId,
      answer: { type: 'rule', inOrder: true },
    });
    await reaches('ruled-in');
    const { motionId } = await putCommunicationOnAgenda(t.ctxB, {
      actor: t.nadia,
      communicationId,
    });
    await reaches('on-agenda');
    // The NEC decides its own motion (its ballot's figures), and the outcome goes back.
    const result = decideQuestion({
      counts: { for: 31, against: 4, abstain: 2 },
      threshold: 'simple-majority-of-votes-cast',
      tieRule: 'not-carried',
      present: 37,
      members: 40,
    });
    await inTransaction(t.ctxB, async (trx) =>
      afterMotionDecided(trx, t.ctxB, {
        motion: (await findMotion(trx, motionId))!,
        status: 'carried',
        text: (await findMotion(trx, motionId))!.text as never,
        result,
        declared: 'carried: simple majority of votes cast, 31–4, 2 abstentions',
        actorPersonId: t.nadiaId,
        at: new Date().toISOString(),
      }),
    );
    const decided = await reaches('carried');
    expect(decided.history.map((h) => h.status)).toEqual([
      'sent',
      'acknowledged',
      'ruled-in',
      'on-agenda',
      'carried',
    ]);
    expect(decided.history.at(-1)!.note).toContain('31');

    // Camden's public page shows the state and the figures.
    const page = await fetch(`${t.movement}/r/northfield-movement/no-confidence-in-the-leader`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('data-delivery-state="carried"');
    expect(html).toMatch(/31.4/);
  }, 60_000);

  it('refuses unsigned, tampered, misattributed, stale and disallowed requests, and duplicates', async () => {
    const camden = `${t.movement}/federation/bodies/${t.story.camdenId}`;
    const hackney = `${t.movement}/federation/bodies/${t.story.hackneyId}`;
    // The key ids as each actor document gives them (their keys are made on first request).
    const keyIdOf = async (url: string) => {
      const doc = (await (
        await fetch(url, { headers: { accept: 'application/activity+json' } })
      ).json()) as { publicKey: { id: string } };
      return new URL(doc.publicKey.id);
    };
    const camdenKeyId = await keyIdOf(camden);
    const hackneyKeyId = await keyIdOf(hackney);
    const privateKeyOf = async (bodyId: string) => {
      const row = await findFederationKeys(t.ctxA.db, bodyId);
      return importJwk(JSON.parse(row!.rsa_private) as Parameters<typeof importJwk>[0], 'private');
    };
    const inboxUrl = `${t.necUrl}/inbox`;
    let n = 0;
    const offer = (actor = camden) => {
      n++;
      const url = `${t.movement}/r/northfield-movement/refused-${n}`;
      return JSON.stringify({
        '@context': 'https://www.w3.org/ns/activitystreams',
        id: `${t.movement}/federation/activities/${randomUUID()}`,
        type: 'Offer',
        actor,
        to: t.necUrl,
        object: {
          id: url,
          type: 'Document',
          name: `Refused ${n}`,
          source: {
            mediaType: 'application/json',
            content: JSON.stringify({
              url,
              title: `Refused ${n}`,
              text: {
                title: `Refused ${n}`,
                clauses: [
                  {
                    id: 'c1',
                    kind: 'calls-on',
                    text: 'to act',
                    addressee: { kind: 'body', bodyId: 'x', name: 'the NEC' },
                  },
                ],
              },
              clauseId: 'c1',
              declared: 'carried: simple majority of votes cast, 12–3, no abstentions',
              result: decideQuestion({
                counts: { for: 23, against: 4, abstain: 2 },
                threshold: 'simple-majority-of-votes-cast',
                tieRule: 'not-carried',
                present: 29,
                members: 40,
              }),
              passedAt: new Date().toISOString(),
              from: { body: 'Camden Town Group', organisation: 'Northfield Movement' },
            }),
          },
        },
      });
    };
    const signed = async (body: string, opts: { bodyId?: string; keyId?: URL; at?: Date } = {}) =>
      signRequest(
        new Request(inboxUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/activity+json' },
          body,
        }),
        await privateKeyOf(opts.bodyId ?? t.story.camdenId),
        opts.keyId ?? camdenKeyId,
        {
          spec: 'draft-cavage-http-signatures-12',
          ...(opts.at
            ? { currentTime: Temporal.Instant.from(opts.at.toISOString()) as never }
            : {}),
        },
      );
    const post = (request: Request, body?: string) =>
      fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: body ?? request.body,
        duplex: 'half',
      } as RequestInit);
    const before = (await necInbox(t)).length;

    // Unsigned.
    const unsigned = await fetch(inboxUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/activity+json' },
      body: offer(),
    });
    expect(unsigned.status).toBe(401);
    // Signed, then the body changed: its digest no longer matches.
    const tampered = await post(await signed(offer()), offer());
    expect(tampered.status).toBe(401);
    // Camden's activity signed with Hackney's key: the key's owner is not the actor.
    const misattributed = await post(
      await signed(offer(), { bodyId: t.story.hackneyId, keyId: hackneyKeyId }),
    );
    expect(misattributed.status).toBe(401);
    // Signed two hours ago: outside the window.
    const stale = await post(await signed(offer(), { at: new Date(Date.now() - 2 * 3_600_000) }));
    expect(stale.status).toBe(401);
    // A server that is not an allowed peer is refused before anything is fetched from it.
    const stranger = await post(
      await signed(offer(), { keyId: new URL('http://127.0.0.2:9/federation/bodies/x#main-key') }),
    );
    expect(stranger.status).toBe(403);
    expect(await necInbox(t)).toHaveLength(before);

    // A well-signed Offer is taken once; the same activity again changes nothing.
    const good = offer();
    expect((await post(await signed(good))).status).toBe(202);
    expect(await necInbox(t)).toHaveLength(before + 1);
    expect((await post(await signed(good))).status).toBe(202);
    expect(await necInbox(t)).toHaveLength(before + 1);
  }, 60_000);

  it('delivers a resolution passed while the other server is down, once, when it comes back', async () => {
    const before = (await necInbox(t)).length;
    await t.servers[1]!.stop();
    await camdenCallsOnNec(t, 'Support the tenants’ strike');
    const outgoing = () =>
      t.ctxA.db
        .selectFrom('federation_outbox')
        .selectAll()
        .where('payload', 'like', '%Support the tenants%')
        .executeTakeFirstOrThrow();
    // The sender tries, fails and keeps it to try again.
    await eventually(async () => (await outgoing()).attempts >= 2);
    expect((await outgoing()).delivered_at).toBeNull();

    t.servers[1] = startServerProcess(t.envB);
    await t.servers[1].url;
    await eventually(async () => (await outgoing()).delivered_at !== null, 30_000);
    const items = await necInbox(t);
    expect(items).toHaveLength(before + 1);
    expect(items.filter((i) => i.title === 'Support the tenants’ strike')).toHaveLength(1);
  }, 60_000);

  /** Camden's delivery of a resolution, as its page shows it. */
  const deliveryOf = async (slug: string) =>
    (
      await viewResolution(t.ctxA, {
        actor: null,
        organisationSlug: 'northfield-movement',
        slug,
      })
    ).deliveries[0]!;
  const inNecInbox = (title: string) =>
    eventually(async () => (await necInbox(t)).find((i) => i.title === title));

  it('withdraws a resolution from the NEC: Camden’s page and the NEC’s inbox both show it withdrawn', async () => {
    const { resolutionId } = await camdenCallsOnNec(t, 'Reconsider the boundary review');
    const item = await inNecInbox('Reconsider the boundary review');
    await answerCommunication(t.ctxB, {
      actor: t.nadia,
      communicationId: item.id,
      answer: { type: 'acknowledge' },
    });
    await eventually(
      async () => (await deliveryOf('reconsider-the-boundary-review')).status === 'acknowledged',
    );
    const delivery = await deliveryOf('reconsider-the-boundary-review');
    await withdrawResolution(t.ctxA, {
      actor: t.story.admin,
      resolutionId,
      communicationId: delivery.id,
    });
    expect((await deliveryOf('reconsider-the-boundary-review')).status).toBe('withdrawn');
    await eventually(async () =>
      (await necInbox(t)).some((i) => i.id === item.id && i.status === 'withdrawn'),
    );
    // The NEC can no longer answer it.
    await expect(
      answerCommunication(t.ctxB, {
        actor: t.nadia,
        communicationId: item.id,
        answer: { type: 'rule', inOrder: true },
      }),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  }, 60_000);

  it('catches up an answer whose push was lost, by pulling the Offer’s tracking collection', async () => {
    await camdenCallsOnNec(t, 'Keep the library open');
    const item = await inNecInbox('Keep the library open');
    // The NEC's server is stopped, so its answer cannot be pushed; then it is marked sent, as
    // if a push had been lost on the way: only the pull can bring it to Camden.
    await t.servers[1]!.stop();
    await answerCommunication(t.ctxB, {
      actor: t.nadia,
      communicationId: item.id,
      answer: { type: 'acknowledge' },
    });
    await t.ctxB.db
      .updateTable('federation_outbox')
      .set({ delivered_at: new Date().toISOString() })
      .where('delivered_at', 'is', null)
      .execute();
    expect((await deliveryOf('keep-the-library-open')).status).toBe('sent');
    t.servers[1] = startServerProcess(t.envB);
    await t.servers[1].url;
    const caughtUp = await eventually(async () => {
      const d = await deliveryOf('keep-the-library-open');
      return d.status === 'acknowledged' ? d : null;
    }, 30_000);
    expect(caughtUp.history.map((h) => h.status)).toEqual(['sent', 'acknowledged']);
    // The tracking collection is for the actor that made the Offer only: unsigned, refused.
    const offerId = (
      await t.ctxA.db
        .selectFrom('federation_links')
        .select('offer_id')
        .where('communication_id', '=', caughtUp.id)
        .executeTakeFirstOrThrow()
    ).offer_id;
    const tracking = `${t.necUrl}/offers/${Buffer.from(offerId).toString('base64url')}`;
    const unsigned = await fetch(tracking, { headers: { accept: 'application/activity+json' } });
    expect(unsigned.status).toBe(401);
  }, 60_000);
});
