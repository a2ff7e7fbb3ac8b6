import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteLastEntry, recomputeChain } from '../../../test/chain-attacks.ts';
import { DIALECTS, freshDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { northfield } from '../../../test/story.ts';
import { createHttpApp } from '../../http/app.tsx';
import type { OpenDatabase } from '../../db/database.ts';
import { listWitnessAlerts, listWitnessedHeads } from '../../db/queries/witness.ts';
import { chainHeadText } from '../../domain/chain-head.ts';
import { witnessRequestText } from '../../domain/federation/witness.ts';
import { appendAudit, verifyAuditChains } from '../common/audit-log.ts';
import { viewChainHead } from '../common/chain-head.ts';
import type { AppContext } from '../common/context.ts';
import { serverKey } from '../common/server-key.ts';
import { checkAgainstWitness } from './check-against-witness.ts';
import { sendChainHeads } from './send-chain-heads.ts';
import {
  WITNESS_ALERTS_PER_PEER_HOUR,
  witnessChainHead,
  type WitnessRequest,
} from './witness-chain-head.ts';
import { listAlerts } from './list-witness-alerts.ts';
import { federationCommand } from '../../cli/federation.ts';

/**
 * Witnessed chains (docs/witnessed-chains.md) between two servers in one process, each with its
 * own database of the dialect under test: Northfield Movement's server (A) sends its chain heads
 * to the party's server (B), which checks and countersigns them; each reaches the other through
 * the other's HTTP app, as it would over the network.
 */

const A = 'https://movement.example';
const B = 'https://party.example';

interface Pair {
  ctxA: AppContext;
  ctxB: AppContext;
  organisationId: string;
  slug: string;
  close(): Promise<void>;
}

async function twoServers(dialect: (typeof DIALECTS)[number]): Promise<Pair> {
  const opened: OpenDatabase[] = [await freshDatabase(dialect), await freshDatabase(dialect)];
  const apps = new Map<string, ReturnType<typeof createHttpApp>>();
  const viaApps: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const app = apps.get(url.origin);
    if (!app) throw new TypeError(`fetch failed: ${url.origin} is down`);
    return app.request(url.href, init);
  };
  const now = () => new Date();
  const serverAt = (open: OpenDatabase, origin: string, peer: string): AppContext => ({
    ...testContext(open, { now, baseUrl: origin }),
    federation: { origin, allowedPeers: [peer], fetch: viaApps },
  });
  const ctxA = serverAt(opened[0]!, A, B);
  const ctxB = serverAt(opened[1]!, B, A);
  for (const [origin, ctx] of [
    [A, ctxA],
    [B, ctxB],
  ] as const) {
    apps.set(origin, createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 }));
  }
  const story = await northfield(ctxA);
  await northfield(ctxB);
  return {
    ctxA,
    ctxB,
    organisationId: story.organisation.organisationId,
    slug: story.organisation.slug,
    async close() {
      for (const open of opened) await open.close();
    },
  };
}

/** One more entry on A's chain, as any decision would write. */
const decide = (p: Pair, what: string) =>
  p.ctxA.db.transaction().execute((trx) =>
    appendAudit(trx, {
      organisationId: p.organisationId,
      actorPersonId: null,
      action: 'test.decided',
      subject: `test:${what}`,
      at: new Date().toISOString(),
    }),
  );

const theirs = (p: Pair) => listWitnessedHeads(p.ctxB.db, 'theirs', A);
const alerts = async (p: Pair) =>
  (await listWitnessAlerts(p.ctxB.db)).map((a) => [a.code, Number(a.seq), a.reason]);

/** A's head as A would send it to B, signed with A's key unless another is given. */
async function requestOf(p: Pair, sign = serverKey(p.ctxA)): Promise<WitnessRequest> {
  const head = await viewChainHead(p.ctxA, { organisationSlug: p.slug });
  const at = new Date().toISOString();
  const key = await sign;
  return {
    origin: A,
    at,
    head,
    signature: key.sign(witnessRequestText({ head, from: A, to: B, at })),
  };
}

for (const dialect of DIALECTS) {
  describe(`witnessed chains [${dialect}]`, () => {
    let pair: Pair | undefined;
    afterEach(async () => {
      await pair?.close();
      pair = undefined;
    });

    it('has each head countersigned by the peer, and a chain recomputed after a rewrite fails the check against the peer at the witnessed entry', async () => {
      const p = (pair = await twoServers(dialect));
      expect(await sendChainHeads(p.ctxA)).toBe(1);
      // Sent again unchanged, nothing is sent; a longer chain is checked link by link.
      expect(await sendChainHeads(p.ctxA)).toBe(0);
      await decide(p, 'one');
      await decide(p, 'two');
      expect(await sendChainHeads(p.ctxA)).toBe(1);
      const witnessed = await theirs(p);
      const ours = await listWitnessedHeads(p.ctxA.db, 'ours', B);
      expect(witnessed.map((h) => [Number(h.seq), h.hash])).toEqual(
        ours.map((h) => [Number(h.seq), h.hash]),
      );
      expect(ours.map((h) => h.countersignature)).toEqual(witnessed.map((h) => h.countersignature));
      const head = witnessed.at(-1)!;
      expect(await checkAgainstWitness(p.ctxA, B)).toEqual([
        expect.objectContaining({ seq: Number(head.seq), broken: null }),
      ]);

      // Someone holding A's database edits an early entry and recomputes every hash after it.
      await p.ctxA.db
        .updateTable('audit_events')
        .set({ subject: 'organisation:forged' })
        .where('organisation_id', '=', p.organisationId)
        .where('seq', '=', 1)
        .execute();
      await recomputeChain(p.ctxA.db, p.organisationId);
      const plain = await verifyAuditChains(p.ctxA.db);
      expect(plain.every((r) => r.broken === null)).toBe(true);
      const now = await viewChainHead(p.ctxA, { organisationSlug: p.slug });
      expect(await checkAgainstWitness(p.ctxA, B)).toEqual([
        expect.objectContaining({
          seq: Number(head.seq),
          broken: `entry ${head.seq}'s hash is ${now.hash}, the saved head says ${head.hash}`,
        }),
      ]);

      // The rewritten head sent to B is refused, and so is one built on it: B flags both.
      expect(await sendChainHeads(p.ctxA)).toBe(0);
      await decide(p, 'three');
      expect(await sendChainHeads(p.ctxA)).toBe(0);
      expect(await alerts(p)).toEqual([
        [
          'rewritten',
          Number(head.seq),
          `entry ${head.seq}'s hash is now ${now.hash}, it was witnessed as ${head.hash}`,
        ],
        [
          'rewritten',
          Number(head.seq),
          `entry ${Number(head.seq) + 1} does not point at entry ${head.seq} as witnessed (${head.hash}): the chain was rewritten at or before entry ${head.seq}`,
        ],
      ]);
      expect((await theirs(p)).map((h) => h.hash)).toEqual(witnessed.map((h) => h.hash));
    }, 60_000);

    it('refuses and flags a head that goes back, and the check against the peer names the entry cut', async () => {
      const p = (pair = await twoServers(dialect));
      await decide(p, 'one');
      expect(await sendChainHeads(p.ctxA)).toBe(1);
      const [head] = await theirs(p);
      await deleteLastEntry(p.ctxA.db, p.organisationId);
      expect(await sendChainHeads(p.ctxA)).toBe(0);
      expect(await alerts(p)).toEqual([
        [
          'went-back',
          Number(head!.seq) - 1,
          `the head went back from entry ${head!.seq} to entry ${Number(head!.seq) - 1}`,
        ],
      ]);
      expect(await checkAgainstWitness(p.ctxA, B)).toEqual([
        expect.objectContaining({
          broken: `the chain ends at ${Number(head!.seq) - 1} but the saved head is at ${head!.seq}`,
        }),
      ]);
    }, 60_000);

    it('refuses a head with a bad signature, by another key, from a server not allowed or sent long ago, and keeps nothing of it', async () => {
      const p = (pair = await twoServers(dialect));
      const good = await requestOf(p);
      // The number raised after signing: the head's signature no longer holds.
      const raised = { ...good, head: { ...good.head, seq: good.head.seq + 1 } };
      await expect(witnessChainHead(p.ctxB, raised)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      // Signed throughout by a key that is not the one A publishes.
      const other = await serverKey({ ...p.ctxA, signingKey: '11'.repeat(32) });
      const stranger = await requestOf(p, Promise.resolve(other));
      const reSigned = {
        ...stranger,
        head: {
          ...stranger.head,
          key: other.publicKey,
          signature: other.sign(chainHeadText(stranger.head)),
        },
      };
      reSigned.signature = other.sign(
        witnessRequestText({ head: reSigned.head, from: A, to: B, at: reSigned.at }),
      );
      await expect(witnessChainHead(p.ctxB, reSigned)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      expect((await alerts(p)).map(([code]) => code)).toEqual(['bad-signature', 'bad-signature']);
      await expect(
        witnessChainHead(p.ctxB, { ...good, origin: 'https://elsewhere.example' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const old = new Date(Date.now() - 10 * 60_000).toISOString();
      await expect(witnessChainHead(p.ctxB, { ...good, at: old })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await theirs(p)).toEqual([]);
      // Over HTTP, a body that is not a signed head is refused before anything is read.
      const app = createHttpApp({ ctx: p.ctxB, secureCookies: false, signInAttemptsPer15Min: 10 });
      const res = await app.request(`${B}/chain-witness/heads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ origin: A, head: 'nothing' }),
      });
      expect(res.status).toBe(400);
      // The good request is witnessed.
      expect(await witnessChainHead(p.ctxB, good)).toMatchObject({ witness: B });
      expect(await theirs(p)).toHaveLength(1);
    }, 60_000);

    it('counts a refusal that comes again, and a peer’s alerts past the hour’s allowance, on one kept alert; the command lists them', async () => {
      const p = (pair = await twoServers(dialect));
      const good = await requestOf(p);
      const raised = { ...good, head: { ...good.head, seq: good.head.seq + 1 } };
      for (let i = 0; i < 5; i++) {
        await expect(witnessChainHead(p.ctxB, raised)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
      expect(await listAlerts(p.ctxB)).toEqual([
        expect.objectContaining({
          peer: A,
          code: 'bad-signature',
          seq: good.head.seq + 1,
          repeats: 4,
        }),
      ]);
      // Many different bad heads: only the allowance is kept, the rest counted on the newest.
      for (let i = 2; i < WITNESS_ALERTS_PER_PEER_HOUR + 7; i++) {
        const bad = { ...good, head: { ...good.head, seq: good.head.seq + i } };
        await expect(witnessChainHead(p.ctxB, bad)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
      const kept = await listAlerts(p.ctxB, { peer: `${A}/anything` });
      expect(kept).toHaveLength(WITNESS_ALERTS_PER_PEER_HOUR);
      expect(kept.reduce((n, a) => n + a.repeats, 0)).toBe(4 + 6);
      expect(await listAlerts(p.ctxB, { peer: 'https://elsewhere.example' })).toEqual([]);

      const printed: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((text: string) => {
        printed.push(text);
      });
      try {
        const run = (values: Record<string, string | boolean>) =>
          federationCommand.needs === 'app'
            ? federationCommand.run({ values, positionals: ['alerts'] }, p.ctxB)
            : Promise.reject(new Error('needs the app'));
        expect(await run({})).toBe(0);
        expect(printed).toHaveLength(WITNESS_ALERTS_PER_PEER_HOUR);
        expect(printed[0]).toContain(`${A}  chain ${p.organisationId} entry ${good.head.seq + 1}`);
        expect(printed[0]).toMatch(/bad-signature: .*\(again 4 times, last /);
        printed.length = 0;
        expect(await run({ json: true })).toBe(0);
        expect(JSON.parse(printed[0]!)).toEqual(JSON.parse(JSON.stringify(kept)));
      } finally {
        log.mockRestore();
      }
    }, 60_000);
  });
}
