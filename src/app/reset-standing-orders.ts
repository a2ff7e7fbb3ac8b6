import { invalid } from '../domain/errors.ts';
import type { Actor } from '../domain/policy.ts';
import { PRESET_NAMES, presetStandingOrders, type PresetName } from '../domain/standing-orders.ts';
import type { AppContext } from './context.ts';
import { replaceStandingOrders } from './edit-standing-orders.ts';

/**
 * Puts a body's standing orders back to a preset as shipped, `citrine` or `ronr` (secretary,
 * admin): every change made since is undone in one step, and the audit event keeps the rules
 * before and after, so the reset can itself be seen and undone.
 */
export async function resetStandingOrders(
  ctx: AppContext,
  props: { actor: Actor | null; bodyId: string; preset: string },
) {
  if (!(PRESET_NAMES as readonly string[]).includes(props.preset)) {
    throw invalid('Choose a preset to reset to.', [
      { path: 'preset', message: `One of ${PRESET_NAMES.join(', ')}.` },
    ]);
  }
  const preset = props.preset as PresetName;
  const rules = presetStandingOrders(preset);
  await replaceStandingOrders(ctx, { ...props, rules, preset, action: 'body.standingOrdersReset' });
  return { preset, rules };
}
