import { partBallotsFor, partsOf, type UploadStep } from '../../domain/e2e/parts.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { replaceUpload } from '../../db/queries/ballot-uploads.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { newId } from '../common/secrets.ts';
import { loadLockedTrusteeStep } from './board.ts';
import { uploadShape } from './upload-parts.ts';

/**
 * Starts handing in a shuffle or a ranked decryption in parts (docs/mixnet-protocol.md section
 * 5), as S3's multipart uploads start: only the key holder whose step it is, at that stage.
 * Any upload they left unfinished at this step is discarded, so starting again is how an
 * abandoned upload is taken up anew. Answers the upload's id and how it is cut: parts of
 * `partBallots` ballots (as asked, at most MAX_PART_PREFERENCES sealed preferences).
 */
export function startUpload(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string; step: UploadStep; partBallots?: number },
) {
  return inTransaction(ctx, async (trx) => {
    const { ballot, state, trustee } = await loadLockedTrusteeStep(
      trx,
      props.actor,
      props.ballotId,
    );
    const { ballots, w } = uploadShape(state, trustee, props.step);
    const partBallots = partBallotsFor(w, props.partBallots);
    const upload = newId();
    const at = isoNow(ctx);
    await replaceUpload(trx, {
      id: upload,
      ballot_id: ballot.id,
      trustee,
      step: props.step,
      ballots,
      positions: w,
      part_ballots: partBallots,
      created_at: at,
      touched_at: at,
    });
    return { upload, ballots, partBallots, parts: partsOf(ballots, partBallots) };
  });
}
