/**
 * The anchored audit chain (issue 14). An organisation's audit chain (audit.ts) proves that no
 * entry was changed only as long as nobody can rewrite all of it: whoever holds the database
 * can delete the last entry, or edit a sealed result and recompute every hash after it, and
 * `seconded verify` still passes. So the head of each chain (its last entry's number and hash)
 * is published, signed by the server, for anyone to keep a copy of; a rewrite then shows as a
 * saved head the chain no longer contains. This is the idea of Haber and Stornetta's linked
 * timestamps ("How to time-stamp a digital document", 1991) and of Certificate Transparency's
 * signed tree heads (RFC 6962, section 3.5): the log is trusted because outsiders hold its heads.
 *
 * The domain defines the text that is signed and compares a saved head with the chain; the app
 * layer signs and checks signatures (it holds the key and the crypto library).
 */
import { GENESIS_HASH, type ChainBreak } from './audit.ts';

/** The version of the signed text; a later format gets another name and keeps this one valid. */
export const CHAIN_HEAD_FORMAT = 'seconded-chain-head/1';

export interface ChainHead {
  /** The organisation's id: the chain it heads (audit entries are keyed by it). */
  readonly organisationId: string;
  /** Its slug, the name in its public address `/r/<slug>`. */
  readonly organisation: string;
  /** The last entry's number; 0 for a chain with no entry yet. */
  readonly seq: number;
  /** The last entry's hash; GENESIS_HASH for a chain with no entry yet. */
  readonly hash: string;
  /** When the last entry was written (ISO 8601), or null for a chain with no entry yet. */
  readonly at: string | null;
}

/** A head as published: the head, the server's Ed25519 public key and its signature (hex). */
export interface SignedChainHead extends ChainHead {
  readonly format: typeof CHAIN_HEAD_FORMAT;
  readonly key: string;
  readonly signature: string;
}

/**
 * The exact text that is signed, as UTF-8: the format name, then the organisation's id and
 * slug, the sequence number, the hash and the time (empty when null), each JSON-encoded, joined
 * by newlines. JSON encoding makes the fields unambiguous (no field can contain the separator).
 */
export function chainHeadText(head: ChainHead): string {
  return [
    CHAIN_HEAD_FORMAT,
    head.organisationId,
    head.organisation,
    head.seq,
    head.hash,
    head.at ?? '',
  ]
    .map((v) => JSON.stringify(v))
    .join('\n');
}

/** The head of a chain given its last entry (or none). */
export const headOf = (
  organisation: { id: string; slug: string },
  last: { seq: number; hash: string; at: string } | undefined,
): ChainHead => ({
  organisationId: organisation.id,
  organisation: organisation.slug,
  seq: last?.seq ?? 0,
  hash: last?.hash ?? GENESIS_HASH,
  at: last?.at ?? null,
});

/**
 * Whether the chain still contains a saved head: it must reach the head's entry, and that entry
 * must have exactly the saved hash. Entries are the chain as stored, in order; whether the chain
 * itself holds together is audit.ts's verifyAuditChain, run beside this. Because each hash covers
 * every entry before it, an unchanged hash at the saved number proves the whole chain up to it
 * is the one that was published; entries after it are not covered by this head.
 */
export function compareWithSavedHead(
  entries: readonly { seq: number; hash: string }[],
  saved: Pick<ChainHead, 'seq' | 'hash'>,
): ChainBreak | null {
  if (saved.seq === 0) {
    return saved.hash === GENESIS_HASH
      ? null
      : { seq: 0, reason: `the saved head is at 0 but its hash is not the chain's start` };
  }
  const end = entries.reduce((max, e) => Math.max(max, e.seq), 0);
  if (end < saved.seq) {
    return {
      seq: saved.seq,
      reason: `the chain ends at ${end} but the saved head is at ${saved.seq}`,
    };
  }
  const entry = entries.find((e) => e.seq === saved.seq);
  if (!entry) return { seq: saved.seq, reason: `entry ${saved.seq} of the saved head is missing` };
  if (entry.hash !== saved.hash) {
    return {
      seq: saved.seq,
      reason: `entry ${saved.seq}'s hash is ${entry.hash}, the saved head says ${saved.hash}`,
    };
  }
  return null;
}
