import type { Actor } from '../../domain/organisations/policy.ts';
import { insertDataAccess } from '../../db/queries/data-access.ts';
import { officesHeld } from '../../db/queries/register.ts';
import { authorise } from '../common/actor.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { newId } from '../common/secrets.ts';
import { registerEntry } from './register-entry.ts';

export interface MemberDetailsView {
  readonly personId: string;
  readonly name: string;
  readonly email: string;
  readonly memberNumber: string | null;
  readonly joinedOn: string | null;
  readonly leftOn: string | null;
  readonly lapsed: boolean;
  readonly hasAccount: boolean;
  /** Offices held in the body (secretary, chair...): such a member is not lapsed or removed here. */
  readonly offices: readonly string[];
}

/**
 * One member of a body's register, for those who may see the register. The look is recorded
 * as a look at that person's details (DESIGN.md section 5), which they see on their account page.
 */
export async function viewMember(
  ctx: AppContext,
  props: { actor: Actor | null; bodyId: string; personId: string },
): Promise<MemberDetailsView> {
  const { body } = await authorise(ctx.db, props.actor, 'body.viewMembers', props.bodyId);
  return inTransaction(ctx, async (trx) => {
    const entry = await registerEntry(trx, body.id, props.personId);
    await insertDataAccess(trx, [
      {
        id: newId(),
        at: isoNow(ctx),
        viewer_person_id: props.actor!.personId,
        kind: 'member',
        body_id: body.id,
        person_id: entry.person_id,
      },
    ]);
    return {
      personId: entry.person_id,
      name: entry.name,
      email: entry.email,
      memberNumber: entry.member_number,
      joinedOn: entry.joined_on,
      leftOn: entry.left_on,
      lapsed: entry.left_on !== null && entry.left_on <= today(ctx),
      hasAccount: entry.account_person_id !== null,
      offices: await officesHeld(trx, body.id, entry.person_id),
    };
  });
}
