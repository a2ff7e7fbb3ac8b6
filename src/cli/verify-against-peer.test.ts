import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { recomputeChain } from '../../test/chain-attacks.ts';
import { DIALECTS, freshDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { northfield } from '../../test/story.ts';
import type { AppContext } from '../app/common/context.ts';
import { sendChainHeads } from '../app/federation/send-chain-heads.ts';
import type { OpenDatabase } from '../db/database.ts';
import { createHttpApp } from '../http/app.tsx';

const bin = fileURLToPath(new URL('../../bin/seconded.js', import.meta.url));
const run = promisify(execFile);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Runs `seconded ARGS` as an administrator would, on the given database. */
async function seconded(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { ...process.env, LOG_LEVEL: 'error', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

for (const dialect of DIALECTS) {
  describe(`seconded verify --against <peer> [${dialect}]`, () => {
    const opened: OpenDatabase[] = [];
    let peer: ServerType | undefined;
    afterEach(async () => {
      await new Promise((resolve) => (peer ? peer.close(resolve) : resolve(undefined)));
      for (const open of opened.splice(0)) await open.close();
    });

    it('passes while the chain holds the head a peer witnessed, and names the entry once the chain is recomputed', async () => {
      const [portA, portB] = [await freePort(), await freePort()];
      const [A, B] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
      const openA = await freshDatabase(dialect, { onDisk: true });
      const openB = await freshDatabase(dialect);
      opened.push(openA, openB);
      const now = () => new Date();
      // Server A is not running: only its database, its head sent to B, and the command line.
      // Its pages (its key, its links) reach B in this process.
      const toA: typeof fetch = async (input, init) =>
        String(input).startsWith(A) ? appA.request(String(input), init) : fetch(input, init);
      const ctxB: AppContext = {
        ...testContext(openB, { now, baseUrl: B }),
        federation: { origin: B, allowedPeers: [A], fetch: toA },
      };
      const appB = createHttpApp({ ctx: ctxB, secureCookies: false, signInAttemptsPer15Min: 10 });
      peer = serve({ fetch: appB.fetch, port: portB, hostname: '127.0.0.1' });
      const ctxA: AppContext = {
        ...testContext(openA, { now, baseUrl: A }),
        federation: { origin: A, allowedPeers: [B], fetch: toA },
      };
      const appA = createHttpApp({ ctx: ctxA, secureCookies: false, signInAttemptsPer15Min: 10 });
      const story = await northfield(ctxA);
      expect(await sendChainHeads(ctxA)).toBe(1);
      const env = { ...openA.env, BASE_URL: A };

      const held = await seconded(env, 'verify', '--against', B);
      expect([held.code, held.stdout]).toEqual([
        0,
        expect.stringMatching(
          /^ok {6}organisation northfield-movement \(.+\): the chain still contains the head http:\/\/127\.0\.0\.1:\d+ witnessed at entry \d+ and holds together/,
        ),
      ]);

      const organisationId = story.organisation.organisationId;
      await openA.db
        .updateTable('audit_events')
        .set({ subject: 'organisation:forged' })
        .where('organisation_id', '=', organisationId)
        .where('seq', '=', 1)
        .execute();
      await recomputeChain(openA.db, organisationId);
      expect((await seconded(env, 'verify')).code).toBe(0);
      const caught = await seconded(env, 'verify', '--against', B);
      expect(caught.code).toBe(1);
      expect(caught.stdout).toMatch(
        /^BROKEN {2}organisation northfield-movement \(.+\), head witnessed by http:\/\/127\.0\.0\.1:\d+ at entry (\d+) \(.+\): entry \1's hash is [0-9a-f]{64}, the saved head says [0-9a-f]{64}\n$/,
      );

      const down = await seconded(env, 'verify', '--against', A);
      expect([down.code, down.stderr]).toEqual([69, expect.stringContaining('Cannot read what')]);
    }, 300_000);
  });
}
