import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FILE } from '../../../test/e2e-board.ts';
import type { Verdict } from '../../verifier/index.ts';
import { verifierBundle } from './verifier-bundle.ts';

describe('the verifier bundled for a page', () => {
  it('runs with only what a browser has, and verifies the golden board as the CLI does', async () => {
    const script = await verifierBundle();
    expect(script).not.toMatch(/require\(|node:/);
    // A bare context: no process, no require, no Buffer; TextEncoder as every browser has it.
    const context: Record<string, unknown> = { TextEncoder };
    runInNewContext(script, context);
    const api = context.SecondedVerifier as {
      verifyBoard(board: unknown): Promise<Verdict>;
    };
    const board = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as { events: { hash: string }[] };
    const verdict = await api.verifyBoard(board);
    expect(verdict).toMatchObject({
      ok: true,
      summary: { counts: [5, 6, 1], outcome: 'not-carried' },
    });
    board.events[3]!.hash = board.events[4]!.hash;
    expect(await api.verifyBoard(board)).toMatchObject({
      ok: false,
      item: 'event 3 (key of trustee 3)',
    });
    expect(await verifierBundle()).toBe(script);
  }, 60_000);
});
