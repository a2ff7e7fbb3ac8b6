import { join } from 'node:path';
import { build } from 'esbuild';
import type { Hono } from 'hono';
import type { HttpEnv } from './env.ts';

/**
 * The browser scripts written in TypeScript (src/client), served as one bundled file each. The
 * cryptography of end-to-end ballots must run in the voter's and the key holder's own browser,
 * from the same source the server's tests check (src/domain/e2e), so it is bundled rather than
 * written twice. Each script is built once, on the first request for it (esbuild takes tens of
 * milliseconds), and kept; pages that need it say so with a `<script type="module">` tag.
 */
export const CLIENT_SCRIPTS = {
  '/assets/e2e-vote.js': 'e2e-vote.ts',
  '/assets/e2e-trustee.js': 'e2e-trustee.ts',
  '/assets/verify-board.js': 'verify-board.ts',
  '/assets/confirm.js': 'confirm.ts',
} as const;

const CLIENT_DIR = join(import.meta.dirname, '..', 'client');
const built = new Map<string, Promise<string>>();

/** The bundled text of one script of src/client, built once per process. */
export function clientScript(entry: string): Promise<string> {
  let text = built.get(entry);
  if (!text) {
    text = build({
      entryPoints: [join(CLIENT_DIR, entry)],
      bundle: true,
      write: false,
      format: 'esm',
      minify: true,
      target: 'es2022',
      legalComments: 'eof',
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0]!.text);
    // A failed build is tried again on the next request rather than remembered.
    text.catch(() => built.delete(entry));
    built.set(entry, text);
  }
  return text;
}

export function clientScriptRoutes(web: Hono<HttpEnv>) {
  for (const [path, entry] of Object.entries(CLIENT_SCRIPTS)) {
    web.get(path, async (c) => {
      c.header('Cache-Control', 'public, max-age=3600');
      return c.body(await clientScript(entry), 200, {
        'Content-Type': 'text/javascript; charset=utf-8',
      });
    });
  }
}
