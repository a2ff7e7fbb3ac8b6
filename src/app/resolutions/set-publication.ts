import type { Actor } from '../../domain/organisations/policy.ts';
import { savePublicationSettings } from '../../db/queries/resolutions.ts';
import { authorise } from '../common/actor.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';

/**
 * The secretary (or an administrator) decides whether the body's resolutions and minutes are
 * public (readable without signing in, in the feeds) or kept to the organisation's members.
 * A standing setting of the body, audited with its new value.
 */
export function setResolutionsPrivate(
  ctx: AppContext,
  props: { actor: Actor | null; bodyId: string; resolutionsPrivate: boolean },
) {
  return inTransaction(ctx, async (trx) => {
    const { body } = await authorise(trx, props.actor, 'body.editStandingOrders', props.bodyId);
    const at = isoNow(ctx);
    await savePublicationSettings(trx, body.id, props.resolutionsPrivate, at);
    await appendAudit(trx, {
      organisationId: body.organisation_id,
      actorPersonId: props.actor?.personId ?? null,
      action: 'body.publicationChanged',
      subject: `body:${body.id}`,
      data: { resolutionsPrivate: props.resolutionsPrivate },
      at,
    });
    return { resolutionsPrivate: props.resolutionsPrivate };
  });
}
