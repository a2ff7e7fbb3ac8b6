import type { Actor } from '../../domain/organisations/policy.ts';
import { listRegister } from '../../db/queries/memberships.ts';
import { authorise } from '../common/actor.ts';
import { insertDataAccess } from '../../db/queries/data-access.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { newId } from '../common/secrets.ts';

export interface MemberView {
  readonly personId: string;
  readonly name: string;
  readonly email: string;
  readonly memberNumber: string | null;
  readonly joinedOn: string | null;
  readonly bodyId: string;
  readonly bodyName: string;
  readonly hasAccount: boolean;
}

/**
 * The member register of a body (and, with `includeBelow`, of the bodies below it), for those
 * the policy lets see it. Members who have left are not listed. Each look is recorded first
 * (one row per body shown, DESIGN.md section 5), so members can see who saw the register.
 */
export async function listMembers(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    bodyId: string;
    includeBelow?: boolean;
    /** `register-export` when the register leaves as data (the API), not as a page. */
    kind?: 'register' | 'register-export';
  },
): Promise<MemberView[]> {
  const { subtree, body } = await authorise(ctx.db, props.actor, 'body.viewMembers', props.bodyId);
  const bodies = props.includeBelow ? subtree : [body];
  const names = new Map(bodies.map((b) => [b.id, b.name]));
  const at = isoNow(ctx);
  const rows = await inTransaction(ctx, async (trx) => {
    await insertDataAccess(
      trx,
      bodies.map((b) => ({
        id: newId(),
        at,
        viewer_person_id: props.actor!.personId,
        kind: props.kind ?? 'register',
        body_id: b.id,
        person_id: null,
      })),
    );
    return listRegister(
      trx,
      bodies.map((b) => b.id),
    );
  });
  return rows
    .filter((r) => r.left_on === null)
    .map((r) => ({
      personId: r.person_id,
      name: r.name,
      email: r.email,
      memberNumber: r.member_number,
      joinedOn: r.joined_on,
      bodyId: r.body_id,
      bodyName: names.get(r.body_id) ?? '',
      hasAccount: r.account_person_id !== null,
    }));
}
