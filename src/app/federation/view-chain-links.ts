import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import {
  CHAIN_LINKS_FORMAT,
  CHAIN_LINKS_PAGE,
  chainLinksText,
  type ChainLink,
} from '../../domain/federation/witness.ts';
import { findOrganisationBySlug } from '../../db/queries/organisations.ts';
import { listChainLinks } from '../../db/queries/witness.ts';
import type { AppContext } from '../common/context.ts';
import { serverKey } from '../common/server-key.ts';
import { ownOrigin } from './witness-peers.ts';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

export const chainLinksSchema = z.object({
  format: z.literal(CHAIN_LINKS_FORMAT),
  origin: z.string(),
  organisationId: z.string(),
  links: z.array(z.object({ seq: z.number().int().min(1), prevHash: hex(32), hash: hex(32) })),
  key: hex(32),
  signature: hex(64),
});
export type ChainLinks = z.infer<typeof chainLinksSchema>;

/**
 * Links of an organisation's chain (number, previous hash, hash: never what an entry says), from
 * entry `from` to `to`, at most CHAIN_LINKS_PAGE of them, signed with the server key: what a
 * witness reads to check that a new head extends the one it holds (docs/witnessed-chains.md).
 * Public, as the head is: the hashes are of entries that carry random ids, so they tell nothing
 * of the entries themselves. The organisation is named by its slug, as in /r/<slug>/chain.
 */
export async function viewChainLinks(
  ctx: AppContext,
  props: { organisationSlug: string; from: number; to: number },
): Promise<ChainLinks> {
  const organisation = await findOrganisationBySlug(ctx.db, props.organisationSlug);
  if (!organisation) throw notFound('That organisation');
  const from = Math.max(1, props.from);
  const to = Math.min(props.to, from + CHAIN_LINKS_PAGE - 1);
  const rows = await listChainLinks(ctx.db, organisation.id, from, to, CHAIN_LINKS_PAGE);
  const links: ChainLink[] = rows.map((r) => ({
    seq: Number(r.seq),
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
  const key = await serverKey(ctx);
  const origin = ownOrigin(ctx);
  return {
    format: CHAIN_LINKS_FORMAT,
    origin,
    organisationId: organisation.id,
    links,
    key: key.publicKey,
    signature: key.sign(chainLinksText({ origin, organisationId: organisation.id, links })),
  };
}
