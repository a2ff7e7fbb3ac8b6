import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { tracker } from '../domain/e2e/ballot.ts';
import { GOLDEN_FILE, makeBoard, rechain, type Board } from '../../test/e2e-board.ts';
import { verifyBoard } from './index.ts';

/*
 * The golden board (test/e2e-board.ts GOLDEN_PLAN): 0 setup, 1-3 keys, 4-6 polynomials, 7-9
 * verification keys, 10 open (six electors, weights 3 1 2 1 5 1; the fourth does not vote),
 * 11-15 ballots, 16 close, 17 total, 18-20 partial decryptions of trustees 3, 1, 2, 21 result.
 */
const golden = (): Board => JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Board;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const payload = (b: Board, i: number): Any => b.events[i]!.payload;
const pseudonymAt = (b: Board, i: number): string => payload(b, i).ballot.pseudonym;
/** Numbers the events 0, 1, 2… again and recomputes the chain, as a forger would. */
const renumbered = (b: Board): Board =>
  rechain({ ...b, events: b.events.map((e, seq) => ({ ...e, seq })) });

async function refused(board: unknown) {
  const verdict = await verifyBoard(board);
  if (verdict.ok) throw new Error('the verifier accepted a tampered board');
  return verdict;
}

describe('the verifier on the golden board', () => {
  it('accepts it and recomputes the counts, the outcome and the turnout', async () => {
    const verdict = await verifyBoard(golden());
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.summary).toMatchObject({
      question: 'That this meeting has no confidence in the treasurer',
      stage: 'counted',
      counts: [5, 6, 1],
      outcome: 'not-carried',
      decryptedBy: [3, 1],
      electors: 6,
      ballots: 5,
      weight: 12,
      needed: 2,
      events: 22,
      head: golden().events[21]!.hash,
    });
    expect(verdict.summary.trackers).toEqual(
      golden()
        .events.slice(11, 16)
        .map((e) => (e.payload as Any).tracker),
    );
  });

  it('accepts a board read while voting is open, and says no result is there yet', async () => {
    const b = golden();
    const verdict = await verifyBoard({ ...b, events: b.events.slice(0, 14) });
    expect(verdict).toMatchObject({ ok: true, summary: { stage: 'open', ballots: 3 } });
  });

  it('accepts a ballot nobody voted in: no total, no decryption, a result of zeros', async () => {
    const empty = makeBoard({
      seed: 'nobody voted',
      choices: ['for', 'against', 'abstain'],
      min: 1,
      max: 1,
      rule: 'simple-majority-of-votes-cast',
      trustees: 2,
      needed: 2,
      electors: [{ weight: 1 }, { weight: 1 }],
    });
    expect(empty.events.map((e) => e.type).slice(-3)).toEqual(['open', 'close', 'result']);
    expect(await verifyBoard(empty)).toMatchObject({
      ok: true,
      summary: { counts: [0, 0, 0], outcome: 'not-carried', decryptedBy: [], ballots: 0 },
    });
    const withTotal = structuredClone(empty);
    withTotal.events.splice(-1, 0, { ...golden().events[17]!, seq: withTotal.events.length - 1 });
    expect(await refused(renumbered(withTotal))).toMatchObject({
      item: `event ${withTotal.events.length - 2} (total)`,
      reason: 'a total event is out of order here: the protocol expects result',
    });
  });

  it('refuses a dropped ballot: the chain breaks at the next event', async () => {
    const b = golden();
    const next = pseudonymAt(b, 14);
    b.events.splice(13, 1);
    expect(await refused(b)).toEqual({
      ok: false,
      item: `event 13 (ballot of pseudonym ${next})`,
      reason: 'its seq is 14 where 13 is expected',
    });
  });

  it('refuses a dropped ballot even with the chain recomputed: the close, then the total', async () => {
    const b = golden();
    b.events.splice(13, 1);
    expect(await refused(renumbered(b))).toMatchObject({
      item: 'event 15 (close)',
      reason: 'it counts 5 ballots where the board has 4',
    });
    payload(b, 15).ballots = 4;
    expect(await refused(renumbered(b))).toMatchObject({
      item: 'event 16 (total)',
      reason: "total 0 is not the sum of the ballots' choice 0 times their weights",
    });
  });

  it('refuses a reordered event', async () => {
    const b = golden();
    const [polynomial] = b.events.splice(4, 1);
    b.events.splice(3, 0, polynomial!);
    expect(await refused(renumbered(b))).toMatchObject({
      item: 'event 3 (polynomial of trustee 1)',
      reason: expect.stringMatching(/out of order here: the protocol expects trustee-key$/),
    });
  });

  it('refuses a forged partial decryption', async () => {
    const b = golden();
    const p = payload(b, 19);
    p.factors[0] = p.factors[1];
    expect(await refused(rechain(b))).toMatchObject({
      item: 'event 19 (partial decryption of trustee 1)',
      reason: "the proof that factor 0 is trustee 1's share times the total does not hold",
    });
  });

  it('refuses a changed weight: every ballot is bound to the open event that lists it', async () => {
    const b = golden();
    payload(b, 10).electorate[0].weight = 4;
    expect(await refused(rechain(b))).toMatchObject({
      item: `event 11 (ballot of pseudonym ${pseudonymAt(b, 11)})`,
      reason: 'choice 0: the proof that it is 0 or 1 does not hold',
    });
  });

  it('refuses a ballot copied from another voter under their pseudonym', async () => {
    const b = golden();
    const copy = structuredClone(b.events[11]!);
    const other = payload(b, 10).electorate[3].pseudonym as string; // did not vote
    (copy.payload as Any).ballot.pseudonym = other;
    (copy.payload as Any).tracker = tracker((copy.payload as Any).ballot);
    b.events.splice(16, 0, copy);
    payload(b, 17).ballots = 6;
    expect(await refused(renumbered(b))).toMatchObject({
      item: `event 16 (ballot of pseudonym ${other})`,
      reason: 'choice 0: the proof that it is 0 or 1 does not hold',
    });
  });

  it('refuses swapped ciphertexts and a choice of 2', async () => {
    const swapped = golden();
    const ballot = payload(swapped, 11).ballot;
    ballot.choices.reverse();
    ballot.individual.reverse();
    payload(swapped, 11).tracker = tracker(ballot);
    expect(await refused(rechain(swapped))).toMatchObject({
      item: `event 11 (ballot of pseudonym ${pseudonymAt(swapped, 11)})`,
      reason: 'choice 0: the proof that it is 0 or 1 does not hold',
    });
    // Doubling a ciphertext of 1 encrypts 2 (ElGamal is additive in the exponent).
    const two = golden();
    const doubled = payload(two, 11).ballot;
    const P = ristretto255.Point;
    doubled.choices[0] = {
      alpha: P.fromHex(doubled.choices[0].alpha).double().toHex(),
      beta: P.fromHex(doubled.choices[0].beta).double().toHex(),
    };
    payload(two, 11).tracker = tracker(doubled);
    expect(await refused(rechain(two))).toMatchObject({
      item: `event 11 (ballot of pseudonym ${pseudonymAt(two, 11)})`,
      reason: 'choice 0: the proof that it is 0 or 1 does not hold',
    });
  });

  it('refuses a second ballot of one pseudonym', async () => {
    const b = golden();
    b.events.splice(16, 0, structuredClone(b.events[11]!));
    payload(b, 17).ballots = 6;
    expect(await refused(renumbered(b))).toMatchObject({
      item: `event 16 (ballot of pseudonym ${pseudonymAt(b, 11)})`,
      reason: `the pseudonym ${pseudonymAt(b, 11)} has already voted`,
    });
  });

  it('refuses a ballot whose pseudonym is not in the electorate', async () => {
    const b = golden();
    payload(b, 12).ballot.pseudonym = 'A'.repeat(22);
    expect(await refused(rechain(b))).toMatchObject({
      item: `event 12 (ballot of pseudonym ${'A'.repeat(22)})`,
      reason: `the pseudonym ${'A'.repeat(22)} is not in the electorate`,
    });
  });

  it('refuses a tracker that is not the hash of its ballot', async () => {
    const b = golden();
    payload(b, 12).tracker = payload(b, 13).tracker;
    expect(await refused(rechain(b))).toMatchObject({
      item: expect.stringMatching(/^event 12 \(ballot/),
      reason: 'the tracker is not the hash of the ballot',
    });
  });

  it('refuses a changed count, a changed outcome and the wrong trustees', async () => {
    const counts = golden();
    payload(counts, 21).counts = [6, 5, 1];
    payload(counts, 21).outcome = 'carried';
    expect(await refused(rechain(counts))).toMatchObject({
      item: 'event 21 (result)',
      reason: 'count 0 is 6 where the decryption gives 5',
    });
    const outcome = golden();
    payload(outcome, 21).outcome = 'carried';
    expect(await refused(rechain(outcome))).toMatchObject({
      item: 'event 21 (result)',
      reason:
        'the outcome is "carried" where the counts give "not-carried" by simple-majority-of-votes-cast',
    });
    const trustees = golden();
    payload(trustees, 21).trustees = [1, 3];
    expect(await refused(rechain(trustees))).toMatchObject({
      reason: 'the trustees combined are [1, 3] where the first 2 to decrypt are [3, 1]',
    });
  });

  it('refuses a result before enough trustees have decrypted', async () => {
    const b = golden();
    b.events.splice(19, 2);
    expect(await refused(renumbered(b))).toMatchObject({
      item: 'event 19 (result)',
      reason: 'a result event is out of order here: the protocol expects partial-decryption',
    });
  });

  it('refuses a changed total', async () => {
    const b = golden();
    const total = payload(b, 17).ciphertexts;
    [total[0], total[1]] = [total[1], total[0]];
    expect(await refused(rechain(b))).toMatchObject({
      item: 'event 17 (total)',
      reason: "total 0 is not the sum of the ballots' choice 0 times their weights",
    });
  });

  it('refuses a broken prev hash', async () => {
    const b = golden();
    (b.events[5] as Any).prev = b.events[3]!.hash;
    expect(await refused(b)).toMatchObject({
      item: 'event 5 (polynomial of trustee 2)',
      reason: 'its prev is not the hash of the event before it (the chain is broken)',
    });
  });

  it('refuses an event whose hash is not its digest', async () => {
    const b = golden();
    payload(b, 16).at = '2026-12-07T19:31:00.000Z';
    expect(await refused(b)).toMatchObject({
      item: 'event 16 (close)',
      reason: 'its hash is not the digest of its seq, type, payload and prev',
    });
  });

  it('refuses a non-canonical encoding of a point', async () => {
    const b = golden();
    const ballot = payload(b, 11).ballot;
    // The same field element plus p = 2^255 - 19: a second, non-canonical encoding (RFC 9496 §4.3.1).
    const hex = ballot.choices[0].alpha as string;
    let s = 0n;
    for (let i = 62; i >= 0; i -= 2) s = (s << 8n) | BigInt(parseInt(hex.slice(i, i + 2), 16));
    s += 2n ** 255n - 19n;
    let out = '';
    for (let i = 0; i < 32; i++, s >>= 8n)
      out += Number(s & 0xffn)
        .toString(16)
        .padStart(2, '0');
    ballot.choices[0].alpha = out;
    payload(b, 11).tracker = tracker(ballot);
    expect(await refused(rechain(b))).toMatchObject({
      item: `event 11 (ballot of pseudonym ${pseudonymAt(b, 11)})`,
      reason: 'choice 0: alpha is not a canonical ristretto255 encoding',
    });
  });

  it('refuses the identity point, as a key and as a ciphertext', async () => {
    const key = golden();
    payload(key, 1).key = '0'.repeat(64);
    expect(await refused(rechain(key))).toMatchObject({
      item: 'event 1 (key of trustee 1)',
      reason: 'the key is the identity point, which is refused everywhere',
    });
    const ballot = golden();
    payload(ballot, 13).ballot.choices[2].beta = '0'.repeat(64);
    payload(ballot, 13).tracker = tracker(payload(ballot, 13).ballot);
    expect(await refused(rechain(ballot))).toMatchObject({
      item: expect.stringMatching(/^event 13 \(ballot/),
      reason: 'choice 2: beta is the identity point, which is refused everywhere',
    });
  });

  it('refuses a scalar not below the group order, and upper-case hex', async () => {
    const big = golden();
    const ell = 2n ** 252n + 27742317777372353535851937790883648493n;
    let out = '';
    for (let i = 0, s = ell; i < 32; i++, s >>= 8n)
      out += Number(s & 0xffn)
        .toString(16)
        .padStart(2, '0');
    payload(big, 2).proof.response = out;
    expect(await refused(rechain(big))).toMatchObject({
      item: 'event 2 (key of trustee 2)',
      reason: 'the proof: the response is a scalar not below the group order',
    });
    const upper = golden();
    payload(upper, 2).proof.challenge = payload(upper, 2).proof.challenge.toUpperCase();
    expect(await refused(rechain(upper))).toMatchObject({
      reason: 'the proof: the challenge is not 64 lowercase hexadecimal digits',
    });
  });

  it('refuses an unknown field, an unknown event type and a trustee acting twice', async () => {
    const field = golden();
    payload(field, 10).extra = 1;
    expect(await refused(rechain(field))).toMatchObject({
      item: 'event 10 (open)',
      reason: 'the payload has an unknown field "extra"',
    });
    const type = golden();
    (type.events[16] as Any).type = 'recount';
    expect(await refused(rechain(type))).toEqual({
      ok: false,
      item: 'event 16',
      reason: 'its type "recount" is unknown',
    });
    const twice = golden();
    twice.events.splice(3, 0, structuredClone(twice.events[2]!));
    expect(await refused(renumbered(twice))).toMatchObject({
      item: 'event 3 (key of trustee 2)',
      reason: 'trustee 2 already acted at this step',
    });
  });

  it('refuses a verification key that is not the sum of the commitments', async () => {
    const b = golden();
    payload(b, 7).verificationKey = payload(b, 8).verificationKey;
    expect(await refused(rechain(b))).toMatchObject({
      item: 'event 7 (verification key of trustee 1)',
      reason: "trustee 1's verification key is not the sum of the commitments at 1",
    });
  });

  it('names the board itself when it is not a board', async () => {
    expect(await refused({ format: 'seconded-board-2', events: [] })).toEqual({
      ok: false,
      item: 'the board',
      reason: 'its format is not "seconded-board-1"',
    });
    expect(await refused([])).toMatchObject({
      item: 'the board',
      reason: 'the board is not an object',
    });
  });
});
