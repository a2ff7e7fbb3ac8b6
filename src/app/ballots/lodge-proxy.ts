import { DomainError, invalid } from '../../domain/errors.ts';
import { assertMayLodgeProxy } from '../../domain/meetings/proxies.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findMemberOfBody } from '../../db/queries/memberships.ts';
import { insertProxy, listStandingProxies, type ProxyTarget } from '../../db/queries/proxies.ts';
import { authorise, signedIn } from '../common/actor.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { newId } from '../common/secrets.ts';
import { loadProxyScope } from './proxy-support.ts';

export interface LodgeProxyProps {
  readonly actor: Actor | null;
  readonly target: ProxyTarget;
  /** The holder: their person id, email or member number (a current member of the body). */
  readonly holder: string;
  /** How the holder should vote, in the giver's words: only the holder and the secretary see it. */
  readonly instruction?: string | undefined;
}

/**
 * A member lodges a proxy for a meeting or a ballot, naming another member of the electorate
 * to vote for them (proxies.ts `assertMayLodgeProxy` judges it against the standing orders).
 * In one transaction with the target's row locked, so the holder's limit holds when several
 * lodge at once. The audit entry names giver and holder, never the instruction.
 */
export async function lodgeProxy(ctx: AppContext, props: LodgeProxyProps) {
  const actor = signedIn(props.actor, 'Sign in to lodge a proxy.');
  const instruction = props.instruction?.trim() || null;
  if (instruction && instruction.length > 2000)
    throw invalid('An instruction is at most 2,000 characters.', [
      { path: 'instruction', message: 'At most 2,000 characters.' },
    ]);
  return inTransaction(ctx, async (trx) => {
    const scope = await loadProxyScope(trx, ctx, props.target, true);
    await authorise(trx, actor, 'body.participate', scope.bodyId, scope.what);
    const ref = props.holder.trim();
    const holder =
      (await findMemberOfBody(trx, scope.bodyId, ref, today(ctx))) ??
      ((await scope.isElector(ref)) ? { person_id: ref } : undefined);
    if (!holder)
      throw new DomainError(
        'PROXY_HOLDER_NOT_ELECTOR',
        'The member you name must be one of those entitled to vote here.',
      );
    const [standing, giverIsElector, holderIsElector] = await Promise.all([
      listStandingProxies(trx, props.target),
      scope.isElector(actor.personId),
      scope.isElector(holder.person_id),
    ]);
    assertMayLodgeProxy({
      rules: scope.rules.proxies,
      kinds: scope.kinds,
      giverId: actor.personId,
      holderId: holder.person_id,
      giverIsElector,
      holderIsElector,
      inTime: scope.inTime,
      standing: standing.map((p) => ({ giverId: p.giver_person_id, holderId: p.holder_person_id })),
    });
    const id = newId();
    const at = isoNow(ctx);
    await insertProxy(trx, {
      id,
      organisation_id: scope.organisationId,
      body_id: scope.bodyId,
      meeting_id: 'meetingId' in props.target ? props.target.meetingId : null,
      ballot_id: 'ballotId' in props.target ? props.target.ballotId : null,
      giver_person_id: actor.personId,
      holder_person_id: holder.person_id,
      instruction,
      state: 'lodged',
      refusal_reason: null,
      lodged_at: at,
      ended_at: null,
    });
    await appendAudit(trx, {
      organisationId: scope.organisationId,
      actorPersonId: actor.personId,
      action: 'proxy.lodged',
      subject: scope.subject,
      data: { proxyId: id, giver: actor.personId, holder: holder.person_id },
      at,
    });
    return { proxyId: id, holderId: holder.person_id, deadline: scope.deadline };
  });
}
