import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { authorise } from '../common/actor.ts';
import { auditAction } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { mailQueued } from '../common/enqueue-mail.ts';
import { queueInvitations } from './invite-members.ts';
import { registerEntry } from './register-entry.ts';

export interface InviteMemberProps {
  readonly actor: Actor | null;
  readonly bodyId: string;
  readonly personId: string;
}

/**
 * Invites one member of the register to sign up, with the same mail and link as inviting
 * everyone (invite-members.ts): a fresh link each time, so a lost invitation can be sent again.
 * Someone who has signed up already, or whose membership has lapsed, is not invited.
 */
export async function inviteMember(ctx: AppContext, props: InviteMemberProps): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const { body } = await authorise(trx, props.actor, 'body.manageMembers', props.bodyId);
    const entry = await registerEntry(trx, body.id, props.personId);
    if (entry.account_person_id)
      throw new DomainError('CONFLICT', `${entry.name} has signed up already.`);
    if (entry.left_on !== null && entry.left_on <= today(ctx))
      throw new DomainError('CONFLICT', `${entry.name}'s membership has lapsed.`);
    await queueInvitations(ctx, trx, props.actor, body, [entry]);
    await auditAction(trx, props.actor, 'member.invited', ['body', body], isoNow(ctx), {
      personId: entry.person_id,
    });
  });
  mailQueued(ctx);
}
