/**
 * The count of an end-to-end ballot of 100,000 ballots (issue 14): a for/against/abstain card
 * vote with two key holders of two. Timed as the server and the key holders do it:
 * - the homomorphic total, kept as the ballots are cast: each cast decodes its ballot's
 *   ciphertexts, multiplies them by the voter's weight and adds them to the running total as
 *   stored (ballotTerms and addToTotal, timed per cast), and the close only encodes the total
 *   (totalOf); beside it, the total recomputed from every ballot on the board at once
 *   (weightedTotal: what the close did before, and still does for a running total that is short);
 * - each key holder's partial decryption of the totals, with its proofs (on their device);
 * - the server's check of each partial decryption, and the combination: Lagrange coefficients and
 *   the counts by baby-step giant-step (at the last decryption).
 * Sealing 100,000 ballots with their proofs would take far longer than counting them, and the
 * count never reads the proofs: the bench seals 200 distinct ballots and repeats them to make up
 * the 100,000 (each is still decoded on its own, as the server does). The baseline, measured in
 * the same run, is the floor of the total: JSON.parse of the same ballots.
 */
import {
  checkPartialDecryption,
  combine,
  electionKey,
  encryptBallot,
  makePolynomial,
  makeTrusteeKey,
  openShares,
  partialDecrypt,
  addToTotal,
  ballotTerms,
  totalOf,
  weightedTotal,
  type EncryptedBallot,
} from '../src/domain/e2e/index.ts';
import { figurePrinter } from './figure.ts';

const seconds = (start: number) => (performance.now() - start) / 1000;

export async function benchE2eCount(opts: { json: boolean; quick: boolean }): Promise<void> {
  const print = figurePrinter(opts.json);
  const ballots = opts.quick ? 10_000 : 100_000;
  const setupHash = 'cd'.repeat(32);
  const openHash = 'ab'.repeat(32);
  const shape = { choices: 3, min: 1, max: 1 };
  const made = [1, 2].map((t) => makeTrusteeKey(setupHash, t));
  const keys = made.map((m) => m.payload);
  const polynomials = [1, 2].map((t) => makePolynomial(setupHash, t, 2, keys));
  const opened = [1, 2].map((t) => openShares(setupHash, t, made[t - 1]!.secret, polynomials));
  const y = electionKey(polynomials);
  const distinct = Array.from(
    { length: 200 },
    (_, i) =>
      encryptBallot(
        openHash,
        y,
        shape,
        `voter${i}`.padEnd(22, '_'),
        [0, 1, 2].map((k) => (k === i % 3 ? 1 : 0)),
      ).ballot,
  );
  // As the board stores them: one JSON text a ballot, read back at the close.
  const rows = Array.from({ length: ballots }, (_, i) => JSON.stringify(distinct[i % 200]));
  const weight = (i: number) => (i % 4 === 0 ? 3 : 1);

  let t = performance.now();
  const parsed = rows.map((r) => JSON.parse(r) as EncryptedBallot);
  const floor = seconds(t);

  t = performance.now();
  const recomputed = weightedTotal(
    shape,
    parsed.map((ballot, i) => ({ ballot, weight: weight(i) })),
  )!;
  const recompute = seconds(t);

  // Each cast's share of the running total, stored and read back as text as the database does.
  let running: string | null = null;
  t = performance.now();
  for (const [i, ballot] of parsed.entries())
    running = addToTotal(running, ballotTerms(shape, ballot, weight(i)));
  const perCast = seconds(t) / ballots;
  t = performance.now();
  const totals = totalOf(running!);
  const total = seconds(t);
  if (JSON.stringify(totals) !== JSON.stringify(recomputed))
    throw new Error('the running total is not the total recomputed from the ballots');

  t = performance.now();
  const partials = [1, 2].map((trustee) =>
    partialDecrypt(openHash, trustee, opened[trustee - 1]!.share, totals),
  );
  const decrypt = seconds(t) / 2;

  t = performance.now();
  partials.forEach((p, i) =>
    checkPartialDecryption(openHash, opened[i]!.payload.verificationKey, totals, p),
  );
  const maxCount = parsed.reduce((sum, _, i) => sum + weight(i), 0);
  const { counts } = combine(totals, partials, 2, maxCount);
  const result = seconds(t);

  const expected = [0, 1, 2].map((k) =>
    parsed.reduce((sum, _, i) => sum + ((i % 200) % 3 === k ? weight(i) : 0), 0),
  );
  if (counts.join() !== expected.join())
    throw new Error(`the count is ${counts.join()}, not ${expected.join()}`);

  const all = total + 2 * decrypt + result;
  print(
    {
      bench: `e2e-count.${ballots}`,
      value: all,
      unit: 's',
      baseline: floor,
      ratio: all / floor,
    },
    `count ${ballots.toLocaleString('en')} end-to-end ballots (for/against/abstain, weights 1 and 3, two key holders): ${all.toFixed(2)} s in all; ` +
      `the weighted total at the close ${(1000 * total).toFixed(1)} ms (kept as the ballots are cast: ${(1000 * perCast).toFixed(2)} ms a cast; recomputed from every ballot at once ${recompute.toFixed(1)} s, ${((1000 * recompute) / ballots).toFixed(2)} ms a ballot), ` +
      `a key holder's partial decryption ${(1000 * decrypt).toFixed(0)} ms, checking both and finding the counts ${(1000 * result).toFixed(0)} ms; ` +
      `the floor (JSON.parse of the ballots) ${floor.toFixed(2)} s`,
  );
}
