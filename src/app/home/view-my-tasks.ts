import type { Actor, Role } from '../../domain/organisations/policy.ts';
import type { CommunicationStatus } from '../../domain/resolutions/communication.ts';
import {
  listBallotsToVote,
  listKeyHolderBallots,
  listCommunicationsWaiting,
  listComingMeetings,
  listMotionsWithoutSeconder,
} from '../../db/queries/tasks.ts';
import { readState } from '../ballots/board.ts';
import type { KeyHolderDuty } from '../../domain/e2e/index.ts';
import { signedIn } from '../common/actor.ts';
import type { AppContext } from '../common/context.ts';

/**
 * "What needs me?" (issue 16): the home page and `GET /api/v1/me/tasks` list what waits for the
 * signed-in person, each task with the address where they act on it. Read-only; one query per
 * kind, each limited to TASKS_PER_KIND (src/db/queries/tasks.ts), so the answer does not grow
 * with a body's history.
 *
 * Who is asked what:
 * - ballots: open ballots of the bodies the person belongs to where they are on the frozen
 *   electorate, have not voted (the roll says so, never the box) and the closing time has not
 *   passed. Ballots voted in, and closed ones, are not tasks.
 * - meetings: the bodies' meetings that are open, or called and not yet begun (a meeting left
 *   unopened for a day after its time is no longer "coming"), with whether the person is signed
 *   in to it.
 * - motions to second: motions submitted to the bodies with no seconder yet, proposed by someone
 *   else. A draft is not listed: it is in no list until submitted (its proposer sends its link to
 *   the member they ask, who seconds it from the motion page).
 * - inbox and model motions: only for the bodies the person serves, as secretary or admin of
 *   that very body (an admin's reach below is not listed: every branch's inbox would crowd the
 *   national officer's home). Inbox items are resolutions calling on the body not yet decided;
 *   model motions are those not yet adopted.
 * - trustee: the key holders of an end-to-end ballot (docs/e2e-protocol.md): the step that waits
 *   for them now (make a key, share it, check the shares, decrypt the total), read from the
 *   board of each ballot not yet counted where they hold a key (domain/e2e/progress.ts).
 */

/** At most this many tasks of each kind. */
export const TASKS_PER_KIND = 25;

/** The body a task belongs to. */
export interface TaskBody {
  readonly id: string;
  readonly name: string;
}

/** One thing that waits for the person, with `path`: where they act on it. */
export type MyTask =
  | {
      readonly kind: 'ballot';
      readonly ballotId: string;
      readonly question: string;
      readonly secret: boolean;
      /** ISO instant, or null when the ballot closes when its officers close it. */
      readonly closesAt: string | null;
      readonly body: TaskBody;
      readonly path: string;
    }
  | {
      readonly kind: 'meeting';
      readonly meetingId: string;
      readonly title: string;
      readonly startsAt: string;
      readonly timeZone: string;
      readonly status: 'scheduled' | 'open';
      /** Signed in to the meeting now. */
      readonly signedIn: boolean;
      readonly body: TaskBody;
      readonly path: string;
    }
  | {
      readonly kind: 'motion-to-second';
      readonly motionId: string;
      readonly title: string;
      readonly meeting: {
        readonly id: string;
        readonly title: string;
        readonly startsAt: string;
        readonly timeZone: string;
      } | null;
      readonly body: TaskBody;
      readonly path: string;
    }
  | CommunicationTask<'inbox'>
  | CommunicationTask<'model-motion'>
  | {
      /** A key holder's next step in an end-to-end ballot (see above). */
      readonly kind: 'trustee';
      readonly ballotId: string;
      readonly question: string;
      readonly duty: KeyHolderDuty;
      readonly body: TaskBody;
      readonly path: string;
    };

export type TaskKind = MyTask['kind'];

/** A resolution in a body's inbox to answer, or a model motion sent to it to adopt. */
export interface CommunicationTask<K extends 'inbox' | 'model-motion'> {
  readonly kind: K;
  readonly communicationId: string;
  readonly title: string;
  readonly status: CommunicationStatus;
  /** The sending body and organisation, "National Coordinating Group, Northfield Movement". */
  readonly from: string;
  readonly receivedAt: string;
  readonly body: TaskBody;
  readonly path: string;
}

/** The kinds in the order the home page shows them. */
export const TASK_KINDS: readonly TaskKind[] = [
  'ballot',
  'trustee',
  'meeting',
  'motion-to-second',
  'inbox',
  'model-motion',
];

/** Communications still to be answered (acknowledged, ruled on, put to a meeting, decided). */
const UNANSWERED: readonly CommunicationStatus[] = [
  'sent',
  'acknowledged',
  'ruled-in',
  'on-agenda',
  'composited',
];
/** Model motions not yet adopted (or otherwise answered). */
const NOT_ADOPTED: readonly CommunicationStatus[] = ['sent', 'acknowledged'];
const SERVING: readonly Role[] = ['secretary', 'admin'];
/** A meeting called for longer ago than this and never opened is no longer coming. */
const STALE_MS = 24 * 60 * 60 * 1000;

/** What waits for the signed-in person, kind by kind in TASK_KINDS order. */
export async function viewMyTasks(
  ctx: AppContext,
  props: { actor: Actor | null },
): Promise<{ tasks: MyTask[] }> {
  const actor = signedIn(props.actor, 'Sign in to see what waits for you.');
  const personId = actor.personId;
  const unique = (ids: string[]) => [...new Set(ids)];
  const memberOf = unique(actor.memberships.map((m) => m.bodyId));
  const serves = unique(
    actor.memberships.filter((m) => SERVING.includes(m.role)).map((m) => m.bodyId),
  );
  const now = ctx.now();
  const limit = TASKS_PER_KIND;
  const none = Promise.resolve([]);
  const [ballots, duties, meetings, motions, inbox, models] = await Promise.all([
    memberOf.length
      ? listBallotsToVote(ctx.db, { personId, bodyIds: memberOf, now: now.toISOString(), limit })
      : none,
    keyHolderDuties(ctx, personId, limit),
    memberOf.length
      ? listComingMeetings(ctx.db, {
          personId,
          bodyIds: memberOf,
          since: new Date(now.getTime() - STALE_MS).toISOString(),
          limit,
        })
      : none,
    memberOf.length
      ? listMotionsWithoutSeconder(ctx.db, { personId, bodyIds: memberOf, limit })
      : none,
    serves.length
      ? listCommunicationsWaiting(ctx.db, {
          bodyIds: serves,
          kind: 'calls-on',
          statuses: UNANSWERED,
          limit,
        })
      : none,
    serves.length
      ? listCommunicationsWaiting(ctx.db, {
          bodyIds: serves,
          kind: 'model-motion',
          statuses: NOT_ADOPTED,
          limit,
        })
      : none,
  ]);
  const body = (r: { body_id: string; body_name: string }) => ({
    id: r.body_id,
    name: r.body_name,
  });
  const tasks: MyTask[] = [
    ...ballots.map((b): MyTask => ({
      kind: 'ballot',
      ballotId: b.id,
      question: b.question,
      secret: b.secret === 1,
      closesAt: b.closes_at,
      body: body(b),
      path: `/ballots/${b.id}`,
    })),
    ...duties.map(({ ballot: b, duty }): MyTask => ({
      kind: 'trustee',
      ballotId: b.id,
      question: b.question,
      duty,
      body: body(b),
      path: `/ballots/${b.id}`,
    })),
    ...meetings.map((m): MyTask => ({
      kind: 'meeting',
      meetingId: m.id,
      title: m.title,
      startsAt: m.starts_at,
      timeZone: m.time_zone,
      status: m.status === 'open' ? 'open' : 'scheduled',
      // `exists` reads back as 1/0 on SQLite and true/false on PostgreSQL.
      signedIn: Boolean(m.signed_in),
      body: body(m),
      path: `/meetings/${m.id}`,
    })),
    ...motions.map((m): MyTask => ({
      kind: 'motion-to-second',
      motionId: m.id,
      title: m.title,
      meeting:
        m.meeting_id && m.meeting_title && m.meeting_starts_at && m.meeting_time_zone
          ? {
              id: m.meeting_id,
              title: m.meeting_title,
              startsAt: m.meeting_starts_at,
              timeZone: m.meeting_time_zone,
            }
          : null,
      body: body(m),
      path: `/motions/${m.id}`,
    })),
    ...inbox.map((c): MyTask => communication('inbox', c, `/communications/${c.id}`)),
    // A model motion is acted on by adopting it, on its own page.
    ...models.map((c): MyTask => communication('model-motion', c, `/communications/${c.id}/adopt`)),
  ];
  return { tasks };
}

type WaitingRow = Awaited<ReturnType<typeof listCommunicationsWaiting>>[number];

function communication<K extends 'inbox' | 'model-motion'>(
  kind: K,
  c: WaitingRow,
  path: string,
): CommunicationTask<K> {
  return {
    kind,
    communicationId: c.id,
    title: c.title,
    status: c.status,
    from: `${c.from_body_name}, ${c.from_organisation_name}`,
    receivedAt: c.created_at,
    body: { id: c.body_id, name: c.body_name },
    path,
  };
}

/** The end-to-end ballots where the person holds a key and a step waits for them now. */
async function keyHolderDuties(ctx: AppContext, personId: string, limit: number) {
  const ballots = await listKeyHolderBallots(ctx.db, { personId, limit });
  const withDuty = await Promise.all(
    ballots.map(async (ballot) => ({
      ballot,
      duty: (await readState(ctx.db, ballot.id)).progress.dutyOf(ballot.trustee),
    })),
  );
  return withDuty.filter(
    (d): d is { ballot: (typeof ballots)[number]; duty: KeyHolderDuty } => d.duty !== null,
  );
}
