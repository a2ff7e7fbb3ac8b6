import { can, type Actor } from '../../domain/organisations/policy.ts';
import { findStandingOrders } from '../../db/queries/standing-orders.ts';
import { authorise } from '../common/actor.ts';
import type { AppContext } from '../common/context.ts';
import { loadRules } from '../meetings/meeting-support.ts';

/**
 * A body's standing orders, for anyone who may see the body (the body page shows them too);
 * `canEdit` says whether the actor may change them (secretary, admin). A body with none stored
 * follows the Citrine preset.
 */
export async function viewStandingOrders(
  ctx: AppContext,
  props: { actor: Actor | null; bodyId: string },
) {
  const { body, inTree } = await authorise(ctx.db, props.actor, 'body.view', props.bodyId);
  const [rules, stored] = await Promise.all([
    loadRules(ctx.db, body.id),
    findStandingOrders(ctx.db, body.id),
  ]);
  return {
    body: { id: body.id, name: body.name },
    preset: stored?.preset ?? 'citrine',
    updatedAt: stored?.updated_at ?? null,
    rules,
    canEdit: can(props.actor, 'body.editStandingOrders', inTree),
  };
}
