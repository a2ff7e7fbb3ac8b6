import { findCredential } from '../../db/queries/conference.ts';
import type { AppContext } from '../common/context.ts';
import { hashSecret } from '../common/secrets.ts';
import { serverKey } from '../common/server-key.ts';

/** Letters and digits that cannot be mistaken for one another when read aloud at the door. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 10;

/**
 * A delegate's credential code, derived rather than stored: the server's Ed25519 signature
 * (deterministic, RFC 8032 section 5.1.6) of the meeting, the delegate and when the credential
 * was first issued, read as ten letters. Only its hash is kept (issue-credentials.ts), yet the
 * delegate's own phone can show it again, as the meeting's sign-in code is shown; no one without
 * the server's key can make one.
 */
export async function credentialCode(
  ctx: Pick<AppContext, 'db' | 'now' | 'signingKey'>,
  meetingId: string,
  personId: string,
  issuedAt: string,
) {
  const signature = (await serverKey(ctx)).sign(
    `conference-credential:${meetingId}:${personId}:${issuedAt}`,
  );
  let code = '';
  for (let i = 0; i < LENGTH; i++)
    code += ALPHABET[parseInt(signature.slice(i * 2, i * 2 + 2), 16) % ALPHABET.length];
  return code;
}

/** A code as typed at the door: spaces and dashes dropped, capitals (the code has no others). */
export const normaliseCode = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase();

/**
 * The viewer's own credential for a conference, with the code to show at the door; null when
 * none was issued. A code whose hash no longer matches (issued before codes were derived, or
 * under a server key since replaced) is not shown: the desk issues that delegate's again.
 */
export async function myCredential(
  ctx: Pick<AppContext, 'db' | 'now' | 'signingKey'>,
  meetingId: string,
  personId: string,
) {
  const row = await findCredential(ctx.db, meetingId, personId);
  if (!row) return null;
  const code = await credentialCode(ctx, meetingId, personId, row.created_at);
  return {
    state: row.state,
    code: row.state !== 'revoked' && hashSecret(code) === row.code_hash ? code : null,
  };
}
