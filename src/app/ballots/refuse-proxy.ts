import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import {
  findProxy,
  listProxyVotes,
  updateProxy,
  type ProxyRow,
  type ProxyTarget,
} from '../../db/queries/proxies.ts';
import { authorise } from '../common/actor.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { loadProxyScope } from './proxy-support.ts';

/** What a stored proxy is for. */
export const targetOf = (p: ProxyRow): ProxyTarget =>
  p.ballot_id ? { ballotId: p.ballot_id } : { meetingId: p.meeting_id! };

/**
 * The secretary (or whoever runs the body's ballots or meetings) refuses a proxy, with a reason
 * the giver and the holder see: one the rules do not allow after all (a giver not in good
 * standing, a form not signed). A proxy already used in a ballot cannot be refused there: the
 * vote is in the box with nothing to find it by (CONFLICT).
 */
export async function refuseProxy(
  ctx: AppContext,
  props: { actor: Actor | null; proxyId: string; reason: string },
) {
  const reason = props.reason.trim();
  if (!reason || reason.length > 500)
    throw invalid('Give the reason for refusing the proxy (at most 500 characters).', [
      { path: 'reason', message: 'Required, at most 500 characters.' },
    ]);
  await inTransaction(ctx, async (trx) => {
    const found = await findProxy(trx, props.proxyId);
    if (!found) throw notFound('That proxy');
    const scope = await loadProxyScope(trx, ctx, targetOf(found), true);
    await authorise(trx, props.actor, scope.runAction, scope.bodyId, 'That proxy');
    if (found.state !== 'lodged')
      throw new DomainError('CONFLICT', 'That proxy was already withdrawn or refused.');
    if (
      found.ballot_id &&
      (await listProxyVotes(trx, found.ballot_id)).includes(found.giver_person_id)
    )
      throw new DomainError('CONFLICT', 'That proxy has already been used to vote.');
    const at = isoNow(ctx);
    await updateProxy(trx, found.id, { state: 'refused', refusal_reason: reason, ended_at: at });
    await appendAudit(trx, {
      organisationId: scope.organisationId,
      actorPersonId: props.actor?.personId ?? null,
      action: 'proxy.refused',
      subject: scope.subject,
      data: { proxyId: found.id, reason },
      at,
    });
  });
  return { refused: true };
}
