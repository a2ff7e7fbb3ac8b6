import { forbidden, notFound } from '../../domain/errors.ts';
import { can, type Actor } from '../../domain/organisations/policy.ts';
import {
  findConference,
  findDelegation,
  type ConferenceRecord,
  type DelegationRecord,
} from '../../db/queries/conference.ts';
import { findMeeting } from '../../db/queries/meetings.ts';
import type { Db } from '../../db/database.ts';
import type { MeetingTable } from '../../db/schema.ts';
import { authorise, authoriseOrHide, loadBodyWithTree, signedIn } from '../common/actor.ts';
import { auditAction } from '../common/audit-log.ts';

/** What the conference use cases share: loading a conference and who may act for whom. */

export interface ConferenceScope {
  readonly meeting: MeetingTable;
  readonly conference: ConferenceRecord;
}

/** A conference by its meeting, without asking who may see it. */
export async function loadConference(db: Db, meetingId: string): Promise<ConferenceScope> {
  const meeting = await findMeeting(db, meetingId);
  const conference = meeting ? await findConference(db, meetingId) : null;
  if (!meeting || !conference) throw notFound('That conference');
  return { meeting, conference };
}

/**
 * The conference's organisers and arrangements committee: those who run meetings of the body
 * whose meeting the conference is (its secretary, chair, an admin above it).
 */
export async function runConference(db: Db, actor: Actor | null, meetingId: string) {
  const scope = await loadConference(db, meetingId);
  await authorise(db, actor, 'body.runMeetings', scope.meeting.body_id, 'That conference');
  return scope;
}

/** Whether the actor runs the conference (without refusing). */
async function runs(db: Db, actor: Actor | null, bodyId: string) {
  const tree = await loadBodyWithTree(db, bodyId);
  return can(actor, 'body.runMeetings', tree.inTree);
}

/**
 * Someone who may see the conference's business: its organisers, members of its body, and
 * anyone named in a delegation or running a delegation's branch.
 */
export async function seeConference(
  db: Db,
  actor: Actor | null,
  meetingId: string,
  delegations: readonly DelegationRecord[],
) {
  const scope = await loadConference(db, meetingId);
  const tree = await loadBodyWithTree(db, scope.meeting.body_id);
  const seen = { ...scope, tree };
  if (can(actor, 'body.participate', tree.inTree)) return seen;
  const who = signedIn(actor);
  for (const d of delegations) {
    if ([...d.makeUp.delegates, ...d.makeUp.substitutes].includes(who.personId)) return seen;
  }
  // Only then the branches' officers, one body at a time (the slow path: 600 delegations).
  for (const d of delegations) {
    if (await runs(db, actor, d.bodyId)) return seen;
  }
  throw notFound('That conference');
}

/**
 * Acting for a delegation: its branch's officers (who run the branch's meetings) and the
 * conference's organisers; with `leader`, also the delegation's leader (who holds the card).
 */
export async function actForDelegation(
  db: Db,
  actor: Actor | null,
  delegationId: string,
  opts: { leader?: boolean } = {},
) {
  const delegation = await findDelegation(db, delegationId);
  if (!delegation) throw notFound('That delegation');
  const scope = await loadConference(db, delegation.meetingId);
  const who = signedIn(actor);
  if (opts.leader && delegation.makeUp.leader === who.personId) return { ...scope, delegation };
  if (await runs(db, actor, delegation.bodyId)) return { ...scope, delegation };
  if (await runs(db, actor, scope.meeting.body_id)) return { ...scope, delegation };
  await authoriseOrHide(db, actor, 'body.view', delegation.bodyId, 'That delegation');
  throw forbidden();
}

/** Appends a conference decision to the conference body's organisation chain. */
export const auditConference = (
  db: Db,
  actor: Actor | null,
  meeting: MeetingTable,
  action: string,
  at: string,
  data: Record<string, unknown>,
) => auditAction(db, actor, action, ['meeting', meeting], at, data);
