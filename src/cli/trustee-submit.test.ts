import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sink } from '../../test/output-sink.ts';
import { serve } from '@hono/node-server';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { setUpKeys, voteRanking } from '../../test/e2e-devices.ts';
import { testContext } from '../../test/factories.ts';
import { camdenWithMembers } from '../../test/story.ts';
import { makeApiToken } from '../app/accounts/make-api-token.ts';
import { closeE2eBallot } from '../app/ballots/close-e2e-ballot.ts';
import { createE2eBallot } from '../app/ballots/create-e2e-ballot.ts';
import { openE2eBallot } from '../app/ballots/open-e2e-ballot.ts';
import { viewBoard } from '../app/ballots/view-e2e-ballot.ts';
import { appendShuffle } from '../domain/e2e/mixnet.ts';
import { createHttpApp } from '../http/app.tsx';
import { trustee } from './trustee.ts';
import { SubmitRefused, submitInParts } from './trustee-submit.ts';

describeEachDatabase('seconded trustee shuffle --submit: handed in in parts', (database) => {
  it('shuffles, writes the board and hands the shuffle in over HTTP in parts; the server refuses what it would refuse in one body', async () => {
    const ctx = testContext(database());
    const { admin, camdenId, members } = await camdenWithMembers(ctx);
    const holders = [members[0]!, members[1]!];
    const { ballotId } = await createE2eBallot(ctx, {
      actor: admin,
      bodyId: camdenId,
      question: 'Election of a delegate',
      options: { kind: 'ranked', candidates: ['Ada', 'Ben', 'Cai'], seats: 1, method: 'irv' },
      trustees: holders.map((t) => t.personId),
    });
    await setUpKeys(ctx, ballotId, holders);
    await openE2eBallot(ctx, { actor: admin, ballotId });
    for (const [i, ranking] of [[0, 1], [1], [2, 0], [0], [1, 2]].entries())
      await voteRanking(ctx, members[i + 2]!, ballotId, ranking);
    await closeE2eBallot(ctx, { actor: admin, ballotId });
    const tokens = await Promise.all(
      holders.map(async (actor) => {
        const made = await makeApiToken(ctx, { actor, name: 'trustee', scopes: ['manage'] });
        return made.token;
      }),
    );
    const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    try {
      await new Promise((ready) => server.once('listening', ready));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const board = await viewBoard(ctx, { actor: holders[0]!, ballotId });

      // The second key holder's shuffle before the first's: refused at the start.
      const first = appendShuffle(board).events.at(-1)!.payload as Record<string, unknown>;
      const early = { ...first, trustee: 2 };
      await expect(
        submitInParts({
          server: url,
          token: tokens[1]!,
          ballotId,
          step: 'shuffle',
          payload: early,
          stderr: sink().stream,
        }),
      ).rejects.toEqual(expect.any(SubmitRefused));

      const dir = mkdtempSync(join(tmpdir(), 'seconded-submit-'));
      writeFileSync(join(dir, 'board.json'), JSON.stringify(board));
      const out = sink();
      const err = sink();
      const code = await trustee(
        {
          values: { submit: url, token: tokens[0]!, threads: '1' },
          positionals: ['shuffle', join(dir, 'board.json'), join(dir, 'board-1.json')],
        },
        { stdout: out.stream, stderr: err.stream },
      );
      expect([code, out.text()]).toEqual([
        0,
        expect.stringContaining('The server checked the shuffle and put it on the board'),
      ]);
      expect(err.text()).toContain('Sending');
      const after = await viewBoard(ctx, { actor: holders[1]!, ballotId });
      expect(after.events.at(-1)!.type).toBe('shuffle');

      // The second key holder's, in parts of two ballots, one ballot altered: refused whole.
      const theirs = structuredClone(appendShuffle(after).events.at(-1)!.payload) as {
        ballots: unknown[];
      };
      theirs.ballots[3] = theirs.ballots[4];
      const refused = submitInParts({
        server: url,
        token: tokens[1]!,
        ballotId,
        step: 'shuffle',
        payload: theirs,
        partBallots: 2,
        stderr: sink().stream,
      });
      await expect(refused).rejects.toMatchObject({ status: 422, code: 'PROOF_REFUSED' });
      expect((await viewBoard(ctx, { actor: holders[1]!, ballotId })).events).toHaveLength(
        after.events.length,
      );
    } finally {
      await new Promise((closed) => server.close(closed));
    }
  }, 180_000);
});
