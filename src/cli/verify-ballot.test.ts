import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sink } from '../../test/output-sink.ts';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FILE, rechain, type Board } from '../../test/e2e-board.ts';
import {
  checkBallots,
  checkBallotsYielding,
  verifyBoard,
  type BallotItem,
} from '../verifier/index.ts';
import { verifyBallot, workerChecker } from './verify-ballot.ts';

const bin = fileURLToPath(new URL('../../bin/seconded.js', import.meta.url));
const exec = promisify(execFile);
const golden = (): Board => JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Board;

/** Runs `seconded ARGS` as a user would, in an empty folder with no database. */
async function seconded(...args: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'seconded-verify-ballot-'));
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args], {
      cwd,
      env: { ...process.env, BASE_URL: '', DATABASE_URL: '', SQLITE_FILE: join(cwd, 'db.sqlite') },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Runs the command's body in this process, catching what it prints. */
async function inProcess(source: string, values: Record<string, string> = {}) {
  const out = sink();
  const err = sink();
  const code = await verifyBallot(
    { values, positionals: [source] },
    { stdout: out.stream, stderr: err.stream, isTTY: false },
  );
  return { code, stdout: out.text(), stderr: err.text() };
}

function writeBoard(board: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'board-')), 'board.json');
  writeFileSync(file, JSON.stringify(board));
  return file;
}

describe('seconded verify-ballot', () => {
  it('prints the question, counts, outcome, ballots and trustees of a board that holds, exit 0', async () => {
    const r = await seconded('verify-ballot', GOLDEN_FILE);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('Question: That this meeting has no confidence in the treasurer');
    expect(r.stdout).toContain('  for      5\n  against  6\n  abstain  1\n');
    expect(r.stdout).toContain('Outcome: not-carried (simple-majority-of-votes-cast)');
    expect(r.stdout).toContain('Ballots: 5 of 6 electors, weight 12.');
    expect(r.stdout).toContain(
      'Trustees: 1 Trustee 1, 2 Trustee 2, 3 Trustee 3 (any 2 can count); decrypted by 3, 1.',
    );
  }, 60_000);

  it('exits 1 naming the first item that fails', async () => {
    const board = golden();
    const p = board.events[19]!.payload as { factors: string[] };
    p.factors[0] = p.factors[1]!;
    const r = await seconded('verify-ballot', writeBoard(rechain(board)));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "FAILED at event 19 (partial decryption of trustee 1): the proof that factor 0 is trustee 1's share times the total does not hold\n",
    );
  }, 60_000);

  it('reads a board from its address', async () => {
    const body = readFileSync(GOLDEN_FILE);
    const server = createServer((req, res) => {
      if (req.url === '/ballots/b1/board') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      } else res.writeHead(404).end('no such ballot');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await inProcess(`${base}/ballots/b1/board`);
      expect([ok.code, ok.stdout]).toEqual([0, expect.stringContaining('the board holds')]);
      const missing = await inProcess(`${base}/ballots/b2/board`);
      expect([missing.code, missing.stderr]).toEqual([
        66,
        expect.stringContaining('the server answered 404'),
      ]);
    } finally {
      server.close();
    }
  });

  it('says whether a tracker is on the board', async () => {
    const tracker = (golden().events[12]!.payload as { tracker: string }).tracker;
    const found = await inProcess(GOLDEN_FILE, { tracker });
    expect([found.code, found.stdout]).toEqual([
      0,
      expect.stringContaining(`Tracker ${tracker} is on the board: ballot 2 of 5.`),
    ]);
    const absent = await inProcess(GOLDEN_FILE, { tracker: 'x'.repeat(43) });
    expect([absent.code, absent.stdout]).toEqual([
      1,
      expect.stringContaining('is NOT on the board'),
    ]);
  });

  it('exits 66 for a file it cannot read and 1 for one that is not JSON', async () => {
    const missing = await inProcess('/nonexistent/board.json');
    expect([missing.code, missing.stderr]).toEqual([66, expect.stringContaining('cannot read')]);
    const file = join(mkdtempSync(join(tmpdir(), 'board-')), 'board.json');
    writeFileSync(file, '{"format": ');
    const junk = await inProcess(file);
    expect([junk.code, junk.stdout]).toEqual([
      1,
      expect.stringMatching(/^FAILED at the board: it is not JSON/),
    ]);
  });

  it('refuses a bad --threads as a usage mistake', async () => {
    const r = await seconded('verify-ballot', GOLDEN_FILE, '--threads', 'many');
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('--threads needs a whole number');
  }, 60_000);
});

describe('the ballots checked in worker threads', () => {
  it('give the same sums as in one thread (yielding or not), and the first failure in board order', async () => {
    const board = golden();
    const open = board.events[10]!;
    const context = {
      openHash: open.hash,
      electionKey: (open.payload as { electionKey: string }).electionKey,
      choices: 3,
      min: 1,
      max: 1,
    };
    const weights = [3, 1, 2, 5, 1];
    const items: BallotItem[] = board.events.slice(11, 16).map((e, i) => ({
      index: 11 + i,
      weight: weights[i]!,
      ballot: (e.payload as { ballot: unknown }).ballot,
    }));
    const alone = checkBallots(context, items);
    const split = await workerChecker(2, 1)(context, items, () => {});
    expect(split).toEqual(alone);
    expect(await checkBallotsYielding(context, items)).toEqual(alone);
    expect(alone.failure).toBeNull();
    // Two failures, one in each worker's slice: the earlier one is named.
    const broken = structuredClone(items);
    (broken[4]!.ballot as { choices: { alpha: string }[] }).choices[0]!.alpha = '0'.repeat(64);
    (broken[3]!.ballot as { choices: { alpha: string }[] }).choices[1]!.alpha = '0'.repeat(64);
    const failed = await workerChecker(2, 1)(context, broken, () => {});
    expect(failed.failure).toEqual({
      index: 14,
      reason: 'choice 1: alpha is the identity point, which is refused everywhere',
    });
    // And the whole verification through the workers agrees with the golden counts.
    const verdict = await verifyBoard(board, { checkBallots: workerChecker(2, 1) });
    expect(verdict).toMatchObject({ ok: true, summary: { counts: [5, 6, 1] } });
  }, 60_000);
});
