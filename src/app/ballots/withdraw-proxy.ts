import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findProxy, updateProxy } from '../../db/queries/proxies.ts';
import { signedIn } from '../common/actor.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { loadProxyScope } from './proxy-support.ts';
import { targetOf } from './refuse-proxy.ts';

/**
 * The giver withdraws their proxy, before the deadline (PROXY_DEADLINE_PASSED after it): the
 * same deadline as for lodging, so the secretary's list is settled when the vote begins.
 */
export async function withdrawProxy(
  ctx: AppContext,
  props: { actor: Actor | null; proxyId: string },
) {
  const actor = signedIn(props.actor);
  await inTransaction(ctx, async (trx) => {
    const proxy = await findProxy(trx, props.proxyId);
    // Only the giver sees their proxy here; to anyone else it does not exist.
    if (!proxy || proxy.giver_person_id !== actor.personId) throw notFound('That proxy');
    const scope = await loadProxyScope(trx, ctx, targetOf(proxy), true);
    if (proxy.state !== 'lodged')
      throw new DomainError('CONFLICT', 'That proxy was already withdrawn or refused.');
    if (!scope.inTime)
      throw new DomainError(
        'PROXY_DEADLINE_PASSED',
        'The deadline to lodge or withdraw a proxy has passed.',
      );
    const at = isoNow(ctx);
    await updateProxy(trx, proxy.id, { state: 'withdrawn', ended_at: at });
    await appendAudit(trx, {
      organisationId: scope.organisationId,
      actorPersonId: actor.personId,
      action: 'proxy.withdrawn',
      subject: scope.subject,
      data: { proxyId: proxy.id },
      at,
    });
  });
  return { withdrawn: true };
}
