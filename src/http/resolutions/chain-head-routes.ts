import type { Hono } from 'hono';
import { viewChainHead } from '../../app/common/chain-head.ts';
import type { AppContext } from '../../app/common/context.ts';
import { serverKey } from '../../app/common/server-key.ts';
import { CHAIN_HEAD_FORMAT, type SignedChainHead } from '../../domain/chain-head.ts';
import type { HttpEnv } from '../env.ts';
import type { C } from '../pages/kit.tsx';

/**
 * The anchored audit chain, published (README: "Keeping the audit chain honest"):
 * `/r/<organisation>/chain` is the signed head of the organisation's chain, for anyone to save,
 * and `/.well-known/seconded-key` the public key that signs every head.
 */
export function chainHeadRoutes(web: Hono<HttpEnv>, ctx: AppContext) {
  web.get('/r/:org/chain', async (c) =>
    publicJson(c, await viewChainHead(ctx, { organisationSlug: c.req.param('org') }), etagOf),
  );
  web.get('/.well-known/seconded-key', async (c) => {
    const key = await serverKey(ctx);
    return publicJson(
      c,
      { format: CHAIN_HEAD_FORMAT, algorithm: 'Ed25519', key: key.publicKey },
      () => `"${key.publicKey.slice(0, 32)}"`,
    );
  });
}

/** A head changes with each new entry (or a new key): its number, hash and key name it. */
const etagOf = (head: SignedChainHead) =>
  `"${head.seq}-${head.hash.slice(0, 16)}-${head.key.slice(0, 16)}"`;

/**
 * Public JSON that anyone, any page and any script may read: cached for a minute (a head a
 * minute old is still a head the chain must contain), revalidated by its ETag.
 */
function publicJson<T>(c: C, value: T, etag: (value: T) => string) {
  const tag = etag(value);
  c.header('Cache-Control', 'public, max-age=60');
  c.header('ETag', tag);
  c.header('Access-Control-Allow-Origin', '*');
  if (c.req.header('If-None-Match') === tag) return c.body(null, 304);
  return c.body(`${JSON.stringify(value, null, 2)}\n`, 200, {
    'Content-Type': 'application/json; charset=utf-8',
  });
}
