import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sink } from '../../test/output-sink.ts';
import { describe, expect, it } from 'vitest';
import { GOLDEN_PLAN, makeBoard } from '../../test/e2e-board.ts';
import { digest } from '../domain/e2e/board.ts';
import type { MixBoard, MixEvent } from '../domain/e2e/mixnet.ts';
import { UsageError } from './command.ts';
import { trustee } from './trustee.ts';
import { verifyBallot } from './verify-ballot.ts';

/** GOLDEN_PLAN's ballot up to the close (hash chain recomputed after adding the close). */
function closedBoard(): MixBoard {
  const voting = makeBoard({ ...GOLDEN_PLAN, until: 'ballot' }) as MixBoard;
  const ballots = voting.events.filter((e) => e.type === 'ballot').length;
  const prev = voting.events.at(-1)!;
  const link = {
    seq: prev.seq + 1,
    type: 'close' as const,
    payload: { at: '2026-12-07T19:30:00.000Z', ballots },
    prev: prev.hash,
  };
  const close: MixEvent = { ...link, hash: digest(link) };
  return { format: voting.format, events: [...voting.events, close] };
}

async function run(command: 'trustee' | 'verify', positionals: string[], values = {}) {
  const out = sink();
  const err = sink();
  const code =
    command === 'trustee'
      ? await trustee({ values, positionals }, { stdout: out.stream, stderr: err.stream })
      : await verifyBallot(
          { values, positionals },
          { stdout: out.stream, stderr: err.stream, isTTY: false },
        );
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('seconded trustee shuffle, then verify-ballot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seconded-trustee-'));
  const closed = join(dir, 'closed.json');
  writeFileSync(closed, JSON.stringify(closedBoard()));

  it('two key holders shuffle in turn; verify-ballot checks both shuffles', async () => {
    const first = await run('trustee', ['shuffle', closed, join(dir, 'one.json')]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^Trustee 1 shuffled 5 ballots/);
    const second = await run('trustee', ['shuffle', join(dir, 'one.json'), join(dir, 'two.json')], {
      trustee: '2',
    });
    expect(second.code).toBe(0);
    const checked = await run('verify', [join(dir, 'two.json')]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain("Shuffled by trustees 1, 2: every shuffle's proof holds.");
  });

  it('refuses a key holder out of turn (65) and an unknown step (usage)', async () => {
    const early = await run('trustee', ['shuffle', closed, join(dir, 'x.json')], { trustee: '2' });
    expect(early).toMatchObject({ code: 65 });
    expect(early.stderr).toContain('trustee 1 shuffles next, not trustee 2');
    await expect(run('trustee', ['mix', closed, join(dir, 'x.json')])).rejects.toThrow(UsageError);
  });

  it('verify-ballot names a shuffle whose output was altered', async () => {
    await run('trustee', ['shuffle', closed, join(dir, 'a.json')]);
    const board = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as {
      events: { payload: { ballots: unknown[] } }[];
    };
    const last = board.events.at(-1)!.payload.ballots;
    last.reverse();
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(board));
    const checked = await run('verify', [join(dir, 'bad.json')]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/^FAILED at event \d+ \(shuffle\): its hash is not the digest/);
  });
});
