import { z } from 'zod';
import {
  CHAIN_HEAD_FORMAT,
  chainHeadText,
  compareWithSavedHead,
  headOf,
  type SignedChainHead,
} from '../../domain/chain-head.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { findAuditHead } from '../../db/queries/audit.ts';
import { findOrganisationBySlug } from '../../db/queries/organisations.ts';
import { checkOrganisationChain, type OnProgress } from './audit-log.ts';
import type { AppContext } from './context.ts';
import { isSignedBy, serverKey, serverPublicKey } from './server-key.ts';

/**
 * The published, signed head of an organisation's audit chain (src/domain/chain-head.ts), and
 * the check that a chain still contains a head someone saved (`seconded verify --against`).
 */

/**
 * The signed head of an organisation's chain, as `/r/<organisation>/chain` and its Atom feed
 * publish it. Public wherever the organisation's feed is: for every organisation (its feed lists
 * only what is public; the head says how long the chain is and nothing of what it holds).
 */
export async function viewChainHead(
  ctx: AppContext,
  props: { organisationSlug: string },
): Promise<SignedChainHead> {
  const organisation = await findOrganisationBySlug(ctx.db, props.organisationSlug);
  if (!organisation) throw notFound('That organisation');
  const last = await findAuditHead(ctx.db, organisation.id);
  const head = headOf(organisation, last && { ...last, seq: Number(last.seq) });
  const key = await serverKey(ctx);
  return {
    format: CHAIN_HEAD_FORMAT,
    ...head,
    key: key.publicKey,
    signature: key.sign(chainHeadText(head)),
  };
}

const hex = (bytes: number) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `must be ${bytes} bytes of hex`);

/** A signed chain head as JSON: what a saved head file and a witness request carry. */
export const savedHeadSchema = z.object({
  format: z.literal(CHAIN_HEAD_FORMAT),
  organisationId: z.string().min(1),
  organisation: z.string().min(1),
  seq: z.number().int().min(0),
  hash: hex(32),
  at: z.string().nullable(),
  key: hex(32),
  signature: hex(64),
});

/** Reads a head saved from `/r/<organisation>/chain`; refuses anything else, saying what. */
export function parseSavedHead(text: string, name: string): SignedChainHead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DomainError(
      'MALFORMED_FILE',
      `${name} is not JSON: save it from /r/<organisation>/chain as it is.`,
    );
  }
  const parsed = savedHeadSchema.safeParse(json);
  if (!parsed.success) {
    throw new DomainError(
      'MALFORMED_FILE',
      `${name} is not a chain head saved from /r/<organisation>/chain.`,
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return parsed.data;
}

export interface SavedHeadReport {
  readonly organisationId: string;
  readonly organisation: string;
  readonly seq: number;
  /** The entries the chain has now. */
  readonly entries: number;
  /** What fails, or null when the chain still contains the saved head and holds together. */
  readonly broken: string | null;
}

/**
 * Whether the server's chain still contains a saved head: the signature is the server's (its
 * current key, or one of `keys`, public keys it used before a rotation), the chain still has the
 * head's entry with exactly its hash, and the chain, with every result it sealed, holds together.
 * An attacker with the database can recompute the chain so that plain `verify` passes, but not
 * make it match a head already in someone else's hands.
 */
export async function checkSavedHead(
  ctx: Pick<AppContext, 'db' | 'now' | 'signingKey'>,
  saved: SignedChainHead,
  options: { keys?: readonly string[]; onProgress?: OnProgress } = {},
): Promise<SavedHeadReport> {
  const report = (entries: number, broken: string | null): SavedHeadReport => ({
    organisationId: saved.organisationId,
    organisation: saved.organisation,
    seq: saved.seq,
    entries,
    broken,
  });
  if (!isSignedBy(saved.key, chainHeadText(saved), saved.signature)) {
    return report(
      0,
      'the saved head does not match its signature: it was changed after it was saved, or was not signed with the key it names',
    );
  }
  const own = await serverPublicKey(ctx);
  // The current key and any former ones named (heads saved before a rotation).
  const trusted = [...(own ? [own] : []), ...(options.keys ?? [])];
  if (!trusted.includes(saved.key)) {
    return report(
      0,
      own
        ? `the saved head was signed with the key ${saved.key}, but this server's key is ${own} (if the key was rotated, name the old one with --key)`
        : `the saved head was signed with the key ${saved.key}, but this server has no signing key`,
    );
  }
  const { entries, broken } = await checkOrganisationChain(
    ctx.db,
    saved.organisationId,
    options.onProgress,
  );
  // The saved head first: when the chain was rewritten, that is what the rewrite cannot hide.
  const missing = compareWithSavedHead(entries, saved);
  return report(entries.length, missing?.reason ?? broken?.reason ?? null);
}
