import { invalid } from '../domain/errors.ts';
import type { Actor } from '../domain/policy.ts';
import { standingOrdersSchema } from '../domain/standing-orders.ts';
import { findStandingOrders, upsertStandingOrders } from '../db/queries/standing-orders.ts';
import { authorise } from './actor.ts';
import { appendAudit } from './audit-log.ts';
import { type AppContext, inTransaction, isoNow } from './context.ts';
import { loadRules } from './meeting-support.ts';

/**
 * Replaces a body's standing orders (secretary, admin): quorum, notice, emergency meetings,
 * motion deadline, threshold, tie rule, amendments, secret questions. Checked whole against
 * standingOrdersSchema (VALIDATION_FAILED names each field); the audit event keeps the rules
 * before and after. Meetings already held keep what they recorded; the next step of any
 * meeting follows the new rules.
 */
export async function editStandingOrders(
  ctx: AppContext,
  props: { actor: Actor | null; bodyId: string; rules: unknown },
) {
  const parsed = standingOrdersSchema.safeParse(props.rules);
  if (!parsed.success) {
    throw invalid(
      'These standing orders are not valid.',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const rules = parsed.data;
  return inTransaction(ctx, async (trx) => {
    const { body } = await authorise(trx, props.actor, 'body.editStandingOrders', props.bodyId);
    const [before, stored] = await Promise.all([
      loadRules(trx, body.id),
      findStandingOrders(trx, body.id),
    ]);
    const at = isoNow(ctx);
    const preset = stored?.preset ?? 'citrine';
    await upsertStandingOrders(trx, {
      body_id: body.id,
      preset,
      rules: JSON.stringify(rules),
      updated_at: at,
    });
    await appendAudit(trx, ctx.dialect, {
      organisationId: body.organisation_id,
      actorPersonId: props.actor?.personId ?? null,
      action: 'body.standingOrdersChanged',
      subject: `body:${body.id}`,
      data: { before, after: rules },
      at,
    });
    return { rules };
  });
}
