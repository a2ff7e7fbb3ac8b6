import { DomainError } from '../errors.ts';

/**
 * A delegate's credential for a conference: issued to each delegate named, shown at the door as
 * a code (or its QR) on a phone, checked in and out as the delegate comes and goes, revoked when
 * a substitute takes their place. Labour Party Rule Book (2024), Chapter 3, Clause I: only
 * delegates credentialed by the party may sit and vote; TUC Congress SO 1 likewise (delegates'
 * credentials issued to the names the union gives).
 *
 *   issued → in ⇄ out;  issued | in | out → revoked (final)
 *
 * Those `in` are the delegates present: attendance and a quorum are read from them.
 */
export const CREDENTIAL_STATES = ['issued', 'in', 'out', 'revoked'] as const;
export type CredentialState = (typeof CREDENTIAL_STATES)[number];

/** The state after scanning the code at the door: in if not in, out if in. */
export function scanAtDoor(state: CredentialState): CredentialState {
  if (state === 'revoked')
    throw new DomainError('TOKEN_INVALID', 'This credential has been revoked.');
  return state === 'in' ? 'out' : 'in';
}

/** @throws DomainError ILLEGAL_TRANSITION when it is already revoked. */
export function revoke(state: CredentialState): CredentialState {
  if (state === 'revoked')
    throw new DomainError('ILLEGAL_TRANSITION', 'This credential is already revoked.');
  return 'revoked';
}
