/**
 * The audit chain (DESIGN.md section 3): every decision is appended to a per-organisation log
 * in which each entry carries the hash of the one before, so changing or removing any entry
 * breaks every link after it. The hash is SHA-256 over `prev_hash` and a canonical text of the
 * entry; the app layer supplies the hash function (the domain does no I/O or crypto itself).
 */

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  readonly organisationId: string;
  readonly seq: number;
  readonly at: string;
  readonly actorPersonId: string | null;
  readonly action: string;
  readonly subject: string;
  /** JSON text of the details, as stored. */
  readonly data: string;
}

export interface ChainedAuditEntry extends AuditEntry {
  readonly prevHash: string;
  readonly hash: string;
}

/** The exact text that is hashed: fields in a fixed order, JSON-escaped, joined by newlines. */
export function canonicalAuditText(prevHash: string, e: AuditEntry): string {
  return [
    prevHash,
    e.organisationId,
    e.seq,
    e.at,
    e.actorPersonId ?? '',
    e.action,
    e.subject,
    e.data,
  ]
    .map((v) => JSON.stringify(v))
    .join('\n');
}

export type Hash = (text: string) => string;

export interface ChainBreak {
  readonly seq: number;
  readonly reason: string;
}

/** Recomputes a chain in order; returns the first broken link, or null when it is intact. */
export function verifyAuditChain(
  entries: readonly ChainedAuditEntry[],
  hash: Hash,
): ChainBreak | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq) {
      return { seq: e.seq, reason: `entry ${expectedSeq} is missing (found ${e.seq} next)` };
    }
    if (e.prevHash !== prev) {
      return {
        seq: e.seq,
        reason: `entry ${e.seq} does not point at the hash of entry ${e.seq - 1}`,
      };
    }
    if (hash(canonicalAuditText(prev, e)) !== e.hash) {
      return {
        seq: e.seq,
        reason: `entry ${e.seq} (${e.action} ${e.subject}) was changed after it was written`,
      };
    }
    prev = e.hash;
    expectedSeq += 1;
  }
  return null;
}
