import type { Actor } from '../../domain/organisations/policy.ts';
import {
  presetStandingOrders,
  type PresetName,
} from '../../domain/organisations/standing-orders.ts';
import type { AppContext } from '../common/context.ts';
import { replaceStandingOrders } from './edit-standing-orders.ts';

/**
 * Puts a body's standing orders back to a preset as shipped, `citrine` or `ronr` (secretary,
 * admin): every change made since is undone in one step, and the audit event keeps the rules
 * before and after, so the reset can itself be seen and undone.
 */
export async function resetStandingOrders(
  ctx: AppContext,
  props: { actor: Actor | null; bodyId: string; preset: PresetName },
) {
  const { preset } = props;
  const rules = presetStandingOrders(preset);
  await replaceStandingOrders(ctx, { ...props, rules, preset, action: 'body.standingOrdersReset' });
  return { preset, rules };
}
