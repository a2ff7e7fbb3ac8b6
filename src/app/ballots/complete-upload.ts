import type { UploadStep } from '../../domain/e2e/parts.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { deleteUpload } from '../../db/queries/ballot-uploads.ts';
import { type AppContext, inTransaction } from '../common/context.ts';
import { submitPartialDecryption } from './submit-partial-decryption.ts';
import { submitShuffle } from './submit-shuffle.ts';
import { ownUpload, UploadedPayload } from './upload-parts.ts';

/**
 * Completes an upload (start-upload.ts): the parts and the completion's fields (`head`: the
 * trustee's number, and a shuffle's challenge and scalars) are put together and handed to the
 * step's own use case, which checks the whole exactly as one body (the proof over the whole list)
 * before its transaction, on the server's worker threads (step-checks.ts), and in its transaction
 * appends the event and deletes the upload. A missing part is refused and the upload kept, to be
 * finished; a whole that does not hold (PROOF_REFUSED) is refused and the upload discarded, since
 * no part of it can be used again: in the one transaction there is then, nothing having been
 * written by the step.
 */
export async function completeUpload(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string; step: UploadStep; upload: string; head: unknown },
) {
  await ownUpload(ctx.db, props.actor, props.ballotId, props.step, props.upload);
  const payload = new UploadedPayload(props.step, props.upload, props.head);
  const base = { actor: props.actor, ballotId: props.ballotId, payload };
  try {
    return props.step === 'shuffle'
      ? { step: props.step, ...(await submitShuffle(ctx, base)), result: null }
      : { step: props.step, seq: null, hash: null, ...(await submitPartialDecryption(ctx, base)) };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'PROOF_REFUSED')
      await inTransaction(ctx, (trx) => deleteUpload(trx, props.upload));
    throw error;
  }
}
