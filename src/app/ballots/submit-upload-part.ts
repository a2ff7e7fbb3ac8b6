import { checkPart, partRange, partsOf, type UploadStep } from '../../domain/e2e/parts.ts';
import { refuse } from '../../domain/e2e/group.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { listUploadPartNumbers, putUploadPart } from '../../db/queries/ballot-uploads.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { ownUpload } from './upload-parts.ts';

/**
 * One part of an upload started by start-upload.ts: only from the key holder who started it
 * (being a key holder of the ballot, they may see it);
 * checked for shape and canonical encodings (domain/e2e/parts.ts checkPart) before anything is
 * kept, so a refused part keeps nothing. Sending a part again replaces it, as S3's parts are
 * replaced: a part sent twice (a retry after a lost answer) is harmless.
 */
export async function submitUploadPart(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    ballotId: string;
    step: UploadStep;
    upload: string;
    part: number;
    payload: unknown;
  },
) {
  const upload = await ownUpload(ctx.db, props.actor, props.ballotId, props.step, props.upload);
  const parts = partsOf(upload.ballots, upload.part_ballots);
  if (!Number.isInteger(props.part) || props.part < 0 || props.part >= parts)
    throw refuse(`This upload has parts 0 to ${parts - 1}: there is no part ${props.part}.`);
  // The CPU-bound check runs before the transaction, as a cast ballot's does.
  const checked = checkPart(
    props.step,
    props.payload,
    upload.positions,
    partRange(upload.ballots, upload.part_ballots, props.part),
  );
  return inTransaction(ctx, async (trx) => {
    // Still there and still theirs: it may have been started over or completed meanwhile.
    await ownUpload(trx, props.actor, props.ballotId, props.step, props.upload);
    await putUploadPart(trx, upload.id, props.part, JSON.stringify(checked), isoNow(ctx));
    const received = (await listUploadPartNumbers(trx, upload.id)).length;
    return { part: props.part, received, parts };
  });
}
