import type { Actor } from '../../domain/organisations/policy.ts';
import { deleteMembership } from '../../db/queries/memberships.ts';
import { authorise } from '../common/actor.ts';
import { auditAction } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { refuseIfOfficeHolder, registerEntry } from './register-entry.ts';

export interface RemoveMemberProps {
  readonly actor: Actor | null;
  readonly bodyId: string;
  readonly personId: string;
}

/**
 * Takes one person off a body's register altogether, as if never a member of it: for someone
 * added by mistake, or a duplicate. Unlike lapsing, no history of the membership is kept. The
 * person stays (they may be a member elsewhere, or have signed up), and so does everything
 * already done: ballots' electorates and rolls, votes and results, attendance and minutes name
 * people, not memberships, and are not touched. The audit chain records the removal.
 */
export async function removeMember(ctx: AppContext, props: RemoveMemberProps): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const { body } = await authorise(trx, props.actor, 'body.manageMembers', props.bodyId);
    const entry = await registerEntry(trx, body.id, props.personId);
    await refuseIfOfficeHolder(trx, entry, 'removed');
    await deleteMembership(trx, entry.membership_id);
    await auditAction(trx, props.actor, 'member.removed', ['body', body], isoNow(ctx), {
      personId: entry.person_id,
    });
  });
}
