/**
 * The ballot verifier (src/verifier) as one script for a page: esbuild bundles it with the noble
 * primitives into an IIFE that defines `SecondedVerifier` (`verifyBoard`, `checkBallots`), for a
 * page or a Web Worker to run the same checks as `seconded verify-ballot`. Built once per process
 * on first use and kept; the verifier imports nothing from Node, so the bundle needs nothing but
 * what every browser has (TextEncoder).
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../../verifier/index.ts', import.meta.url));

let bundle: Promise<string> | undefined;

/** The verifier as a minified browser script (ES2020, so BigInt literals are allowed). */
export function verifierBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'SecondedVerifier',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'eof',
  }).then((result) => result.outputFiles[0]!.text);
  // A failed build is not kept, so the next request tries again.
  bundle.catch(() => (bundle = undefined));
  return bundle;
}
