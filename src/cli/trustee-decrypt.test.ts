import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sink } from '../../test/output-sink.ts';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { shuffleAs, voteRanking } from '../../test/e2e-devices.ts';
import { devices } from '../demo/seed-demo-e2e.ts';
import { makeRankedElection } from '../../test/e2e-ranked-board.ts';
import { testContext } from '../../test/factories.ts';
import { camdenWithMembers } from '../../test/story.ts';
import { closeE2eBallot } from '../app/ballots/close-e2e-ballot.ts';
import { createE2eBallot } from '../app/ballots/create-e2e-ballot.ts';
import { openE2eBallot } from '../app/ballots/open-e2e-ballot.ts';
import { submitPartialDecryption } from '../app/ballots/submit-partial-decryption.ts';
import { viewBoard } from '../app/ballots/view-e2e-ballot.ts';
import { decryptHere, decryptionFromFile } from '../client/e2e-mix.ts';
import { checkMixDecryption } from '../domain/e2e/mix-count.ts';
import type { MixBoard, ShufflePayload } from '../domain/e2e/mixnet.ts';
import { decryptBoard } from './trustee-decrypt.ts';
import { trustee } from './trustee.ts';

async function decrypt(board: string, out: string, values: Record<string, string>) {
  const err = sink();
  const out_ = sink();
  const code = await trustee(
    { values, positionals: ['decrypt', board, out] },
    { stdout: out_.stream, stderr: err.stream },
  );
  return { code, stdout: out_.text(), stderr: err.text() };
}

const candidates = ['Ada Achebe', 'Ben Brooks', 'Cai Chen', 'Dee Doyle'];

describeEachDatabase(
  'seconded trustee decrypt, handed in to the decryption use case',
  (database) => {
    it('writes the payload the use case accepts; with the page’s decryption it counts the election', async () => {
      const ctx = testContext(database());
      const { admin, camdenId, members } = await camdenWithMembers(ctx);
      const holders = [members[0]!, members[1]!];
      const { ballotId } = await createE2eBallot(ctx, {
        actor: admin,
        bodyId: camdenId,
        question: 'Election of two branch delegates',
        options: { kind: 'ranked', candidates, seats: 2, method: 'scottish-stv' },
        trustees: holders.map((t) => t.personId),
      });
      const { secrets, shares } = await devices.makeKeysKeepingSecrets(ctx, ballotId, holders);
      await openE2eBallot(ctx, { actor: admin, ballotId });
      const rankings = [[0, 1], [0, 2, 1], [1], [1, 0], [2, 3], [0]];
      for (const [i, ranking] of rankings.entries())
        await voteRanking(ctx, members[i + 2]!, ballotId, ranking);
      await closeE2eBallot(ctx, { actor: admin, ballotId });
      await shuffleAs(ctx, holders[0]!, ballotId);
      await shuffleAs(ctx, holders[1]!, ballotId);

      const dir = mkdtempSync(join(tmpdir(), 'seconded-decrypt-'));
      const board = await viewBoard(ctx, { actor: holders[0]!, ballotId });
      writeFileSync(join(dir, 'board.json'), JSON.stringify(board));
      writeFileSync(
        join(dir, 'key-1.json'),
        JSON.stringify({ ballot: ballotId, trustee: 1, secret: secrets[0] }),
      );
      const run = await decrypt(join(dir, 'board.json'), join(dir, 'decryption-1.json'), {
        trustee: '1',
        key: join(dir, 'key-1.json'),
        threads: '1',
      });
      expect(run).toMatchObject({ code: 0 });
      expect(run.stdout).toMatch(/^Trustee 1 decrypted 6 ballots with proofs/);
      expect(run.stderr).toContain('6 of 6 ballots');
      const body = JSON.parse(readFileSync(join(dir, 'decryption-1.json'), 'utf8')) as {
        payload: { trustee: number; factors: string[][] };
      };
      // The page's decryption of the same ballots with the same share gives the same factors.
      const page = await decryptHere(board as never, 1, shares[0]!, () => {});
      expect(body.payload.factors).toEqual(page.factors);
      // The page's file picker takes the file as it is for key holder 1, and only for them.
      const text = readFileSync(join(dir, 'decryption-1.json'), 'utf8');
      expect(decryptionFromFile(text, 1)).toEqual(body.payload);
      expect(decryptionFromFile(text, 2)).toBeNull();
      expect(decryptionFromFile(JSON.stringify(board), 1)).toBeNull();

      expect(
        await submitPartialDecryption(ctx, { actor: holders[0]!, ballotId, payload: body.payload }),
      ).toMatchObject({ decrypted: 1, needed: 2, result: null });
      const second = await decryptHere(board as never, 2, shares[1]!, () => {});
      const counted = await submitPartialDecryption(ctx, {
        actor: holders[1]!,
        ballotId,
        payload: second,
      });
      expect(counted.result).not.toBeNull();
      const final = await viewBoard(ctx, { actor: holders[0]!, ballotId });
      const result = final.events.at(-1)!;
      expect(result.type).toBe('result');
      const published = (result.payload as { rankings: number[][] }).rankings
        .map((r) =>
          r
            .filter((m) => m > 0)
            .map((m) => m - 1)
            .join(','),
        )
        .sort();
      expect(published).toEqual(rankings.map((r) => r.join(',')).sort());
    });
  },
);

describe('seconded trustee decrypt refuses, writing nothing', () => {
  const election = makeRankedElection({
    seed: 'trustee-decrypt',
    candidates: ['A', 'B', 'C'],
    seats: 1,
    rule: 'irv',
    trustees: 2,
    needed: 2,
    rankings: [[0, 1], [1], [2, 0], [0], [1, 2]],
  });
  const ballot = 'ballot-trustee-decrypt';
  const dir = mkdtempSync(join(tmpdir(), 'seconded-decrypt-'));
  const boardFile = join(dir, 'board.json');
  writeFileSync(boardFile, JSON.stringify(election.board));
  const keyFile = (name: string, trusteeNo: number, secret: string) => {
    writeFileSync(join(dir, name), JSON.stringify({ ballot, trustee: trusteeNo, secret }));
    return join(dir, name);
  };

  it('a key that does not open trustee 1’s share', async () => {
    const key = keyFile('wrong.json', 1, election.secrets[1]!);
    const out = join(dir, 'wrong-out.json');
    const run = await decrypt(boardFile, out, { trustee: '1', key });
    expect(run.code).toBe(65);
    expect(run.stderr).toMatch(/^seconded trustee decrypt: .*does not open with this key/);
    expect(existsSync(out)).toBe(false);
  });

  it('the key file of another key holder', async () => {
    const key = keyFile('other.json', 2, election.secrets[1]!);
    const out = join(dir, 'other-out.json');
    const run = await decrypt(boardFile, out, { trustee: '1', key });
    expect(run.code).toBe(65);
    expect(run.stderr).toContain(
      'is the key of trustee 2 of ballot ballot-trustee-decrypt, not of trustee 1',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('a board whose last shuffle was altered after its proof', async () => {
    const altered = structuredClone(election.board) as MixBoard;
    const last = altered.events.findLast((e) => e.type === 'shuffle')!;
    const ballots = (last.payload as ShufflePayload).ballots as unknown[];
    [ballots[0], ballots[1]] = [ballots[1], ballots[0]];
    writeFileSync(join(dir, 'altered.json'), JSON.stringify(altered));
    const out = join(dir, 'altered-out.json');
    const run = await decrypt(join(dir, 'altered.json'), out, {
      trustee: '1',
      key: keyFile('one.json', 1, election.secrets[0]!),
    });
    expect(run.code).toBe(65);
    expect(run.stderr).toMatch(/^seconded trustee decrypt: .*(shuffle|proof)/);
    expect(existsSync(out)).toBe(false);
  });

  it('over worker threads gives the one-thread factors, every proof holding', async () => {
    const key = keyFile('two.json', 2, election.secrets[1]!);
    const quiet = sink().stream;
    const board = election.board as unknown as MixBoard;
    const one = await decryptBoard(board, key, { trustee: 2, threads: 1, stderr: quiet });
    const two = await decryptBoard(board, key, {
      trustee: 2,
      threads: 2,
      stderr: quiet,
      parallelFrom: 0,
    });
    expect(two.factors).toEqual(one.factors);
    const last = board.events.findLast((e) => e.type === 'shuffle')!;
    const verification = board.events
      .filter((e) => e.type === 'trustee-verification')
      .map((e) => e.payload as { trustee: number; verificationKey: string })
      .find((v) => v.trustee === 2)!;
    const shuffled = (last.payload as ShufflePayload).ballots;
    for (const payload of [one, two])
      expect(
        checkMixDecryption(last.hash, verification.verificationKey, shuffled, payload),
      ).toEqual(payload);
    // And the factors are the ones on the board, which counted this election.
    const onBoard = board.events.find(
      (e) => e.type === 'partial-decryption' && (e.payload as { trustee: number }).trustee === 2,
    )!;
    expect(one.factors).toEqual((onBoard.payload as { factors: string[][] }).factors);
  }, 120_000);
});
