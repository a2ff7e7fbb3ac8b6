import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../db/database.ts';
import {
  findToken,
  insertToken,
  retireTokens,
  useToken,
  type TokenRow,
} from '../../db/queries/auth.ts';
import { hashSecret, newSecret } from '../common/secrets.ts';

export type LinkPurpose = 'invite' | 'reset';

/** Makes a one-time link secret for a person, retiring their earlier links of the same purpose. */
export async function issueOneTimeLink(
  trx: Db,
  props: {
    purpose: LinkPurpose;
    personId: string;
    createdBy: string | null;
    now: Date;
    validForMs: number;
  },
): Promise<string> {
  const at = props.now.toISOString();
  await retireTokens(trx, props.purpose, at, props.personId);
  const secret = newSecret();
  await insertToken(trx, {
    token_hash: hashSecret(secret),
    purpose: props.purpose,
    person_id: props.personId,
    created_by: props.createdBy,
    created_at: at,
    expires_at: new Date(props.now.getTime() + props.validForMs).toISOString(),
    used_at: null,
  });
  return secret;
}

/** The link's token if it is unused and unexpired, else null. */
export async function peekOneTimeLink(
  db: Db,
  secret: string,
  purpose: LinkPurpose,
  now: string,
): Promise<TokenRow | null> {
  if (secret.length > 100) return null;
  const token = await findToken(db, hashSecret(secret), purpose);
  return token && !token.used_at && token.expires_at > now && token.person_id ? token : null;
}

/** Uses a link once; a second use, or a use after expiry, is refused. */
export async function redeemOneTimeLink(
  trx: Db,
  secret: string,
  purpose: LinkPurpose,
  now: string,
): Promise<TokenRow & { person_id: string }> {
  const token = await peekOneTimeLink(trx, secret, purpose, now);
  if (!token || !token.person_id || !(await useToken(trx, token.token_hash, now))) {
    throw new DomainError(
      'TOKEN_INVALID',
      purpose === 'invite'
        ? 'This invitation link has been used or has expired. Ask your secretary for a new one.'
        : 'This password reset link has been used or has expired. Ask for a new one.',
    );
  }
  return { ...token, person_id: token.person_id };
}
