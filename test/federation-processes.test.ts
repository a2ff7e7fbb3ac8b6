import { createServer } from 'node:net';
import { expect, inject, it } from 'vitest';
import type { AppContext } from '../src/app/common/context.ts';
import { inTransaction } from '../src/app/common/context.ts';
import { createOrganisation } from '../src/app/organisations/create-organisation.ts';
import { importMembers } from '../src/app/organisations/import-members.ts';
import { answerCommunication } from '../src/app/resolutions/answer-communication.ts';
import { putCommunicationOnAgenda } from '../src/app/resolutions/put-communication-on-agenda.ts';
import { afterMotionDecided } from '../src/app/resolutions/publish-resolution.ts';
import { viewResolution } from '../src/app/resolutions/view-resolution.ts';
import { viewInbox } from '../src/app/resolutions/view-inbox.ts';
import { findMotion } from '../src/db/queries/meetings.ts';
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
});

it.runIf(inject('postgresUrl'))(
  'a resolution travels from a server on SQLite to one on PostgreSQL and its answers come back',
  { timeout: 120_000 },
  async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    const [movement, party] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
    const openA = await freshDatabase('sqlite', { onDisk: true });
    const openB = await freshDatabase('postgres');
    const servers: ServerProcess[] = [];
    try {
      const now = () => new Date();
      const ctxA: AppContext = {
        ...testContext(openA, { now, baseUrl: movement }),
        federation: { origin: movement, allowedPeers: [party] },
      };
      const ctxB: AppContext = {
        ...testContext(openB, { now, baseUrl: party }),
        federation: { origin: party, allowedPeers: [movement] },
      };
      // Server A: Northfield Movement, with Camden. Server B: Northfield Party, with its NEC.
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
      const nadia = await actorFor(ctxB, nadiaId);

      servers.push(startServerProcess(federated(openA.env, movement, party)));
      servers.push(startServerProcess(federated(openB.env, party, movement)));
      await Promise.all(servers.map((s) => s.url));

      // The NEC's actor is a Group, found by WebFinger and by URL.
      const necUrl = `${party}/federation/bodies/${necId}`;
      const actor = await fetch(necUrl, { headers: { accept: 'application/activity+json' } });
      expect(actor.status).toBe(200);
      const group = (await actor.json()) as Record<string, unknown>;
      expect(group).toMatchObject({ type: 'Group', name: 'National Executive Committee' });
      const finger = await fetch(
        `${party}/.well-known/webfinger?resource=acct:${String(group.preferredUsername)}@127.0.0.1:${portB}`,
      );
      expect(finger.status).toBe(200);
      expect(JSON.stringify(await finger.json())).toContain(necUrl);

      // Camden carries the motion; the clause calling on the NEC names it by its URL.
      await carriedResolution(ctxA, {
        actor: story.admin,
        bodyId: story.camdenId,
        text: {
          title: 'No confidence in the Leader',
          clauses: [
            { kind: 'notes', text: 'that the Leader broke the conference’s policy' },
            {
              kind: 'calls-on',
              text: 'to pass a motion of no confidence in the Leader',
              bodyName: necUrl,
            },
          ],
        },
      });
      const sent = await viewResolution(ctxA, {
        actor: null,
        organisationSlug: 'northfield-movement',
        slug: 'no-confidence-in-the-leader',
      });
      expect(sent.deliveries.map((d) => [d.addressee, d.status])).toEqual([[necUrl, 'sent']]);

      // It arrives in the NEC's inbox as any communication does.
      const inbox = await eventually(async () => {
        const view = await viewInbox(ctxB, { actor: nadia, bodyId: necId });
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
          await viewResolution(ctxA, {
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

      await answerCommunication(ctxB, {
        actor: nadia,
        communicationId,
        answer: { type: 'acknowledge' },
      });
      await reaches('acknowledged');
      await answerCommunication(ctxB, {
        actor: nadia,
        communicationId,
        answer: { type: 'rule', inOrder: true },
      });
      await reaches('ruled-in');
      const { motionId } = await putCommunicationOnAgenda(ctxB, { actor: nadia, communicationId });
      await reaches('on-agenda');
      // The NEC decides its own motion (its ballot's figures), and the outcome goes back.
      const result = decideQuestion({
        counts: { for: 31, against: 4, abstain: 2 },
        threshold: 'simple-majority-of-votes-cast',
        tieRule: 'not-carried',
        present: 37,
        members: 40,
      });
      await inTransaction(ctxB, async (trx) =>
        afterMotionDecided(trx, ctxB, {
          motion: (await findMotion(trx, motionId))!,
          status: 'carried',
          text: (await findMotion(trx, motionId))!.text as never,
          result,
          declared: 'carried: simple majority of votes cast, 31–4, 2 abstentions',
          actorPersonId: nadiaId,
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
      const page = await fetch(`${movement}/r/northfield-movement/no-confidence-in-the-leader`);
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).toContain('data-delivery-state="carried"');
      expect(html).toMatch(/31.4/);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await openA.close();
      await openB.close();
    }
  },
);
