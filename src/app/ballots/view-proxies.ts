import { can, type Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import { listProxiesWithNames, type ProxyTarget } from '../../db/queries/proxies.ts';
import { authoriseOrHide } from '../common/actor.ts';
import type { AppContext } from '../common/context.ts';
import { loadProxyScope } from './proxy-support.ts';

type Named = Awaited<ReturnType<typeof listProxiesWithNames>>[number];

/** A proxy as its giver, its holder or the secretary sees it; the instruction is theirs alone. */
const presentProxy = (p: Named) => ({
  id: p.id,
  giverId: p.giver_person_id,
  giverName: p.giver_name,
  holderId: p.holder_person_id,
  holderName: p.holder_name,
  instruction: p.instruction,
  state: p.state,
  refusalReason: p.refusal_reason,
  lodgedAt: p.lodged_at,
});

/**
 * The proxies of a meeting or a ballot as the viewer may see them: the rules and the deadline;
 * the viewer's own latest proxy; the standing proxies they hold (to cast each); and, for whoever
 * runs the body's ballots or meetings, every proxy lodged, to check and refuse. Nobody else sees
 * who holds whose proxy, nor any instruction.
 */
export async function viewProxies(
  ctx: AppContext,
  props: { actor: Actor | null; target: ProxyTarget },
) {
  return proxiesFor(ctx.db, ctx, props.actor, props.target);
}

export async function proxiesFor(
  db: Db,
  ctx: AppContext,
  actor: Actor | null,
  target: ProxyTarget,
) {
  const scope = await loadProxyScope(db, ctx, target);
  const { inTree } = await authoriseOrHide(db, actor, 'body.participate', scope.bodyId, scope.what);
  const rows = await listProxiesWithNames(db, target);
  const me = actor?.personId;
  const canRefuse = can(actor, scope.runAction, inTree);
  const { proxies: rules } = scope.rules;
  // The giver's standing proxy if they have one, else the last they lodged (withdrawn or refused).
  const given = rows.filter((p) => p.giver_person_id === me);
  const mine = given.find((p) => p.state === 'lodged') ?? given.at(-1);
  return {
    rules,
    deadline: scope.deadline,
    /** Whether proxies may be lodged or withdrawn now. */
    open: rules.allowed && scope.kinds.some((k) => rules.kinds.includes(k)) && scope.inTime,
    endToEnd: scope.endToEnd,
    mine: mine ? presentProxy(mine) : null,
    held: rows.filter((p) => p.holder_person_id === me && p.state === 'lodged').map(presentProxy),
    canRefuse,
    all: canRefuse ? rows.map(presentProxy) : null,
  };
}

export type ProxiesView = Awaited<ReturnType<typeof viewProxies>>;
