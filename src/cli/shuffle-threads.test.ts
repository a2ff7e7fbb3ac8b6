import { describe, expect, it } from 'vitest';
import { G, systemRandom } from '../domain/e2e/group.ts';
import { encryptRanking } from '../domain/e2e/ranked.ts';
import { runShuffleSteps, shuffleSteps, type MixBallot } from '../domain/e2e/shuffle.ts';
import { checkRankedBallots, type RankedItem } from '../verifier/ranked-ballots.ts';
import { checkShuffleWith } from '../verifier/shuffle.ts';
import { shufflePool } from './shuffle-threads.ts';

const electionKey = G.multiply(0x5eed5eedn).toHex();
const ctx = `${'cd'.repeat(32)}|1`;
const list: MixBallot[] = Array.from({ length: 6 }, (_, i) =>
  Array.from({ length: 3 }, (_, k) => ({
    alpha: G.multiply(BigInt(11 + 3 * i + k)).toHex(),
    beta: G.multiply(BigInt(101 + 7 * i + k)).toHex(),
  })),
);

describe('a shuffle over worker threads (seconded trustee shuffle, verify-ballot)', () => {
  it('proves in two threads a shuffle that two threads check, and names a refusal', async () => {
    const pool = shufflePool(2);
    try {
      const steps = shuffleSteps(systemRandom, ctx, electionKey, list, 2);
      const shuffled = await runShuffleSteps(steps, pool.prove);
      const output = JSON.parse(JSON.stringify(shuffled.ballots)) as MixBallot[];
      const proof = JSON.parse(JSON.stringify(shuffled.proof)) as unknown;
      await expect(
        checkShuffleWith(pool.check, 2, ctx, electionKey, list, output, proof),
      ).resolves.toEqual(output);
      const dropped = [...output.slice(0, 5), output[0]!];
      await expect(
        checkShuffleWith(pool.check, 2, ctx, electionKey, list, dropped, proof),
      ).rejects.toThrow('the proof of the shuffle does not hold');
      const bad = [...list.slice(0, 5), [{ alpha: '00'.repeat(32), beta: list[0]![0]!.beta }]];
      await expect(
        runShuffleSteps(
          shuffleSteps(systemRandom, ctx, electionKey, bad as MixBallot[], 2),
          pool.prove,
        ),
      ).rejects.toThrow('the input, ballot 6');
    } finally {
      await pool.close();
    }
  });

  it("checks a ranked board's ballot proofs in slices, with the one-thread check's answer", async () => {
    const openHash = 'ef'.repeat(32);
    const context = { openHash, electionKey, candidates: 3, positions: 2 };
    const items: RankedItem[] = Array.from({ length: 40 }, (_, i) => ({
      index: 10 + i,
      ballot: encryptRanking(
        openHash,
        electionKey,
        context,
        `voter${String(i).padStart(17, '0')}`,
        [i % 3],
      ).ballot,
    }));
    // Two ballots altered, in different slices: the first in board order is named.
    const tampered = JSON.parse(JSON.stringify(items)) as RankedItem[];
    for (const at of [37, 21]) {
      const b = tampered[at]!.ballot as { choices: { alpha: string }[] };
      b.choices[1]!.alpha = b.choices[0]!.alpha;
    }
    const pool = shufflePool(2);
    try {
      const seen: number[] = [];
      await expect(pool.checkRanked(context, items, (done) => seen.push(done))).resolves.toEqual({
        failure: null,
      });
      expect(seen.at(-1)).toBe(40);
      const here = checkRankedBallots(context, tampered);
      expect(here.failure?.index).toBe(31);
      await expect(pool.checkRanked(context, tampered, () => {})).resolves.toEqual(here);
    } finally {
      await pool.close();
    }
  });
});
