import type { Actor } from '../../domain/organisations/policy.ts';
import { notFound } from '../../domain/errors.ts';
import { findCredential, listDelegations, upsertCredential } from '../../db/queries/conference.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { hashSecret } from '../common/secrets.ts';
import { credentialCode } from './credential-code.ts';
import { auditConference, runConference } from './conference-support.ts';

/**
 * The organisers issue a credential to every delegate named, or to one (`personId`)
 * (src/domain/conference/credentials.ts): a code each, shown on the delegate's own phone
 * (credential-code.ts); only its hash is kept. Issuing again sets a credential back to issued
 * (a revoked one included) and keeps its code; a delegate no longer named keeps no code.
 * @throws DomainError NOT_FOUND when `personId` is not a delegate of this conference.
 */
export async function issueCredentials(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; personId?: string | null },
) {
  return inTransaction(ctx, async (trx) => {
    const { meeting } = await runConference(trx, props.actor, props.meetingId);
    const at = isoNow(ctx);
    const issued: { personId: string; delegationId: string; code: string }[] = [];
    for (const d of await listDelegations(trx, meeting.id))
      for (const personId of d.makeUp.delegates) {
        if (props.personId && props.personId !== personId) continue;
        const issuedAt = (await findCredential(trx, meeting.id, personId))?.created_at ?? at;
        const code = await credentialCode({ ...ctx, db: trx }, meeting.id, personId, issuedAt);
        await upsertCredential(trx, {
          meeting_id: meeting.id,
          person_id: personId,
          delegation_id: d.id,
          code_hash: hashSecret(code),
          state: 'issued',
          created_at: issuedAt,
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
