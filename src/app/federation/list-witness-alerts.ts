import { listWitnessAlerts } from '../../db/queries/witness.ts';
import type { AppContext } from '../common/context.ts';

/** One refusal of a peer's chain head, as the administrator reads it (`seconded federation alerts`). */
export interface WitnessAlert {
  readonly peer: string;
  /** The chain: its organisation's id on the peer, the entry and hash the head named. */
  readonly organisationId: string;
  readonly seq: number;
  readonly hash: string;
  /** witness.ts WitnessRefusal's code (went-back, rewritten, bad-signature...), and why. */
  readonly code: string;
  readonly reason: string;
  readonly at: string;
  /** How many more times it came since (the same, or past the peer's hourly allowance). */
  readonly repeats: number;
  readonly lastAt: string | null;
}

/**
 * The witness alerts this server kept (docs/witnessed-chains.md): heads of peers' chains it
 * refused, oldest first; with `peer`, that peer's only. Read-only; for the command line.
 */
export async function listAlerts(
  ctx: AppContext,
  props: { peer?: string | undefined } = {},
): Promise<WitnessAlert[]> {
  const peer = props.peer === undefined ? undefined : new URL(props.peer).origin;
  return (await listWitnessAlerts(ctx.db, peer)).map((a) => ({
    peer: a.peer_origin,
    organisationId: a.organisation_id,
    seq: Number(a.seq),
    hash: a.hash,
    code: a.code,
    reason: a.reason,
    at: a.at,
    repeats: Number(a.repeats),
    lastAt: a.last_at,
  }));
}
