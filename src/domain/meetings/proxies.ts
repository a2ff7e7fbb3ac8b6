import { DomainError } from '../errors.ts';
import type { ProxyRules, StandingOrders } from '../organisations/standing-orders.ts';

/**
 * Proxy voting (issue 22): a member (the giver) lodges a proxy naming another member of the
 * electorate (the holder), who then votes once for themselves and once for each proxy they hold.
 * Only where the standing orders allow it (RONR 12th ed. 45:70: never unless the bylaws provide
 * for it), for the kinds of vote they name, up to a number per holder, lodged by a deadline
 * before the meeting starts or the ballot opens (as company law does for general meetings:
 * Companies Act 2006 s.327, no more than 48 hours' notice may be required), and counting
 * towards the quorum only where they say so (RONR 45:70 again: a proxy is not a member present).
 *
 * Terms: the *giver* lodges the proxy; the *holder* is named in it; a proxy is *for* one meeting
 * or one ballot; it is lodged, then withdrawn by the giver or refused by the secretary, or
 * stands. A proxy that stands is *held*.
 */

export type ProxyVoteKind = ProxyRules['kinds'][number];

/** The kinds of vote a proxy for a meeting can be used in: its votes in the room and its ballots. */
export const MEETING_PROXY_KINDS: readonly ProxyVoteKind[] = [
  'meeting-votes',
  'ballots',
  'elections',
];

/** What a ballot is, for the rules: an election if it fills seats, a ballot otherwise. */
export const proxyKindOfBallot = (ballot: { kind: string }): ProxyVoteKind =>
  ballot.kind === 'ranked' ? 'elections' : 'ballots';

/**
 * The instant after which no proxy may be lodged or withdrawn: `deadlineHours` before the
 * meeting starts or the ballot opens. Null when the start is not known (a draft ballot to be
 * opened by hand): proxies may then be lodged until it opens.
 */
export function proxyDeadline(rules: ProxyRules, startsAt: string | null): string | null {
  if (startsAt === null) return null;
  return new Date(Date.parse(startsAt) - rules.deadlineHours * 3_600_000).toISOString();
}

/** Whether `now` is still before the deadline, and before the vote has begun at all. */
export function beforeProxyDeadline(
  deadline: string | null,
  now: string,
  started: boolean,
): boolean {
  if (started) return false;
  return deadline === null || Date.parse(now) < Date.parse(deadline);
}

export interface ProxyLodging {
  readonly rules: ProxyRules;
  /** The kinds of vote the proxy could be used in: a ballot's one kind; a meeting's any. */
  readonly kinds: readonly ProxyVoteKind[];
  readonly giverId: string;
  readonly holderId: string;
  /** Whether the holder is of the electorate (the body's members, or the ballot's electors). */
  readonly holderIsElector: boolean;
  readonly giverIsElector: boolean;
  /** Whether the deadline has not passed (beforeProxyDeadline). */
  readonly inTime: boolean;
  /** Proxies that stand for this meeting or ballot: who gave them to whom. */
  readonly standing: readonly { readonly giverId: string; readonly holderId: string }[];
}

/**
 * Refuses a proxy the rules do not allow, with a stable code for each reason:
 * PROXY_NOT_ALLOWED (the rules give none, or not for this kind of vote), PROXY_FOR_SELF,
 * NOT_ELIGIBLE (the giver has no vote to give), PROXY_HOLDER_NOT_ELECTOR, PROXY_DUPLICATE (the
 * giver already has one standing: a vote is given once), PROXY_LIMIT_REACHED (the holder holds
 * `maxPerHolder` already), PROXY_DEADLINE_PASSED. In an end-to-end ballot the holder's device
 * seals one ballot for each vote held, under the giver's own pseudonym (docs/e2e-protocol.md,
 * "Proxies"): lodging is judged the same way.
 */
export function assertMayLodgeProxy(l: ProxyLodging): void {
  if (!l.rules.allowed || !l.kinds.some((k) => l.rules.kinds.includes(k)))
    throw new DomainError(
      'PROXY_NOT_ALLOWED',
      'The standing orders do not allow proxy votes for this kind of vote.',
    );
  if (l.giverId === l.holderId)
    throw new DomainError('PROXY_FOR_SELF', 'You cannot name yourself as your own proxy.');
  if (!l.giverIsElector)
    throw new DomainError('NOT_ELIGIBLE', 'You have no vote here to give by proxy.');
  if (!l.holderIsElector)
    throw new DomainError(
      'PROXY_HOLDER_NOT_ELECTOR',
      'The member you name must be one of those entitled to vote here.',
    );
  if (!l.inTime)
    throw new DomainError(
      'PROXY_DEADLINE_PASSED',
      'The deadline to lodge or withdraw a proxy has passed.',
    );
  if (l.standing.some((p) => p.giverId === l.giverId))
    throw new DomainError(
      'PROXY_DUPLICATE',
      'You have already lodged a proxy here; withdraw it first to name someone else.',
    );
  const held = l.standing.filter((p) => p.holderId === l.holderId).length;
  if (held >= l.rules.maxPerHolder)
    throw new DomainError(
      'PROXY_LIMIT_REACHED',
      `That member already holds ${held} proxies, as many as the standing orders allow.`,
    );
}

/**
 * P for the quorum: the members present, and, where the rules count them, the proxies held by
 * members present for members who are not (a giver who came in person counts once, as
 * themselves: their proxy is not used, RONR 45:70 on a member present voting in person).
 */
export function presentForQuorum(
  presentIds: readonly string[],
  proxies: readonly { readonly giverId: string; readonly holderId: string }[],
  rules: Pick<StandingOrders, 'proxies'>,
): number {
  if (!rules.proxies.allowed || !rules.proxies.countToQuorum) return presentIds.length;
  const present = new Set(presentIds);
  const givers = new Set(
    proxies.filter((p) => present.has(p.holderId) && !present.has(p.giverId)).map((p) => p.giverId),
  );
  return present.size + givers.size;
}

/**
 * The most hands a show of hands may count: one for each member present, and, where the rules
 * allow proxies in votes in the room, one for each proxy held by a member present for a member
 * who is not (presentForQuorum's count of those, whether or not they count to the quorum).
 */
export function handsInRoom(
  presentIds: readonly string[],
  proxies: readonly { readonly giverId: string; readonly holderId: string }[],
  rules: Pick<StandingOrders, 'proxies'>,
): number {
  if (!rules.proxies.allowed || !rules.proxies.kinds.includes('meeting-votes'))
    return presentIds.length;
  return presentForQuorum(presentIds, proxies, {
    proxies: { ...rules.proxies, countToQuorum: true },
  });
}

export interface ProxyUse {
  readonly rules: ProxyRules;
  /** The kind of vote it is used in (proxyKindOfBallot, or 'meeting-votes'). */
  readonly kind: ProxyVoteKind;
  readonly giverId: string;
  readonly holderId: string;
  /** The proxies that stand for this vote (its own and its meeting's), oldest lodged first. */
  readonly standing: readonly { readonly giverId: string; readonly holderId: string }[];
}

/**
 * Refuses a vote cast with a proxy when the rules or the proxies do not allow it, at the moment
 * it is cast: PROXY_NOT_ALLOWED (the standing orders no longer give proxies in this kind of
 * vote), NOT_ELIGIBLE (no proxy from that member to this holder stands), PROXY_LIMIT_REACHED
 * (the holder holds more than `maxPerHolder`, the limit having been lowered since they were
 * lodged: only the first `maxPerHolder` lodged may be used, so the limit holds whatever changed).
 */
export function assertMayVoteByProxy(u: ProxyUse): void {
  if (!u.rules.allowed || !u.rules.kinds.includes(u.kind))
    throw new DomainError(
      'PROXY_NOT_ALLOWED',
      'The standing orders do not allow proxy votes for this kind of vote.',
    );
  const held = u.standing.filter((p) => p.holderId === u.holderId);
  const at = held.findIndex((p) => p.giverId === u.giverId);
  if (at < 0)
    throw new DomainError('NOT_ELIGIBLE', 'You hold no proxy from that member for this ballot.');
  if (at >= u.rules.maxPerHolder)
    throw new DomainError(
      'PROXY_LIMIT_REACHED',
      `You hold more proxies than the standing orders allow (${u.rules.maxPerHolder}): only the first lodged may be used.`,
    );
}

/**
 * The proxies usable in a vote in the room (roll call, card vote): where the rules allow proxies
 * in votes in the room, those held by a member present for a member who is not (a giver present
 * votes in person, RONR 45:70), each holder using no more than `maxPerHolder`, the first lodged.
 * @param proxies standing for the meeting, oldest lodged first.
 */
export function proxiesInRoom(
  presentIds: readonly string[],
  proxies: readonly { readonly giverId: string; readonly holderId: string }[],
  rules: Pick<StandingOrders, 'proxies'>,
): { giverId: string; holderId: string }[] {
  if (!rules.proxies.allowed || !rules.proxies.kinds.includes('meeting-votes')) return [];
  const present = new Set(presentIds);
  const used = new Map<string, number>();
  const seen = new Set<string>();
  const usable: { giverId: string; holderId: string }[] = [];
  for (const p of proxies) {
    if (!present.has(p.holderId) || present.has(p.giverId) || seen.has(p.giverId)) continue;
    const n = used.get(p.holderId) ?? 0;
    if (n >= rules.proxies.maxPerHolder) continue;
    used.set(p.holderId, n + 1);
    seen.add(p.giverId);
    usable.push({ giverId: p.giverId, holderId: p.holderId });
  }
  return usable;
}

/** Votes a holder may cast: once for themselves, once for each proxy they hold. */
export const votesHeld = (proxiesHeld: number): number => 1 + proxiesHeld;
