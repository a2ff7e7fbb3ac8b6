/**
 * The voter's device (issue 14: aim under 50 ms): encrypting and proving a for/against/abstain
 * ballot in Debian's Chromium, with the same bundle of src/domain/e2e the ballot page loads,
 * timed inside the page. The baseline, in the same run, is the same work in this Node.js
 * process; the ratio says what the browser costs over it. Skipped, loudly, without Chromium.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { encryptBallot } from '../src/domain/e2e/index.ts';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/browser/browser.ts';
import type { Figure } from './figure.ts';

const root = join(fileURLToPath(import.meta.url), '../..');
const SHAPE = { choices: 3, min: 1, max: 1 };
const OPEN_HASH = 'ab'.repeat(32);
const PSEUDONYM = 'AAAAAAAAAAAAAAAAAAAAAA';

/** Milliseconds per ballot, the best of three rounds of `count`. */
function timeInNode(electionKey: string, count: number): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    for (let i = 0; i < count; i++)
      encryptBallot(OPEN_HASH, electionKey, SHAPE, PSEUDONYM, [1, 0, 0]);
    best = Math.min(best, (performance.now() - t) / count);
  }
  return best;
}

async function timeInChromium(electionKey: string, count: number): Promise<number> {
  const bundle = await build({
    stdin: {
      contents: `import { encryptBallot } from './src/domain/e2e/index.ts';
        globalThis.timeEncryption = (key, count) => {
          let best = Infinity;
          for (let round = 0; round < 3; round++) {
            const t = performance.now();
            for (let i = 0; i < count; i++)
              encryptBallot(${JSON.stringify(OPEN_HASH)}, key, ${JSON.stringify(SHAPE)}, ${JSON.stringify(PSEUDONYM)}, [1, 0, 0]);
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
    return await page.evaluate(
      ([key, n]) =>
        (globalThis as unknown as { timeEncryption(k: string, n: number): number }).timeEncryption(
          key,
          n,
        ),
      [electionKey, count] as const,
    );
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
  const count = opts.quick ? 10 : 40;
  const electionKey = ristretto255.Point.BASE.multiply(0xc0ffeen).toHex();
  const node = timeInNode(electionKey, count);
  const browser = await timeInChromium(electionKey, count);
  print(
    { bench: 'e2e.encrypt-ballot.node', value: node, unit: 'ms', baseline: node, ratio: 1 },
    `encrypt and prove a for/against/abstain ballot in Node.js: ${node.toFixed(1)} ms (baseline)`,
  );
  print(
    {
      bench: 'e2e.encrypt-ballot.chromium',
      value: browser,
      unit: 'ms',
      baseline: node,
      ratio: browser / node,
    },
    `encrypt and prove it in Chromium, as the voter's page does: ${browser.toFixed(1)} ms (${(browser / node).toFixed(2)}× Node; aim under 50 ms)`,
  );
}
