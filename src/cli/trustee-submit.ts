/**
 * `seconded trustee shuffle|decrypt … --submit https://HOST`: hands the key holder's shuffle or
 * decryption to the server in parts (docs/mixnet-protocol.md section 6; the API's
 * `…/verifiable/{shuffle,decryption}/parts` routes), as S3's multipart uploads go: start, each
 * part (sent again after a network error or a 5xx, which replaces it on the server), complete.
 * Signed in with the key holder's personal API token (`--token`, or SECONDED_TOKEN), which needs
 * the `manage` scope. Progress on stderr.
 */
import { splitPayload, type UploadStep } from '../domain/e2e/parts.ts';
import { progressBar } from './progress.ts';

export interface SubmitOptions {
  /** The server, e.g. https://seconded.example.org */
  readonly server: string;
  readonly token: string;
  readonly ballotId: string;
  readonly step: UploadStep;
  readonly payload: Record<string, unknown>;
  readonly stderr: NodeJS.WritableStream;
  /** Ballots per part (the server allows at most 50,000 sealed preferences a part). */
  readonly partBallots?: number;
  readonly fetch?: typeof fetch;
}

/** A refusal by the server: its code and message, as it said them. */
export class SubmitRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Network errors and 5xx answers are tried again this many times, a second apart and more. */
const TRIES = 4;

/** Sends the payload in parts and completes it; the server's answer to the completion. */
export async function submitInParts(o: SubmitOptions): Promise<Record<string, unknown>> {
  const base = `${o.server.replace(/\/+$/, '')}/api/v1/ballots/${encodeURIComponent(o.ballotId)}/verifiable/${o.step}/parts`;
  const post = (url: string, body: unknown) => send(o, url, body);
  const started = (await post(base, o.partBallots ? { partBallots: o.partBallots } : {})) as {
    upload: string;
    partBallots: number;
    parts: number;
  };
  const { head, parts } = splitPayload(o.step, o.payload, started.partBallots);
  if (parts.length !== started.parts)
    throw new SubmitRefused(
      409,
      'CONFLICT',
      `the server expects ${started.parts} parts of ${started.partBallots} ballots, this file makes ${parts.length}: is it for this ballot's current step?`,
    );
  const bar = progressBar('Sending', o.stderr, {
    amounts: (done, total) => `${done} of ${total} parts`,
  });
  bar.update(0, parts.length);
  const at = `${base}/${encodeURIComponent(started.upload)}`;
  for (const [part, payload] of parts.entries()) {
    await post(at, { part, payload });
    bar.update(part + 1, parts.length);
  }
  bar.done();
  return post(`${at}/complete`, { payload: head });
}

async function send(o: SubmitOptions, url: string, body: unknown) {
  const text = JSON.stringify(body);
  for (let attempt = 1; ; attempt += 1) {
    let res: Response;
    try {
      res = await (o.fetch ?? fetch)(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${o.token}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: text,
      });
    } catch (e) {
      if (attempt >= TRIES) throw e;
      await pause(attempt);
      continue;
    }
    if (res.status >= 500 && attempt < TRIES) {
      await res.arrayBuffer();
      await pause(attempt);
      continue;
    }
    const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok)
      throw new SubmitRefused(
        res.status,
        String(answer['error'] ?? res.status),
        String(answer['message'] ?? res.statusText),
      );
    return answer;
  }
}

const pause = (attempt: number) => new Promise((done) => setTimeout(done, 1000 * attempt));
