import type { Hono } from 'hono';
import { viewChainHead } from '../../app/common/chain-head.ts';
import type { AppContext } from '../../app/common/context.ts';
import { serverKey } from '../../app/common/server-key.ts';
import { CHAIN_HEAD_FORMAT } from '../../domain/chain-head.ts';
import { bodyTag, matchingTag, PUBLIC_CACHE } from '../caching.ts';
import type { HttpEnv } from '../env.ts';
import type { C } from '../pages/kit.tsx';

/**
 * The anchored audit chain, published (README: "Keeping the audit chain honest"):
 * `/r/<organisation>/chain` is the signed head of the organisation's chain, for anyone to save,
 * and `/.well-known/seconded-key` the public key that signs every head.
 */
export function chainHeadRoutes(web: Hono<HttpEnv>, ctx: AppContext) {
  web.get('/r/:org/chain', async (c) =>
    publicJson(c, await viewChainHead(ctx, { organisationSlug: c.req.param('org') })),
  );
  web.get('/.well-known/seconded-key', async (c) => {
    const key = await serverKey(ctx);
    return publicJson(c, { format: CHAIN_HEAD_FORMAT, algorithm: 'Ed25519', key: key.publicKey });
  });
}

/**
 * Public JSON that anyone, any page and any script may read: cached for a minute (a head a
 * minute old is still a head the chain must contain), revalidated by its ETag, the hash of the
 * body: a few hundred bytes, and a renamed organisation changes the tag as a new entry does.
 */
function publicJson(c: C, value: unknown) {
  const body = `${JSON.stringify(value, null, 2)}\n`;
  const tag = bodyTag(new TextEncoder().encode(body));
  c.header('Cache-Control', PUBLIC_CACHE);
  c.header('ETag', tag);
  c.header('Access-Control-Allow-Origin', '*');
  const matched = matchingTag(c.req.header('If-None-Match'), tag);
  if (matched) {
    c.header('ETag', matched === '*' ? tag : matched.replace(/^W\//, ''));
    return c.body(null, 304);
  }
  return c.body(body, 200, {
    'Content-Type': 'application/json; charset=utf-8',
  });
}
