import type { Actor } from '../../domain/organisations/policy.ts';
import { listDelegations, upsertCredential } from '../../db/queries/conference.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { hashSecret, newSecret } from '../common/secrets.ts';
import { auditConference, runConference } from './conference-support.ts';

/**
 * The organisers issue a credential to every delegate named (src/domain/conference/credentials.ts):
 * a fresh code each, shown this once to be sent to the delegate's phone; only its hash is kept.
 * Issuing again replaces every code (a lost phone), and a delegate no longer named keeps no code.
 */
export async function issueCredentials(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string },
) {
  return inTransaction(ctx, async (trx) => {
    const { meeting } = await runConference(trx, props.actor, props.meetingId);
    const at = isoNow(ctx);
    const issued: { personId: string; delegationId: string; code: string }[] = [];
    for (const d of await listDelegations(trx, meeting.id))
      for (const personId of d.makeUp.delegates) {
        const code = newSecret().slice(0, 12);
        await upsertCredential(trx, {
          meeting_id: meeting.id,
          person_id: personId,
          delegation_id: d.id,
          code_hash: hashSecret(code),
          state: 'issued',
          created_at: at,
          updated_at: at,
        });
        issued.push({ personId, delegationId: d.id, code });
      }
    await auditConference(trx, props.actor, meeting, 'conference.credentialsIssued', at, {
      delegates: issued.length,
    });
    return issued;
  });
}
