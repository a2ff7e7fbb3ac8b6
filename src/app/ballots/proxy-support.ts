import { notFound } from '../../domain/errors.ts';
import {
  assertMayVoteByProxy,
  beforeProxyDeadline,
  MEETING_PROXY_KINDS,
  proxyDeadline,
  proxyKindOfBallot,
  type ProxyVoteKind,
} from '../../domain/meetings/proxies.ts';
import type { StandingOrders } from '../../domain/organisations/standing-orders.ts';
import type { Db } from '../../db/database.ts';
import { findBallot, findElector, lockBallot } from '../../db/queries/ballots.ts';
import { findMeeting, lockMeeting } from '../../db/queries/meetings.ts';
import { isCurrentMember } from '../../db/queries/memberships.ts';
import { listStandingProxiesForBallot, type ProxyTarget } from '../../db/queries/proxies.ts';
import { type AppContext, isoNow, today } from '../common/context.ts';
import { loadRules } from '../meetings/meeting-support.ts';

/** What the proxy use cases need to know of the meeting or ballot a proxy is for. */
export interface ProxyScope {
  readonly target: ProxyTarget;
  readonly organisationId: string;
  readonly bodyId: string;
  readonly rules: StandingOrders;
  readonly kinds: readonly ProxyVoteKind[];
  readonly endToEnd: boolean;
  /** After it none may be lodged or withdrawn; null: until the ballot opens. */
  readonly deadline: string | null;
  readonly inTime: boolean;
  /** Who may see every proxy and refuse one: those who run the ballots or the meetings. */
  readonly runAction: 'body.runBallots' | 'body.runMeetings';
  /** The audit subject, `ballot:<id>` or `meeting:<id>`. */
  readonly subject: string;
  readonly what: string;
  /** Whether a person is of the electorate: the ballot's electors once it is open, else the body's members. */
  isElector(personId: string): Promise<boolean>;
}

/**
 * Loads the meeting or ballot a proxy is for, with its body's standing orders and the proxy
 * deadline (proxies.ts `proxyDeadline`): the hours before the meeting starts or the ballot opens
 * (at its scheduled opening; one opened by hand, at the opening itself). `lock`: its row is
 * locked (PostgreSQL) so that two proxies lodged at once are judged one after the other, and the
 * limit per holder holds.
 */
export async function loadProxyScope(
  db: Db,
  ctx: AppContext,
  target: ProxyTarget,
  lock = false,
): Promise<ProxyScope> {
  const now = isoNow(ctx);
  const day = today(ctx);
  if ('ballotId' in target) {
    const ballot = await (lock ? lockBallot : findBallot)(db, target.ballotId);
    if (!ballot) throw notFound('That ballot');
    const rules = await loadRules(db, ballot.body_id);
    const deadline = proxyDeadline(rules.proxies, ballot.opens_at);
    return {
      target,
      organisationId: ballot.organisation_id,
      bodyId: ballot.body_id,
      rules,
      kinds: [proxyKindOfBallot(ballot)],
      endToEnd: ballot.end_to_end === 1,
      deadline,
      inTime: beforeProxyDeadline(deadline, now, ballot.state !== 'draft'),
      runAction: 'body.runBallots',
      subject: `ballot:${ballot.id}`,
      what: 'That ballot',
      isElector: async (personId) =>
        ballot.state === 'draft'
          ? isCurrentMember(db, ballot.body_id, personId, day)
          : !!(await findElector(db, ballot.id, personId)),
    };
  }
  const meeting = await (lock ? lockMeeting : findMeeting)(db, target.meetingId);
  if (!meeting) throw notFound('That meeting');
  const rules = await loadRules(db, meeting.body_id);
  const deadline = proxyDeadline(rules.proxies, meeting.starts_at);
  return {
    target,
    organisationId: meeting.organisation_id,
    bodyId: meeting.body_id,
    rules,
    kinds: MEETING_PROXY_KINDS,
    endToEnd: false,
    deadline,
    inTime: beforeProxyDeadline(deadline, now, meeting.status !== 'scheduled'),
    runAction: 'body.runMeetings',
    subject: `meeting:${meeting.id}`,
    what: 'That meeting',
    isElector: (personId) => isCurrentMember(db, meeting.body_id, personId, day),
  };
}

/**
 * Refuses a vote the holder casts in a ballot with a giver's proxy unless a proxy from the giver
 * to them stands for the ballot (or its meeting) and the standing orders still allow it, within
 * the limit (proxies.ts `assertMayVoteByProxy`). Proxies can no longer be lodged or withdrawn
 * once the ballot is open (the deadline), so what stands now stood when it opened, less any the
 * secretary has refused since.
 */
export async function assertHoldsProxyInBallot(
  db: Db,
  ballot: { readonly id: string; readonly body_id: string; readonly kind: string },
  giverId: string,
  holderId: string,
) {
  const [rules, standing] = await Promise.all([
    loadRules(db, ballot.body_id),
    listStandingProxiesForBallot(db, ballot.id),
  ]);
  assertMayVoteByProxy({
    rules: rules.proxies,
    kind: proxyKindOfBallot(ballot),
    giverId,
    holderId,
    standing: standing.map((p) => ({ giverId: p.giver_person_id, holderId: p.holder_person_id })),
  });
}
