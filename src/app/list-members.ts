import type { Actor } from '../domain/policy.ts';
import { listRegister } from '../db/queries/memberships.ts';
import { authorise } from './actor.ts';
import type { AppContext } from './context.ts';

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
 * the policy lets see it. Members who have left are not listed.
 */
export async function listMembers(
  ctx: AppContext,
  props: { actor: Actor | null; bodyId: string; includeBelow?: boolean },
): Promise<MemberView[]> {
  const { subtree, body } = await authorise(ctx.db, props.actor, 'body.viewMembers', props.bodyId);
  const bodies = props.includeBelow ? subtree : [body];
  const names = new Map(bodies.map((b) => [b.id, b.name]));
  const rows = await listRegister(
    ctx.db,
    bodies.map((b) => b.id),
  );
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
