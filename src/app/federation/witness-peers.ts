import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import type { AppContext } from '../common/context.ts';

/**
 * What the witnessed-chain use cases share (docs/witnessed-chains.md): the federation settings,
 * and reading JSON from a peer over plain HTTP. Everything that matters is signed with the
 * servers' Ed25519 keys (server-key.ts), so these requests carry no HTTP signature.
 */

export type Federated = AppContext & { readonly federation: NonNullable<AppContext['federation']> };

/** The context, when federation is on; a peer asking a server that does not federate gets 404. */
export function federated(ctx: AppContext): Federated {
  if (!ctx.federation) throw new DomainError('NOT_FOUND', 'This server does not federate.');
  return ctx as Federated;
}

/** This server's public origin, as its peers know it. */
export const ownOrigin = (ctx: AppContext) => ctx.federation?.origin ?? new URL(ctx.baseUrl).origin;

/** A peer's answer is read up to this size: a page of links is about 150 kB. */
const MAX_ANSWER = 1024 * 1024;

/** GETs or POSTs JSON to a peer and reads the answer with `schema`; throws saying what failed. */
export async function peerJson<T>(
  ctx: AppContext,
  url: string,
  schema: z.ZodType<T>,
  body?: unknown,
): Promise<T> {
  const fetcher = ctx.federation?.fetch ?? fetch;
  const res = await fetcher(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'error',
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (text.length > MAX_ANSWER) throw new Error(`${url} answered more than ${MAX_ANSWER} bytes`);
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return schema.parse(JSON.parse(text));
}

/** The key a server signs chain heads with, as it publishes it at /.well-known/seconded-key. */
export async function publishedKey(ctx: AppContext, origin: string): Promise<string> {
  const { key } = await peerJson(
    ctx,
    `${origin}/.well-known/seconded-key`,
    z.object({ key: z.string().regex(/^[0-9a-f]{64}$/) }),
  );
  return key;
}

/** A witness's answer: its countersignature of the head it was sent. */
export const witnessAnswerSchema = z.object({
  witness: z.string(),
  witnessedAt: z.string(),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  countersignature: z.string().regex(/^[0-9a-f]{128}$/),
});
export type WitnessAnswer = z.infer<typeof witnessAnswerSchema>;
