import { splitPayload, type UploadStep } from '../domain/e2e/parts.ts';
import { postJson } from './page.ts';

/**
 * Posts a key holder's shuffle or decryption in parts (docs/mixnet-protocol.md section 6), as
 * `seconded trustee … --submit` does: the file the command wrote may be larger than one request
 * may be. `url` is the one-body route (…/verifiable/shuffle or …/decryption); `onBallots`
 * hears how many ballots the server has kept.
 */
export async function postInParts(
  url: string,
  step: UploadStep,
  payload: object,
  onBallots: (done: number, total: number) => void = () => {},
): Promise<unknown> {
  const started = await postJson<{ upload: string; partBallots: number; ballots: number }>(
    `${url}/parts`,
    {},
  );
  const { head, parts } = splitPayload(
    step,
    payload as Record<string, unknown>,
    started.partBallots,
  );
  const at = `${url}/parts/${encodeURIComponent(started.upload)}`;
  for (const [part, slice] of parts.entries()) {
    await postJson(at, { part, payload: slice });
    onBallots(Math.min(started.ballots, (part + 1) * started.partBallots), started.ballots);
  }
  return postJson(`${at}/complete`, { payload: head });
}
