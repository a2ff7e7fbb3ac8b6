import { invalid } from '../domain/errors.ts';
import type { Actor } from '../domain/policy.ts';
import { PRESET_NAMES, presetStandingOrders, type PresetName } from '../domain/standing-orders.ts';
import { upsertStandingOrders } from '../db/queries/standing-orders.ts';
import { authorise } from './actor.ts';
import { appendAudit } from './audit-log.ts';
import { type AppContext, inTransaction, isoNow } from './context.ts';
import { loadRules } from './meeting-support.ts';

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
  return inTransaction(ctx, async (trx) => {
    const { body } = await authorise(trx, props.actor, 'body.editStandingOrders', props.bodyId);
    const before = await loadRules(trx, body.id);
    const at = isoNow(ctx);
    await upsertStandingOrders(trx, {
      body_id: body.id,
      preset,
      rules: JSON.stringify(rules),
      updated_at: at,
    });
    await appendAudit(trx, ctx.dialect, {
      organisationId: body.organisation_id,
      actorPersonId: props.actor?.personId ?? null,
      action: 'body.standingOrdersReset',
      subject: `body:${body.id}`,
      data: { preset, before, after: rules },
      at,
    });
    return { preset, rules };
  });
}
