import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findCredential } from '../../db/queries/conference.ts';
import { signedIn } from '../common/actor.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { drawCode } from './credential-code.ts';
import { auditConference, loadConference, runConference } from './conference-support.ts';

/**
 * A new code for a delegate's credential, shown this once; the old code no longer opens the
 * door. The delegate draws their own on their phone (their code is kept only as a hash, so it
 * cannot be shown again); the organisers draw one for any delegate at the desk (a lost phone,
 * a printed badge). Audited, with who drew it.
 * @throws DomainError NOT_FOUND when the person has no credential here (or the actor may not
 * draw one for them), TOKEN_INVALID when it has been revoked.
 */
export async function reissueCredential(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; personId?: string | null },
) {
  return inTransaction(ctx, async (trx) => {
    const me = signedIn(props.actor).personId;
    const personId = props.personId ?? me;
    const own = personId === me ? await findCredential(trx, props.meetingId, personId) : undefined;
    // A delegate draws only their own; anyone else must run the conference.
    const { meeting } = own
      ? await loadConference(trx, props.meetingId)
      : await runConference(trx, props.actor, props.meetingId);
    const credential = own ?? (await findCredential(trx, meeting.id, personId));
    if (!credential) throw notFound('That credential');
    if (credential.state === 'revoked')
      throw new DomainError('TOKEN_INVALID', 'This credential has been revoked.');
    const at = isoNow(ctx);
    const code = await drawCode(trx, meeting.id, personId, at);
    await auditConference(trx, props.actor, meeting, 'conference.credentialReissued', at, {
      personId,
      byDelegate: personId === me,
    });
    return { personId, code };
  });
}
