import { deleteUploadsIdleSince } from '../../db/queries/ballot-uploads.ts';
import { type AppContext, inTransaction } from '../common/context.ts';

/**
 * How long an upload in parts (docs/mixnet-protocol.md section 6) may stand still, neither a part
 * received nor completed, before it counts as abandoned: a key holder sending a large shuffle
 * sends a part every few minutes, and one who stopped for the night can start again.
 */
export const UPLOAD_IDLE_HOURS = 24;

/**
 * Deletes the uploads in parts no part has come to for UPLOAD_IDLE_HOURS (each may hold hundreds
 * of megabytes of parts), with their parts; the server runs it with its other timed work
 * (src/infra/upload-sweeper.ts). Completing an upload deletes it, as does its refusal and
 * starting the step again. Answers how many were deleted.
 */
export function sweepUploads(ctx: AppContext): Promise<number> {
  const before = new Date(ctx.now().getTime() - UPLOAD_IDLE_HOURS * 3_600_000).toISOString();
  return inTransaction(ctx, (trx) => deleteUploadsIdleSince(trx, before));
}
