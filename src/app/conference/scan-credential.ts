import { revoke, scanAtDoor } from '../../domain/conference/credentials.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import {
  countCheckedIn,
  findCredential,
  findCredentialByCode,
  setCredentialState,
} from '../../db/queries/conference.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { hashSecret } from '../common/secrets.ts';
import { auditConference, runConference } from './conference-support.ts';
import { normaliseCode } from './credential-code.ts';

/**
 * The door: the organisers scan (or type) a delegate's code, checking them in, or out if they were in.
 * Answers the new state and the delegates now in (the conference's attendance).
 * @throws DomainError SIGN_IN_CODE_UNKNOWN for a code not issued, TOKEN_INVALID when revoked.
 */
export async function scanCredential(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; code: string },
) {
  return inTransaction(ctx, async (trx) => {
    const { meeting } = await runConference(trx, props.actor, props.meetingId);
    const credential = await findCredentialByCode(
      trx,
      meeting.id,
      hashSecret(normaliseCode(props.code)),
    );
    if (!credential) throw new DomainError('SIGN_IN_CODE_UNKNOWN', 'No credential has that code.');
    const state = scanAtDoor(credential.state);
    await setCredentialState(trx, meeting.id, credential.person_id, state, isoNow(ctx));
    return {
      personId: credential.person_id,
      state,
      present: await countCheckedIn(trx, meeting.id),
    };
  });
}

/** The organisers revoke a delegate's credential (a substitute takes their place). Audited. */
export async function revokeCredential(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; personId: string },
) {
  return inTransaction(ctx, async (trx) => {
    const { meeting } = await runConference(trx, props.actor, props.meetingId);
    const credential = await findCredential(trx, meeting.id, props.personId);
    if (!credential) throw notFound('That credential');
    const at = isoNow(ctx);
    await setCredentialState(trx, meeting.id, props.personId, revoke(credential.state), at);
    await auditConference(trx, props.actor, meeting, 'conference.credentialRevoked', at, {
      personId: props.personId,
      delegationId: credential.delegation_id,
    });
    return { personId: props.personId, state: 'revoked' as const };
  });
}
