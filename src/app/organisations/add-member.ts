import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { checkMemberDetails } from '../../domain/organisations/register.ts';
import {
  findMembership,
  insertMembership,
  updateMembership,
} from '../../db/queries/memberships.ts';
import { findPersonByEmail, insertPerson } from '../../db/queries/people.ts';
import { findMemberNumberHolder } from '../../db/queries/register.ts';
import { authorise } from '../common/actor.ts';
import { auditAction } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { newId } from '../common/secrets.ts';

export interface AddMemberProps {
  readonly actor: Actor | null;
  readonly bodyId: string;
  readonly name: string;
  readonly email: string;
  readonly memberNumber?: string | undefined;
  /** YYYY-MM-DD (or as registers write dates); none when unknown. */
  readonly joinedOn?: string | undefined;
}

export interface AddedMember {
  readonly personId: string;
  /** `rejoined` when they had lapsed from this body and are current again. */
  readonly outcome: 'added' | 'rejoined';
}

/**
 * Adds one member to a body's register, as one row of an import would be (the same checks).
 * Someone already known by that email (a member elsewhere, someone who signed up) is the same
 * person, and keeps their own name; someone who had lapsed from this body rejoins, their
 * membership current again. A current member is refused, as is a member number another member
 * of the body holds.
 */
export async function addMember(ctx: AppContext, props: AddMemberProps): Promise<AddedMember> {
  return inTransaction(ctx, async (trx) => {
    const { body } = await authorise(trx, props.actor, 'body.manageMembers', props.bodyId);
    const details = checkMemberDetails(props, today(ctx));
    const at = isoNow(ctx);
    const known = await findPersonByEmail(trx, details.email);
    if (details.memberNumber) {
      const holder = await findMemberNumberHolder(
        trx,
        body.id,
        details.memberNumber,
        known?.id ?? null,
      );
      if (holder) throw numberTaken(details.memberNumber);
    }
    const existing = known && (await findMembership(trx, body.id, known.id, 'member'));
    if (existing && (existing.left_on === null || existing.left_on > today(ctx))) {
      throw new DomainError(
        'ALREADY_EXISTS',
        `${known.name} (${details.email}) is already on the register.`,
        [{ path: 'email', message: 'Already a member here.' }],
      );
    }
    const personId = known?.id ?? newId();
    if (!known) {
      await insertPerson(trx, {
        id: personId,
        name: details.name,
        email: details.email,
        created_at: at,
      });
    }
    if (existing) {
      await updateMembership(trx, existing.id, {
        left_on: null,
        member_number: details.memberNumber ?? existing.member_number,
        joined_on: details.joinedOn ?? existing.joined_on,
      });
    } else {
      await insertMembership(trx, {
        id: newId(),
        body_id: body.id,
        person_id: personId,
        role: 'member',
        member_number: details.memberNumber,
        joined_on: details.joinedOn,
        left_on: null,
        vote_weight: null,
        created_at: at,
      });
    }
    const outcome = existing ? 'rejoined' : 'added';
    // Ids only: the audit chain is permanent, so it holds no name or address.
    await auditAction(trx, props.actor, `member.${outcome}`, ['body', body], at, { personId });
    return { personId, outcome };
  });
}

/** Refusal of a member number that another member of the body holds. */
export const numberTaken = (memberNumber: string) =>
  new DomainError('ALREADY_EXISTS', `Another member here has the number ${memberNumber}.`, [
    { path: 'memberNumber', message: 'Another member has this number.' },
  ]);
