import type { MixBoard } from '../domain/e2e/mixnet.ts';
import type { UploadStep } from '../domain/e2e/parts.ts';
import { EXIT, UsageError, type Parsed } from './command.ts';
import { SubmitRefused, submitInParts } from './trustee-submit.ts';

/** Where `--submit` hands the step in, and with which token. */
export interface Submit {
  readonly server: string;
  readonly token: string;
}

/** `--submit URL` with `--token` or SECONDED_TOKEN, or null when not asked for. */
export function submitTo(values: Parsed['values']): Submit | null {
  const server = values['submit'] as string | undefined;
  if (server === undefined) return null;
  if (!/^https?:\/\/[^/\s]+\/?$/.test(server))
    throw new UsageError(`--submit needs the server's address, https://HOST, got "${server}"`);
  const token = (values['token'] as string | undefined) ?? process.env['SECONDED_TOKEN'];
  if (!token)
    throw new UsageError(
      '--submit needs your personal API token (manage scope): --token TOKEN or SECONDED_TOKEN',
    );
  return { server, token };
}

/**
 * Hands the shuffle or decryption in (trustee-submit.ts) after its file is written, so a
 * refusal or a lost connection leaves the file to send again. Exit 65 when the server refuses
 * it, 69 when it cannot be reached.
 */
export async function handIn(
  { server, token }: Submit,
  board: MixBoard,
  step: UploadStep,
  payload: object,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  const setup = board.events.find((e) => e.type === 'setup');
  const ballotId = String((setup?.payload as { ballot?: unknown } | undefined)?.ballot ?? '');
  try {
    const answer = await submitInParts({
      server,
      token,
      ballotId,
      step,
      payload: payload as Record<string, unknown>,
      stderr: io.stderr,
    });
    const counted = answer['result'] ? ' The ballot is counted.' : '';
    io.stdout.write(
      step === 'shuffle'
        ? `The server checked the shuffle and put it on the board (event ${String(answer['seq'])}).\n`
        : `The server checked the decryption and put it on the board (${String(answer['decrypted'])} of ${String(answer['needed'])} needed).${counted}\n`,
    );
    return EXIT.ok;
  } catch (e) {
    if (e instanceof SubmitRefused) {
      io.stderr.write(`seconded trustee: the server refused it (${e.code}): ${e.message}\n`);
      return EXIT.dataError;
    }
    io.stderr.write(`seconded trustee: cannot reach ${server}: ${(e as Error).message}\n`);
    return EXIT.unavailable;
  }
}
