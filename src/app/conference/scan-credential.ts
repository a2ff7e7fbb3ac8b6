import {
  currentSession,
  quorate,
  revoke,
  scanAtDoor,
} from '../../domain/conference/credentials.ts';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import {
  countCheckedIn,
  findAttendance,
  findCredential,
  findCredentialByCode,
  listSessions,
  setAttendance,
  setCredentialState,
} from '../../db/queries/conference.ts';
import type { Db } from '../../db/database.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { hashSecret } from '../common/secrets.ts';
import { auditConference, runConference } from './conference-support.ts';
import { normaliseCode } from './credential-code.ts';

/**
 * The session the desk names, or when it names none the one sitting now (the last started).
 * @throws DomainError NOT_FOUND for a session of another conference, VALIDATION_FAILED when the
 * conference has no sessions yet.
 */
export async function sessionAtDoor(
  db: Db,
  meetingId: string,
  now: string,
  sessionId?: string | null,
) {
  const sessions = (await listSessions(db, meetingId)).map((s) => ({
    ...s,
    startsAt: s.starts_at,
  }));
  const session = sessionId
    ? sessions.find((s) => s.id === sessionId)
    : currentSession(sessions, now);
  if (sessionId && !session) throw notFound('That session');
  if (!session)
    throw invalid('Add the conference’s sessions before checking delegates in.', [
      { path: 'sessionId', message: 'no sessions' },
    ]);
  return session;
}

/**
 * The door: the organisers scan (or type) a delegate's code, checking them in to the session, or
 * out of it if they were in. Answers the new state, the delegates now in the session (its
 * attendance) and whether it is quorate.
 * @throws DomainError SIGN_IN_CODE_UNKNOWN for a code not issued, TOKEN_INVALID when revoked.
 */
export async function scanCredential(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; code: string; sessionId?: string | null },
) {
  return inTransaction(ctx, async (trx) => {
    const { meeting } = await runConference(trx, props.actor, props.meetingId);
    const at = isoNow(ctx);
    const session = await sessionAtDoor(trx, meeting.id, at, props.sessionId);
    const credential = await findCredentialByCode(
      trx,
      meeting.id,
      hashSecret(normaliseCode(props.code)),
    );
    if (!credential) throw new DomainError('SIGN_IN_CODE_UNKNOWN', 'No credential has that code.');
    const before = await findAttendance(trx, session.id, credential.person_id);
    const state = scanAtDoor(credential.state, before?.state ?? null);
    await setAttendance(trx, {
      session_id: session.id,
      person_id: credential.person_id,
      state,
      updated_at: at,
    });
    const present = await countCheckedIn(trx, meeting.id, session.id);
    return {
      personId: credential.person_id,
      sessionId: session.id,
      state,
      present,
      quorate: quorate(present, session.quorum),
    };
  });
}

/**
 * The organisers revoke a delegate's credential (a substitute takes their place): the code no
 * longer opens the door, and they no longer count as in any session. Audited.
 */
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
