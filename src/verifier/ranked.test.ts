import { beforeAll, describe, expect, it } from 'vitest';
import { rechain, type Board } from '../../test/e2e-board.ts';
import { makeRankedElection, type RankedElection } from '../../test/e2e-ranked-board.ts';
import { recountByTally, stageLines } from '../cli/verify-ranked.ts';
import { trackerOf } from './group.ts';
import { rankedVerifier, verifyRankedBoard } from './ranked.ts';

/*
 * A small ranked election built by the server's modules (test/e2e-ranked-board.ts), checked by
 * the verifier alone; test/ranked-election.test.ts does the same with 1,000 ballots.
 */
let election: RankedElection;
const copy = (): Board => structuredClone(election.board) as Board;
const verify = async (board: unknown, blt?: string, checked?: ReadonlySet<string>) => {
  const options = {
    recount: recountByTally,
    ...(blt !== undefined ? { blt } : {}),
    ...(checked ? { checked } : {}),
  };
  const whole = await verifyRankedBoard(JSON.parse(JSON.stringify(board)), options);
  // The same events given one at a time, as verify-ballot gives a board it streams in: ballots
  // checked two at a time and then dropped to their ciphertexts; the same verdict.
  const streamed = rankedVerifier(options, { batch: 2 });
  for (const e of (JSON.parse(JSON.stringify(board)) as Board).events) await streamed.add(e);
  expect(await streamed.finish()).toEqual(whole);
  return whole;
};
const at = (board: Board, type: string, nth = 0) =>
  board.events.map((e, i) => [e.type, i] as const).filter(([t]) => t === type)[nth]![1];

describe('the verifier checks a ranked board (docs/mixnet-protocol.md section 6)', () => {
  beforeAll(() => {
    election = makeRankedElection({
      seed: 'small ranked board',
      candidates: ['Ada', 'Ben', 'Cai'],
      seats: 1,
      rule: 'irv',
      trustees: 2,
      needed: 2,
      rankings: [[0, 1], [1], [2, 1, 0], [1, 0], []],
    });
  }, 600_000);

  it('passes an honest board with its BLT file and recounts the declared stages', async () => {
    const verdict = await verify(election.board, election.blt);
    expect(verdict).toMatchObject({
      ok: true,
      summary: {
        stage: 'counted',
        ballots: 5,
        papers: 4,
        shuffledBy: [1, 2],
        decryptedBy: [1, 2],
        elected: [...election.count.winners],
        stages: stageLines(election.count),
        bltChecked: true,
      },
    });
  });

  it("refuses a ballot whose range proof was changed, naming the ballot's event", async () => {
    const board = copy();
    const ballot = (
      board.events[at(board, 'ballot', 2)]!.payload as {
        ballot: { proofs: { response: string }[][] };
      }
    ).ballot;
    ballot.proofs[1]![0]!.response = ballot.proofs[1]![1]!.response;
    const payload = board.events[at(board, 'ballot', 2)]!.payload as { tracker: string };
    payload.tracker = trackerOf(ballot);
    const verdict = await verify(rechain(board));
    expect(verdict).toMatchObject({
      ok: false,
      item: expect.stringMatching(/^event \d+ \(ballot of pseudonym/),
    });
    expect(!verdict.ok && verdict.reason).toMatch(
      /preference 2: the proof that it encrypts a candidate from 0 to 3 does not hold/,
    );
  });

  it('refuses a shuffle by the wrong trustee and a decryption before the last shuffle', async () => {
    const swapped = copy();
    (swapped.events[at(swapped, 'shuffle', 0)]!.payload as { trustee: number }).trustee = 2;
    const one = await verify(rechain(swapped));
    expect(!one.ok && one.reason).toBe('trustee 2 shuffled where trustee 1 was due');

    const early = copy();
    const i = at(early, 'shuffle', 1);
    const [second] = early.events.splice(i, 1);
    early.events.splice(early.events.length - 1, 0, second!);
    early.events.forEach((e, k) => ((e as { seq: number }).seq = k));
    const two = await verify(rechain(early));
    expect(!two.ok && two.reason).toBe(
      'a partial-decryption event is out of order here: the protocol expects shuffle',
    );
  });

  it('refuses a BLT file with another rule, or cut short', async () => {
    // The board's proofs held in the first test: only the count and the file are read again.
    const known = new Set(election.board.events.map((e) => e.hash));
    const irv = await verify(
      election.board,
      election.blt.replace('"method: irv"', '"method: meek-stv"'),
    );
    expect(irv).toMatchObject({ ok: false, item: 'the BLT file' });
    expect(!irv.ok && irv.reason).toBe(
      'its note "method" is "meek-stv" where the board\'s rule is "irv"',
    );
    const cut = await verify(
      election.board,
      election.blt.split('\n').slice(0, 2).join('\n'),
      known,
    );
    expect(!cut.ok && cut.reason).toBe('the papers do not end with a line "0"');
  });
});
