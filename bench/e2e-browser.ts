/**
 * The voter's device (issue 14: aim under 50 ms): encrypting and proving a for/against/abstain
 * ballot in Debian's Chromium, with the same bundle of src/domain/e2e the ballot page loads,
 * timed inside the page; and (issue 18) sealing a ranking of 10 candidates, 10 positions each
 * proved in [0, 10] by an 11-branch proof (docs/mixnet-protocol.md section 2), as the ranked
 * ballot page does. The baseline, in the same run, is the same work in this Node.js process; the
 * ratio says what the browser costs over it. Skipped, loudly, without Chromium.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { encryptBallot, encryptRanking } from '../src/domain/e2e/index.ts';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/browser/browser.ts';
import type { Figure } from './figure.ts';

const root = join(fileURLToPath(import.meta.url), '../..');
const SHAPE = { choices: 3, min: 1, max: 1 };
const RANKED = { candidates: 10, positions: 10 };
/** A full ranking of the 10 candidates: every position sealed with a candidate. */
const RANKING = [3, 1, 4, 0, 9, 2, 6, 5, 8, 7];
const OPEN_HASH = 'ab'.repeat(32);
const PSEUDONYM = 'AAAAAAAAAAAAAAAAAAAAAA';

type Work = 'ballot' | 'ranking';

/** One sealing of `work`, written once as source so that Node and the page run the same call. */
const SEAL: Record<Work, string> = {
  ballot: `encryptBallot(${JSON.stringify(OPEN_HASH)}, key, ${JSON.stringify(SHAPE)}, ${JSON.stringify(PSEUDONYM)}, [1, 0, 0])`,
  ranking: `encryptRanking(${JSON.stringify(OPEN_HASH)}, key, ${JSON.stringify(RANKED)}, ${JSON.stringify(PSEUDONYM)}, ${JSON.stringify(RANKING)})`,
};

/**
 * Milliseconds per ballot, the best of three rounds of `count`, and the CPU time of that round
 * (on a loaded machine the wall time of this process also counts the others' turns).
 */
function timeInNode(work: Work, electionKey: string, count: number): { wall: number; cpu: number } {
  const seal =
    work === 'ballot'
      ? () => encryptBallot(OPEN_HASH, electionKey, SHAPE, PSEUDONYM, [1, 0, 0])
      : () => encryptRanking(OPEN_HASH, electionKey, RANKED, PSEUDONYM, RANKING);
  let best = { wall: Infinity, cpu: Infinity };
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    const c = process.cpuUsage();
    for (let i = 0; i < count; i++) seal();
    const used = process.cpuUsage(c);
    const wall = (performance.now() - t) / count;
    if (wall < best.wall) best = { wall, cpu: (used.user + used.system) / 1000 / count };
  }
  return best;
}

async function timeInChromium(
  electionKey: string,
  counts: Record<Work, number>,
): Promise<Record<Work, number>> {
  const bundle = await build({
    stdin: {
      contents: `import { encryptBallot, encryptRanking } from './src/domain/e2e/index.ts';
        const seals = {
          ballot: (key) => ${SEAL.ballot},
          ranking: (key) => ${SEAL.ranking},
        };
        globalThis.timeSealing = (work, key, count) => {
          let best = Infinity;
          for (let round = 0; round < 3; round++) {
            const t = performance.now();
            for (let i = 0; i < count; i++) seals[work](key);
            best = Math.min(best, (performance.now() - t) / count);
          }
          return best;
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
    const time = (work: Work) =>
      page.evaluate(
        ([w, key, n]) =>
          (
            globalThis as unknown as { timeSealing(w: string, k: string, n: number): number }
          ).timeSealing(w, key, n),
        [work, electionKey, counts[work]] as const,
      );
    return { ballot: await time('ballot'), ranking: await time('ranking') };
  } finally {
    await browser.close();
  }
}

export async function benchE2eBrowser(opts: { json: boolean; quick?: boolean }): Promise<void> {
  const print = (f: Figure, text: string) => console.log(opts.json ? JSON.stringify(f) : text);
  if (!existsSync(CHROMIUM)) {
    console.error(`!! ${CHROMIUM} is missing: the browser encryption benchmark is skipped.`);
    return;
  }
  const counts = opts.quick ? { ballot: 10, ranking: 3 } : { ballot: 40, ranking: 10 };
  const electionKey = ristretto255.Point.BASE.multiply(0xc0ffeen).toHex();
  const nodeTimes = timeInNode('ballot', electionKey, counts.ballot);
  const rankedTimes = timeInNode('ranking', electionKey, counts.ranking);
  const [node, nodeRanked] = [nodeTimes.wall, rankedTimes.wall];
  const cpu = (x: { cpu: number }) => `${x.cpu.toFixed(1)} ms of CPU`;
  const browser = await timeInChromium(electionKey, counts);
  const load = `load average ${loadavg()[0]!.toFixed(1)}`;
  print(
    { bench: 'e2e.encrypt-ballot.node', value: node, unit: 'ms', baseline: node, ratio: 1 },
    `encrypt and prove a for/against/abstain ballot in Node.js: ${node.toFixed(1)} ms, ${cpu(nodeTimes)} (baseline; ${load})`,
  );
  print(
    {
      bench: 'e2e.encrypt-ballot.chromium',
      value: browser.ballot,
      unit: 'ms',
      baseline: node,
      ratio: browser.ballot / node,
    },
    `encrypt and prove it in Chromium, as the voter's page does: ${browser.ballot.toFixed(1)} ms (${(browser.ballot / node).toFixed(2)}× Node; aim under 50 ms)`,
  );
  print(
    {
      bench: 'e2e.encrypt-ranking-10.node',
      value: nodeRanked,
      unit: 'ms',
      baseline: nodeRanked,
      ratio: 1,
    },
    `seal and prove a ranking of 10 candidates in Node.js: ${nodeRanked.toFixed(1)} ms, ${cpu(rankedTimes)} (baseline; ${(nodeRanked / node).toFixed(1)}× the for/against/abstain ballot)`,
  );
  print(
    {
      bench: 'e2e.encrypt-ranking-10.chromium',
      value: browser.ranking,
      unit: 'ms',
      baseline: nodeRanked,
      ratio: browser.ranking / nodeRanked,
    },
    `seal and prove it in Chromium, as the ranked ballot page does: ${browser.ranking.toFixed(1)} ms (${(browser.ranking / nodeRanked).toFixed(2)}× Node; ${load})`,
  );
}
