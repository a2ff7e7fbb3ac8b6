import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { HttpEnv } from './env.ts';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Below about a kilobyte the headers and framing cost more than compression saves. */
export const COMPRESS_FROM_BYTES = 1024;

/**
 * Text the server writes whole: pages, API answers, feeds, styles and scripts. Not event
 * streams (a compressor holds events back until its buffer fills, and a live screen would wait),
 * and not PDFs (already deflated inside; compressing them again saves nothing).
 */
const COMPRESSIBLE =
  /^(?:text\/html|text\/css|text\/javascript|application\/javascript|application\/json|application\/[\w.+-]*\+json|application\/atom\+xml)\b/;

/** What the client accepts, best first: Brotli, then gzip (RFC 9110 §12.5.3, q=0 refuses). */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name!.trim(), q ? Number.parseFloat(q.slice(2)) : 1);
  }
  const wants = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (wants('br')) return 'br';
  if (wants('gzip')) return 'gzip';
  return undefined;
}

/**
 * Compresses what is worth it (see COMPRESSIBLE and COMPRESS_FROM_BYTES), with Brotli when the
 * client takes it and gzip otherwise, off the event loop (zlib's thread pool). Brotli at
 * quality 4: pages are built per request, and quality 11 (the default) costs tens of
 * milliseconds of CPU for a few per cent. Every answer of a compressible type says
 * `Vary: Accept-Encoding`, so a shared cache keeps each encoding apart. A strong ETag gets the
 * encoding's suffix: the compressed bytes are another representation (RFC 9110 §8.8.3), and
 * caching.ts takes the suffixed tag back in `If-None-Match`.
 */
export const compression: MiddlewareHandler<HttpEnv> = async (c, next) => {
  await next();
  const answer = c.res.headers;
  // A 304 and a HEAD say what the 200 to a GET would (RFC 9110 §15.4.5, §9.3.2).
  if (c.res.status === 304) return varyOnEncoding(answer);
  const type = answer.get('Content-Type') ?? '';
  if (!COMPRESSIBLE.test(type) || answer.has('Content-Encoding')) return;
  // Declared too small to compress, whatever the client takes: nothing more to read.
  const declared = Number.parseInt(answer.get('Content-Length') ?? '', 10);
  if (declared < COMPRESS_FROM_BYTES) return varyOnEncoding(answer);
  const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
  if (!encoding || c.req.method === 'HEAD' || c.res.status === 204 || !c.res.body) {
    return varyOnEncoding(answer);
  }
  const headers = new Headers(c.res.headers);
  headers.set('Vary', varyWith(headers.get('Vary'), 'Accept-Encoding'));
  const status = c.res.status;
  const body = new Uint8Array(await c.res.arrayBuffer());
  if (body.byteLength < COMPRESS_FROM_BYTES) {
    c.res = undefined;
    c.res = new Response(body, { status, headers });
    return;
  }
  const packed =
    encoding === 'br'
      ? await brotli(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 4,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          },
        })
      : await gzipped(body);
  headers.set('Content-Encoding', encoding);
  headers.set('Content-Length', String(packed.byteLength));
  const tag = headers.get('ETag');
  if (tag && !tag.startsWith('W/')) {
    headers.set('ETag', tag.replace(/"$/, `-${encoding === 'br' ? 'br' : 'gz'}"`));
  }
  c.res = undefined;
  c.res = new Response(new Uint8Array(packed), { status, headers });
};

const varyOnEncoding = (headers: Headers) =>
  headers.set('Vary', varyWith(headers.get('Vary'), 'Accept-Encoding'));

const varyWith = (vary: string | null, name: string) => {
  const names = (vary ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return names.some((n) => n.toLowerCase() === name.toLowerCase() || n === '*')
    ? names.join(', ')
    : [...names, name].join(', ');
};
