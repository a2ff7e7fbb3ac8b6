import { z } from '@hono/zod-openapi';
import { completeUpload } from '../../app/ballots/complete-upload.ts';
import { startUpload } from '../../app/ballots/start-upload.ts';
import { submitUploadPart } from '../../app/ballots/submit-upload-part.ts';
import { actionRoute, type Api, IdParamsWith, json, okWith, refused } from '../api-kit.ts';
import type { HttpOptions } from '../env.ts';
import { CompleteUpload, StartUpload, UploadPart } from './e2e-schema.ts';
import { BallotResult } from './views.ts';

const refusals = {
  404: refused('No such upload: started over, completed or refused since'),
  409: refused('Not at this stage, not this key holder’s turn, or a part missing'),
  422: refused('A part or a whole that does not hold (PROOF_REFUSED)'),
};

/**
 * A key holder's shuffle or ranked decryption handed in in parts (docs/mixnet-protocol.md
 * section 6), shaped as S3's multipart uploads: start, parts (each checked when it arrives,
 * sent again to replace it), complete (the whole checked as one body and appended). For the
 * elections whose shuffle or decryption is larger than one body may be.
 */
export function e2eUploadApi(api: Api, { ctx }: Pick<HttpOptions, 'ctx'>) {
  for (const step of ['shuffle', 'decryption'] as const) {
    const what = step === 'shuffle' ? 'my shuffle' : 'my decryption of the shuffled ballots';
    actionRoute(api, {
      path: `/ballots/{id}/verifiable/${step}/parts`,
      summary: `Start handing in ${what} in parts (only the key holder whose turn it is); discards my unfinished one`,
      action: StartUpload,
      answer: json(
        okWith({
          upload: z.string(),
          ballots: z.number().int(),
          partBallots: z.number().int(),
          parts: z.number().int(),
        }),
        'Started: send parts 0 to parts − 1, then complete',
      ),
      status: 201,
      refusals,
      run: (actor, ballotId, { partBallots }) =>
        startUpload(ctx, { actor, ballotId, step, ...(partBallots ? { partBallots } : {}) }),
    });
    actionRoute(api, {
      path: `/ballots/{id}/verifiable/${step}/parts/{upload}`,
      summary: `One part of ${what}, checked for shape when it arrives; sending it again replaces it`,
      params: IdParamsWith('upload'),
      action: UploadPart,
      answer: json(
        okWith({ part: z.number().int(), received: z.number().int(), parts: z.number().int() }),
        'Kept',
      ),
      refusals,
      run: (actor, ballotId, { part, payload }, { upload }) =>
        submitUploadPart(ctx, { actor, ballotId, step, upload, part, payload }),
    });
    actionRoute(api, {
      path: `/ballots/{id}/verifiable/${step}/parts/{upload}/complete`,
      summary: `Complete ${what}: the whole is checked as one body is and appended to the board`,
      params: IdParamsWith('upload'),
      action: CompleteUpload,
      answer: json(
        okWith({
          step: z.enum(['shuffle', 'decryption']),
          seq: z.number().int().nullable(),
          hash: z.string().nullable(),
          decrypted: z.number().int().optional(),
          needed: z.number().int().optional(),
          result: BallotResult.nullable(),
        }),
        'Checked and appended; a decryption’s result once enough key holders have decrypted',
      ),
      status: 201,
      refusals,
      run: (actor, ballotId, { payload }, { upload }) =>
        completeUpload(ctx, { actor, ballotId, step, upload, head: payload }),
    });
  }
}
