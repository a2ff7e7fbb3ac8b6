import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { lapseDate } from '../../domain/organisations/register.ts';
import { updateMembership } from '../../db/queries/memberships.ts';
import { authorise } from '../common/actor.ts';
import { auditAction } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { refuseIfOfficeHolder, registerEntry } from './register-entry.ts';

export interface LapseMemberProps {
  readonly actor: Actor | null;
  readonly bodyId: string;
  readonly personId: string;
  /** The day the membership ends (YYYY-MM-DD); today when none is given. */
  readonly leftOn?: string | undefined;
}

/**
 * Ends one membership on a day: the member lapses. The membership is kept with its dates (the
 * register's history: who was a member when), and from that day the member is left out of
 * notices, quorums and the electorates of ballots opened after it; what they already voted in
 * stays as it was. Adding them again (or importing them) makes them current again.
 */
export async function lapseMember(
  ctx: AppContext,
  props: LapseMemberProps,
): Promise<{ leftOn: string }> {
  return inTransaction(ctx, async (trx) => {
    const { body } = await authorise(trx, props.actor, 'body.manageMembers', props.bodyId);
    const entry = await registerEntry(trx, body.id, props.personId);
    if (entry.left_on !== null && entry.left_on <= today(ctx)) {
      throw new DomainError('CONFLICT', `${entry.name}'s membership lapsed on ${entry.left_on}.`);
    }
    const leftOn = lapseDate(props.leftOn, entry.joined_on, today(ctx));
    await refuseIfOfficeHolder(trx, entry, 'lapsed');
    await updateMembership(trx, entry.membership_id, { left_on: leftOn });
    await auditAction(trx, props.actor, 'member.lapsed', ['body', body], isoNow(ctx), {
      personId: entry.person_id,
      leftOn,
    });
    return { leftOn };
  });
}
