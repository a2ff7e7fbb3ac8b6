import { sql } from 'kysely';
import type { CommunicationStatus } from '../../domain/resolutions/communication.ts';
import type { Db } from '../database.ts';

/**
 * What waits for one person, one query per kind (src/app/home/view-my-tasks.ts). Each starts
 * from the bodies the person belongs to or serves, through the body indexes (ballots_body,
 * meetings_body, motions_body, communications_inbox), reaches the person's own rows by primary
 * key or index (ballot_electors and ballot_roll by (ballot_id, person_id), attendance_meeting),
 * and stops at `limit` rows: a home page never grows with the history of a body.
 */

/** Open ballots of `bodyIds` where the person is an elector, has not voted, and voting is not past its closing time. */
export const listBallotsToVote = (
  db: Db,
  props: { personId: string; bodyIds: readonly string[]; now: string; limit: number },
) =>
  db
    .selectFrom('ballots')
    .innerJoin('ballot_electors', (join) =>
      join
        .onRef('ballot_electors.ballot_id', '=', 'ballots.id')
        .on('ballot_electors.person_id', '=', props.personId),
    )
    .innerJoin('bodies', 'bodies.id', 'ballots.body_id')
    .leftJoin('ballot_roll', (join) =>
      join
        .onRef('ballot_roll.ballot_id', '=', 'ballots.id')
        .on('ballot_roll.person_id', '=', props.personId),
    )
    .select([
      'ballots.id',
      'ballots.question',
      'ballots.closes_at',
      'ballots.secret',
      'bodies.id as body_id',
      'bodies.name as body_name',
    ])
    .where('ballots.body_id', 'in', props.bodyIds)
    .where('ballots.state', '=', 'open')
    .where('ballot_roll.person_id', 'is', null)
    .where((eb) =>
      eb.or([eb('ballots.closes_at', 'is', null), eb('ballots.closes_at', '>', props.now)]),
    )
    // The soonest to close first; a ballot with no closing time after those that have one
    // (written out because the two databases put nulls at different ends).
    .orderBy(sql`case when ballots.closes_at is null then 1 else 0 end`)
    .orderBy('ballots.closes_at')
    .orderBy('ballots.opened_at')
    .orderBy('ballots.id')
    .limit(props.limit)
    .execute();

/**
 * Meetings of `bodyIds` that are open, or called and not yet started (or started less than
 * `staleAfter` ago and not yet opened), soonest first, with whether the person is signed in now.
 */
export const listComingMeetings = (
  db: Db,
  props: {
    personId: string;
    bodyIds: readonly string[];
    since: string;
    limit: number;
  },
) =>
  db
    .selectFrom('meetings')
    .innerJoin('bodies', 'bodies.id', 'meetings.body_id')
    .select((eb) => [
      'meetings.id',
      'meetings.title',
      'meetings.starts_at',
      'meetings.time_zone',
      'meetings.status',
      'bodies.id as body_id',
      'bodies.name as body_name',
      eb
        .exists(
          eb
            .selectFrom('attendance')
            .select('attendance.id')
            .whereRef('attendance.meeting_id', '=', 'meetings.id')
            .where('attendance.person_id', '=', props.personId)
            .where('attendance.signed_out_at', 'is', null),
        )
        .as('signed_in'),
    ])
    .where('meetings.body_id', 'in', props.bodyIds)
    .where((eb) =>
      eb.or([
        eb('meetings.status', '=', 'open'),
        eb.and([
          eb('meetings.status', '=', 'scheduled'),
          eb('meetings.starts_at', '>=', props.since),
        ]),
      ]),
    )
    .orderBy('meetings.starts_at')
    .orderBy('meetings.id')
    .limit(props.limit)
    .execute();

/**
 * Motions submitted to `bodyIds` and still without a seconder, proposed by someone else and
 * not composited into another: without a seconder they fall (motion.ts), so a member may want
 * to second them. Newest first, with the meeting each is for.
 */
export const listMotionsWithoutSeconder = (
  db: Db,
  props: { personId: string; bodyIds: readonly string[]; limit: number },
) =>
  db
    .selectFrom('motions')
    .innerJoin('bodies', 'bodies.id', 'motions.body_id')
    .leftJoin('meetings', 'meetings.id', 'motions.meeting_id')
    .select([
      'motions.id',
      'motions.title',
      'bodies.id as body_id',
      'bodies.name as body_name',
      'meetings.id as meeting_id',
      'meetings.title as meeting_title',
      'meetings.starts_at as meeting_starts_at',
      'meetings.time_zone as meeting_time_zone',
    ])
    .where('motions.body_id', 'in', props.bodyIds)
    .where('motions.status', 'in', ['submitted', 'on-agenda'])
    .where('motions.seconder_person_id', 'is', null)
    .where('motions.proposer_person_id', '<>', props.personId)
    .where('motions.composited_into', 'is', null)
    .orderBy('motions.created_at', 'desc')
    .orderBy('motions.id')
    .limit(props.limit)
    .execute();

/**
 * Communications delivered to `bodyIds` of one kind whose status is one of `statuses`, newest
 * first, each with its resolution's title and the body and organisation that sent it.
 */
export const listCommunicationsWaiting = (
  db: Db,
  props: {
    bodyIds: readonly string[];
    kind: 'calls-on' | 'model-motion';
    statuses: readonly CommunicationStatus[];
    limit: number;
  },
) =>
  db
    .selectFrom('communications')
    .innerJoin('bodies as to', 'to.id', 'communications.to_body_id')
    .innerJoin('resolutions', 'resolutions.id', 'communications.resolution_id')
    .innerJoin('bodies as from', 'from.id', 'resolutions.body_id')
    .innerJoin('organisations', 'organisations.id', 'resolutions.organisation_id')
    .select([
      'communications.id',
      'communications.status',
      'communications.created_at',
      'resolutions.title',
      'to.id as body_id',
      'to.name as body_name',
      'from.name as from_body_name',
      'organisations.name as from_organisation_name',
    ])
    .where('communications.to_body_id', 'in', props.bodyIds)
    .where('communications.kind', '=', props.kind)
    .where('communications.status', 'in', props.statuses)
    .orderBy('communications.created_at', 'desc')
    .orderBy('communications.id')
    .limit(props.limit)
    .execute();
