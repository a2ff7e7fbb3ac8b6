import type { Actor } from '../../domain/organisations/policy.ts';
import {
  type PresetName,
  type StandingOrders,
} from '../../domain/organisations/standing-orders.ts';
import { findStandingOrders, upsertStandingOrders } from '../../db/queries/standing-orders.ts';
import { authorise } from '../common/actor.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { loadRules } from '../meetings/meeting-support.ts';

/**
 * Replaces a body's standing orders (secretary, admin): quorum, notice, emergency meetings,
 * motion deadline, threshold, tie rule, amendments, secret questions, already checked whole
 * against standingOrdersSchema at the edge; the audit event keeps the rules before and after. Meetings already held keep what they recorded; the next step of any
 * meeting follows the new rules.
 */
export async function editStandingOrders(
  ctx: AppContext,
  props: { actor: Actor | null; bodyId: string; rules: StandingOrders },
) {
  const { rules } = props;
  await replaceStandingOrders(ctx, { ...props, rules, action: 'body.standingOrdersChanged' });
  return { rules };
}

/**
 * Stores a body's standing orders for its secretary or an admin, in one transaction, with an
 * audit event that keeps the rules before and after (editStandingOrders, resetStandingOrders).
 * With `preset`, they are that preset as shipped; without, they keep the preset they were based on.
 */
export async function replaceStandingOrders(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    bodyId: string;
    rules: StandingOrders;
    preset?: PresetName;
    action: 'body.standingOrdersChanged' | 'body.standingOrdersReset';
  },
) {
  const { rules } = props;
  await inTransaction(ctx, async (trx) => {
    const { body } = await authorise(trx, props.actor, 'body.editStandingOrders', props.bodyId);
    const [before, preset] = await Promise.all([
      loadRules(trx, body.id),
      props.preset ??
        findStandingOrders(trx, body.id).then((stored) => stored?.preset ?? 'citrine'),
    ]);
    const at = isoNow(ctx);
    await upsertStandingOrders(trx, {
      body_id: body.id,
      preset,
      rules: JSON.stringify(rules),
      updated_at: at,
    });
    await appendAudit(trx, {
      organisationId: body.organisation_id,
      actorPersonId: props.actor?.personId ?? null,
      action: props.action,
      subject: `body:${body.id}`,
      data: props.preset ? { preset, before, after: rules } : { before, after: rules },
      at,
    });
  });
}
