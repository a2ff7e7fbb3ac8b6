import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { checkMemberDetails } from '../../domain/organisations/register.ts';
import { updateMembership } from '../../db/queries/memberships.ts';
import { findPersonByEmail, updatePerson } from '../../db/queries/people.ts';
import { findMemberNumberHolder } from '../../db/queries/register.ts';
import { authorise } from '../common/actor.ts';
import { auditAction } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { numberTaken } from './add-member.ts';
import { registerEntry } from './register-entry.ts';

export interface EditMemberProps {
  readonly actor: Actor | null;
  readonly bodyId: string;
  readonly personId: string;
  readonly name: string;
  readonly email: string;
  readonly memberNumber?: string | undefined;
  readonly joinedOn?: string | undefined;
}

/** What an edit changed, by field (none when it was sent unchanged). */
export interface EditedMember {
  readonly changed: readonly ('name' | 'email' | 'memberNumber' | 'joinedOn')[];
}

/**
 * Corrects one member's details on a body's register: name and email (the person's, wherever
 * they are a member), member number and joining date (this membership's). Someone who has
 * signed up owns their name and sign-in email, as in an import, so only the register's own
 * details of theirs can be changed here. An email another person holds, or a member number
 * another member of the body holds, is refused.
 */
export async function editMember(ctx: AppContext, props: EditMemberProps): Promise<EditedMember> {
  return inTransaction(ctx, async (trx) => {
    const { body } = await authorise(trx, props.actor, 'body.manageMembers', props.bodyId);
    const entry = await registerEntry(trx, body.id, props.personId);
    const details = checkMemberDetails(props, today(ctx));
    const changed: EditedMember['changed'][number][] = [];
    if (details.name !== entry.name) changed.push('name');
    if (details.email !== entry.email) changed.push('email');
    if (details.memberNumber !== entry.member_number) changed.push('memberNumber');
    if (details.joinedOn !== entry.joined_on) changed.push('joinedOn');
    if (!changed.length) return { changed };

    if (entry.account_person_id && (changed.includes('name') || changed.includes('email'))) {
      throw new DomainError(
        'CONFLICT',
        `${entry.name} has signed up, and keeps their own name and email; they change them on their account.`,
        [{ path: changed.includes('name') ? 'name' : 'email', message: 'Set by the member.' }],
      );
    }
    if (changed.includes('email')) {
      const holder = await findPersonByEmail(trx, details.email);
      if (holder && holder.id !== entry.person_id) {
        throw new DomainError('ALREADY_EXISTS', `${details.email} belongs to another person.`, [
          { path: 'email', message: 'Another person has this email.' },
        ]);
      }
    }
    if (changed.includes('memberNumber') && details.memberNumber) {
      if (await findMemberNumberHolder(trx, body.id, details.memberNumber, entry.person_id))
        throw numberTaken(details.memberNumber);
    }
    if (details.joinedOn && entry.left_on && details.joinedOn > entry.left_on) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'A member cannot join after their membership lapsed.',
        [{ path: 'joinedOn', message: `The membership lapsed on ${entry.left_on}.` }],
      );
    }
    if (changed.includes('name') || changed.includes('email'))
      await updatePerson(trx, entry.person_id, { name: details.name, email: details.email });
    if (changed.includes('memberNumber') || changed.includes('joinedOn'))
      await updateMembership(trx, entry.membership_id, {
        member_number: details.memberNumber,
        joined_on: details.joinedOn,
      });
    await auditAction(trx, props.actor, 'member.edited', ['body', body], isoNow(ctx), {
      personId: entry.person_id,
      changed,
    });
    return { changed };
  });
}
