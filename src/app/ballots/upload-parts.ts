import { isRankedSetup, type RankedSetup } from '../../domain/ballots/e2e-ranked.ts';
import { assemble, type UploadStep } from '../../domain/e2e/parts.ts';
import { DomainError, forbidden, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import { findTrusteeNumber } from '../../db/queries/ballot-board.ts';
import {
  deleteUpload,
  findUpload,
  listUploadPartNumbers,
  listUploadParts,
} from '../../db/queries/ballot-uploads.ts';
import { partsOf } from '../../domain/e2e/parts.ts';
import type { E2eState } from './board.ts';
import { assertFirstTime, notNow } from './trustee-step.ts';

/*
 * A key holder's shuffle or ranked decryption handed in in parts (docs/mixnet-protocol.md
 * section 6; start-upload.ts, submit-upload-part.ts, complete-upload.ts): what the uploads
 * share.
 */

/**
 * The list a key holder's step covers at this stage, if it is their turn: how many ballots and
 * positions (w). The same refusals as the one-body routes give, so an upload is not started
 * for a step the board would refuse.
 */
export function uploadShape(state: E2eState, trustee: number, step: UploadStep) {
  const setup = state.setup.payload;
  if (!isRankedSetup(setup))
    throw notNow('Only an election’s ballots are handed in in parts: this ballot has a total.');
  const ranked = setup as unknown as RankedSetup;
  if (!state.close || state.result)
    throw notNow(
      state.result ? 'This ballot has been counted already.' : 'The ballot has not closed yet.',
    );
  if (step === 'shuffle') {
    const due = state.shuffles.length + 1;
    if (due > ranked.trustees.length) throw notNow('Every trustee has shuffled already.');
    if (trustee !== due) throw notNow(`Trustee ${due} shuffles next, then trustee ${due + 1}.`);
  } else {
    if (state.shuffles.length < ranked.trustees.length)
      throw notNow('The trustees decrypt the ballots once every trustee has shuffled them.');
    assertFirstTime(state.partials, trustee, 'partial decryption');
  }
  if (state.close.payload.ballots < 1) throw notNow('There are no ballots to shuffle.');
  return { ballots: state.close.payload.ballots, w: ranked.positions };
}

/** The upload, if it is the actor's own at this ballot and step. */
export async function ownUpload(
  db: Db,
  actor: Actor | null,
  ballotId: string,
  step: UploadStep,
  uploadId: string,
) {
  const upload = await findUpload(db, ballotId, uploadId);
  if (!upload || upload.step !== step)
    throw notFound('That upload (started over, completed or refused since?)');
  const trustee = actor ? await findTrusteeNumber(db, ballotId, actor.personId) : undefined;
  if (trustee !== upload.trustee)
    throw forbidden('Only the key holder who started this upload can add to it.');
  return upload;
}

/**
 * A payload given as the parts of an upload and the completion's fields: submitShuffle and
 * submitPartialDecryption read it before their transaction (`payloadOf`) to check the whole
 * exactly as one body is (the proof over the whole list, off the event loop: step-checks.ts),
 * and claim it in their transaction (`claimPayload`), where the upload goes with the event
 * appended.
 */
export class UploadedPayload {
  constructor(
    readonly step: UploadStep,
    readonly uploadId: string,
    readonly head: unknown,
  ) {}

  async read(db: Db, ballotId: string, trustee: number) {
    const upload = await this.find(db, ballotId, trustee);
    const parts = partsOf(upload.ballots, upload.part_ballots);
    const have = new Set(await listUploadPartNumbers(db, upload.id));
    const missing = Array.from({ length: parts }, (_, p) => p).filter((p) => !have.has(p));
    if (missing.length > 0)
      throw new DomainError(
        'CONFLICT',
        `Parts ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''} of 0–${parts - 1} have not arrived: send them, then complete again.`,
      );
    const bodies = await listUploadParts(db, upload.id);
    return assemble(
      this.step,
      this.head,
      bodies.map((b) => JSON.parse(b.body) as Record<string, unknown[]>),
    );
  }

  /** In the step's transaction: the upload is still there (not started over meanwhile), and goes. */
  async claim(trx: Db, ballotId: string, trustee: number) {
    await deleteUpload(trx, (await this.find(trx, ballotId, trustee)).id);
  }

  private async find(db: Db, ballotId: string, trustee: number) {
    const upload = await findUpload(db, ballotId, this.uploadId);
    if (!upload || upload.step !== this.step || upload.trustee !== trustee)
      throw notFound('That upload (started over, completed or refused since?)');
    return upload;
  }
}

/** The payload a trustee step was given: one body's, or the upload's parts put together. */
export const payloadOf = (payload: unknown, db: Db, ballotId: string, trustee: number) =>
  payload instanceof UploadedPayload ? payload.read(db, ballotId, trustee) : payload;

/** In the step's transaction: an upload's parts go with the event appended. */
export const claimPayload = async (
  payload: unknown,
  trx: Db,
  ballotId: string,
  trustee: number,
) => {
  if (payload instanceof UploadedPayload) await payload.claim(trx, ballotId, trustee);
};
