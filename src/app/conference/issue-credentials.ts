import type { Actor } from '../../domain/organisations/policy.ts';
import { notFound } from '../../domain/errors.ts';
import { findCredential, listDelegations, upsertCredential } from '../../db/queries/conference.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { hashSecret } from '../common/secrets.ts';
import { newCredentialCode } from './credential-code.ts';
import { auditConference, runConference } from './conference-support.ts';

/**
 * The organisers issue a credential to every delegate named, or to one (`personId`)
 * (src/domain/conference/credentials.ts), each with a code drawn at random of which only the
 * hash is kept (credential-code.ts). A credential already issued keeps its code; one revoked is
 * issued again with a new code. Answers the codes drawn, shown this once (a badge printed at the
 * desk); the delegate's phone draws its own (reissue-credential.ts).
 * @throws DomainError NOT_FOUND when `personId` is not a delegate of this conference.
 */
export async function issueCredentials(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; personId?: string | null },
) {
  return inTransaction(ctx, async (trx) => {
    const { meeting } = await runConference(trx, props.actor, props.meetingId);
    const at = isoNow(ctx);
    const issued: { personId: string; delegationId: string; code: string | null }[] = [];
    for (const d of await listDelegations(trx, meeting.id))
      for (const personId of d.makeUp.delegates) {
        if (props.personId && props.personId !== personId) continue;
        const before = await findCredential(trx, meeting.id, personId);
        const code = before?.state === 'issued' ? null : newCredentialCode();
        await upsertCredential(trx, {
          meeting_id: meeting.id,
          person_id: personId,
          delegation_id: d.id,
          code_hash: code ? hashSecret(code) : before!.code_hash,
          state: 'issued',
          created_at: before?.created_at ?? at,
          updated_at: at,
        });
        issued.push({ personId, delegationId: d.id, code });
      }
    if (props.personId && issued.length === 0) throw notFound('That delegate');
    await auditConference(trx, props.actor, meeting, 'conference.credentialsIssued', at, {
      delegates: issued.length,
    });
    return issued;
  });
}
