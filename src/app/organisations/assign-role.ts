import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import { isRole, type Actor } from '../../domain/organisations/policy.ts';
import {
  findMembership,
  insertMembership,
  updateMembership,
} from '../../db/queries/memberships.ts';
import { findPerson, findPersonByEmail } from '../../db/queries/people.ts';
import { normaliseEmail } from '../../domain/names.ts';
import { authorise } from '../common/actor.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { newId } from '../common/secrets.ts';

export interface AssignRoleProps {
  readonly actor: Actor | null;
  readonly bodyId: string;
  /** Who: by id, or by the email they are registered with. */
  readonly personId?: string | undefined;
  readonly email?: string | undefined;
  readonly role: string;
  /** true gives the role, false takes it away (the membership is ended, not deleted). */
  readonly holds: boolean;
}

/** Gives or takes away a role (secretary, chair, scrutineer, admin) in a body. */
export function assignRole(ctx: AppContext, props: AssignRoleProps) {
  const { role } = props;
  if (!isRole(role) || role === 'member') {
    throw invalid('Choose a role: secretary, chair, scrutineer or admin.', [
      { path: 'role', message: 'Unknown role.' },
    ]);
  }
  return inTransaction(ctx, async (trx) => {
    const { body } = await authorise(trx, props.actor, 'body.manageOfficers', props.bodyId);
    const email = props.email ? normaliseEmail(props.email) : null;
    const person = props.personId
      ? await findPerson(trx, props.personId)
      : email
        ? await findPersonByEmail(trx, email)
        : undefined;
    if (!person)
      throw notFound(props.email ? `A member with the email ${props.email}` : 'That person');
    const member = await findMembership(trx, body.id, person.id, 'member');
    if (props.holds && (!member || member.left_on) && role !== 'admin') {
      throw new DomainError(
        'CONFLICT',
        `${person.name} must be a member of ${body.name} to hold that role.`,
      );
    }
    const at = isoNow(ctx);
    const existing = await findMembership(trx, body.id, person.id, role);
    if (props.holds) {
      if (existing && !existing.left_on) return;
      if (existing)
        await updateMembership(trx, existing.id, { left_on: null, joined_on: today(ctx) });
      else
        await insertMembership(trx, {
          id: newId(),
          body_id: body.id,
          person_id: person.id,
          role: role,
          member_number: null,
          joined_on: today(ctx),
          left_on: null,
          vote_weight: null,
          created_at: at,
        });
    } else {
      if (!existing || existing.left_on) return;
      await updateMembership(trx, existing.id, { left_on: today(ctx) });
    }
    await appendAudit(trx, {
      organisationId: body.organisation_id,
      actorPersonId: props.actor?.personId ?? null,
      action: props.holds ? 'role.given' : 'role.ended',
      subject: `body:${body.id}`,
      data: { personId: person.id, role: role },
      at,
    });
  });
}
