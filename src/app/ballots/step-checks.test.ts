import { ristretto255 } from '@noble/curves/ed25519.js';
import { afterAll, describe, expect, it } from 'vitest';
import { checkMixDecryption, partialDecryptMix, type MixBallot } from '../../domain/e2e/index.ts';
import { startBallotCheckPool } from '../../infra/ballot-check-pool.ts';
import type { AppContext } from '../common/context.ts';
import { checkDecryptionProofs } from './step-checks.ts';

const G = ristretto255.Point.BASE;
const share = '3412' + '00'.repeat(30);
const verificationKey = G.multiply(0x1234n).toHex();
const shuffleHash = 'cd'.repeat(32);
const ballots: MixBallot[] = Array.from({ length: 12 }, (_, i) =>
  [0, 1, 2].map((k) => ({
    alpha: G.multiply(BigInt(100 + 3 * i + k)).toHex(),
    beta: G.multiply(BigInt(7 + 3 * i + k)).toHex(),
  })),
);
const payload = partialDecryptMix(shuffleHash, 2, share, ballots);

/** What the one-call check in this thread says of `p`: its answer or its refusal. */
const oneCall = (p: unknown) => {
  try {
    return checkMixDecryption(shuffleHash, verificationKey, ballots, p);
  } catch (e) {
    return e;
  }
};

describe('a ranked decryption checked in slices before the transaction', () => {
  const pool = startBallotCheckPool(2);
  afterAll(() => pool.close());
  // Only what the checks use of the context: with the server's threads, or in this thread.
  const contexts = {
    threads: { checkSlices: pool.slices } as unknown as AppContext,
    'this thread': {} as AppContext,
  };
  const check = (ctx: AppContext, p: unknown) =>
    checkDecryptionProofs(ctx, { shuffleHash, verificationKey, ballots, payload: p }).catch(
      (e: unknown) => e,
    );

  for (const [where, ctx] of Object.entries(contexts)) {
    it(`answers and refuses as the one-call check does (${where})`, async () => {
      await pool.started;
      expect(await check(ctx, payload)).toEqual(oneCall(payload));
      // A factor of ballot 8 altered: its proof does not hold, named by its place in the list.
      const altered = structuredClone(payload) as unknown as { factors: string[][] };
      altered.factors[7]![1] = G.multiply(99n).toHex();
      const refused = await check(ctx, altered);
      expect(refused).toMatchObject({ code: 'PROOF_REFUSED' });
      expect((refused as Error).message).toBe((oneCall(altered) as Error).message);
      expect((refused as Error).message).toContain('ballot 8');
      // A list one ballot short.
      const short = { ...payload, proofs: payload.proofs.slice(1) };
      expect(await check(ctx, short)).toMatchObject({
        code: 'PROOF_REFUSED',
        message: (oneCall(short) as Error).message,
      });
    });
  }
});
