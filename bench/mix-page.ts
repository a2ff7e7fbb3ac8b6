/**
 * The key holder's page of a ranked election (issue 18): shuffling and proving, then decrypting
 * with proofs, `MIX_BALLOTS` ballots (200 by default) of 10 preferences in Debian's Chromium with
 * the page's own code (src/client/e2e-mix.ts, slices of 25 ballots with a pause between them),
 * timed inside the page. The baseline, in the same run, is the same work in this Node.js process
 * in one piece (shuffleBallotsWith, partialDecryptMix): the ratio is what the browser and the
 * slicing cost over it, and tells whether the page's limit (10,000 sealed preferences) keeps a
 * key holder waiting tens of seconds rather than minutes. Skipped, loudly, without Chromium.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { G, randomScalar, scalarToHex, systemRandom } from '../src/domain/e2e/group.ts';
import { partialDecryptMix } from '../src/domain/e2e/mix-count.ts';
import { shuffleBallots, type MixBallot } from '../src/domain/e2e/shuffle.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/browser/browser.ts';
import { figurePrinter } from './figure.ts';

const root = join(fileURLToPath(import.meta.url), '../..');
const OPEN_HASH = 'ab'.repeat(32);
const SHUFFLE_HASH = 'cd'.repeat(32);
const POSITIONS = 10;

/** A closed ranked board as the page reads it: only what readMix and decryptHere look at. */
function boardOf(electionKey: string, ballots: readonly MixBallot[]) {
  return {
    format: 'seconded-board-1',
    events: [
      { seq: 0, type: 'setup', payload: { trustees: [{ index: 1 }, { index: 2 }] }, hash: '00' },
      { seq: 1, type: 'open', payload: { electionKey }, hash: OPEN_HASH },
      ...ballots.map((choices, i) => ({
        seq: i + 2,
        type: 'ballot',
        payload: { ballot: { choices } },
        hash: '',
      })),
      { seq: ballots.length + 2, type: 'close', payload: {}, hash: '' },
    ],
  };
}

/** Wall seconds of the page's shuffle (trustee 1) and decryption, measured in Chromium. */
async function timeInChromium(board: unknown, share: string) {
  const bundle = await build({
    stdin: {
      contents: `import { shuffleHere, decryptHere } from './src/client/e2e-mix.ts';
        globalThis.timeMix = async (board, share, shuffleHash) => {
          let t = performance.now();
          const shuffled = await shuffleHere(board, 1, () => {});
          const shuffle = (performance.now() - t) / 1000;
          const withShuffle = { ...board, events: [...board.events,
            { seq: board.events.length, type: 'shuffle', payload: shuffled, hash: shuffleHash }] };
          t = performance.now();
          await decryptHere(withShuffle, 1, share, () => {});
          return { shuffle, decrypt: (performance.now() - t) / 1000 };
        };`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    target: 'es2022',
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    return await page.evaluate<{ shuffle: number; decrypt: number }, [unknown, string, string]>(
      ([b, s, h]) =>
        (
          globalThis as unknown as {
            timeMix(
              b: unknown,
              s: string,
              h: string,
            ): Promise<{ shuffle: number; decrypt: number }>;
          }
        ).timeMix(b, s, h),
      [board, share, SHUFFLE_HASH],
    );
  } finally {
    await browser.close();
  }
}

/** Wall and CPU seconds of `work` in this process. */
function timed(work: () => unknown) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = work();
  const used = process.cpuUsage(cpu);
  return { value, wall: (performance.now() - t) / 1000, cpu: (used.user + used.system) / 1e6 };
}

export async function benchMixPage(opts: { json: boolean; quick?: boolean }): Promise<void> {
  const print = figurePrinter(opts.json);
  if (!existsSync(CHROMIUM)) {
    console.error(`!! ${CHROMIUM} is missing: the key holder's page benchmark is skipped.`);
    return;
  }
  const n = opts.quick ? 40 : Number(process.env['MIX_BALLOTS'] ?? 200);
  const secret = randomScalar(systemRandom);
  const electionKey = G.multiply(secret).toHex();
  const y = G.multiply(secret);
  // Sealed "no preference" everywhere: the shuffle's and decryption's cost do not depend on it.
  const ballots: MixBallot[] = Array.from({ length: n }, () =>
    Array.from({ length: POSITIONS }, () => {
      const r = randomScalar(systemRandom);
      return { alpha: G.multiply(r).toHex(), beta: y.multiply(r).toHex() };
    }),
  );
  const share = scalarToHex(secret);
  const node = timed(() => shuffleBallots(`${OPEN_HASH}|1`, electionKey, ballots));
  const nodeDecrypt = timed(() =>
    partialDecryptMix(SHUFFLE_HASH, 1, share, (node.value as { ballots: MixBallot[] }).ballots),
  );
  const page = await timeInChromium(boardOf(electionKey, ballots), share);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  const what = `${n} ballots of ${POSITIONS}`;
  for (const [step, inNode, inPage] of [
    ['shuffle and prove', node, page.shuffle],
    ['decrypt with proofs', nodeDecrypt, page.decrypt],
  ] as const) {
    print(
      {
        bench: `mix-page.${step.split(' ')[0]}.node`,
        value: inNode.wall,
        unit: 's',
        baseline: inNode.wall,
        ratio: 1,
      },
      `${step} ${what} in Node.js, in one piece: ${inNode.wall.toFixed(1)} s wall, ${inNode.cpu.toFixed(1)} s CPU (baseline; load ${load})`,
    );
    print(
      {
        bench: `mix-page.${step.split(' ')[0]}.chromium`,
        value: inPage,
        unit: 's',
        baseline: inNode.wall,
        ratio: inPage / inNode.wall,
      },
      `${step} ${what} on the key holder's page in Chromium: ${inPage.toFixed(1)} s wall (${(inPage / inNode.wall).toFixed(2)}× Node's wall time)`,
    );
  }
}
