import { decideYesNo, type BallotResult } from '../../domain/ballots/ballot.ts';
import { legalEvents, transition } from '../../domain/meetings/motion.ts';
import { describeResult } from '../../domain/meetings/thresholds.ts';
import type { Db } from '../../db/database.ts';
import type { BallotRow } from '../../db/queries/ballots.ts';
import { lockMotion } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import {
  loadRules,
  motionStateOf,
  saveMotionState,
  substantiveOf,
} from '../meetings/meeting-support.ts';
import { afterMotionDecided } from '../resolutions/publish-resolution.ts';

/**
 * A ballot of a body's members on one of its motions (a communication put to a ballot,
 * put-communication-to-ballot.ts) declares that motion when it closes, in the close's
 * transaction: the motion is decided by the ballot's threshold and figures (ballot.ts
 * `decideYesNo`, the rule the count itself applied), and then, exactly as after a meeting's
 * decision (publish-resolution.ts `afterMotionDecided`), a carried motion becomes a resolution
 * and the outcome with its figures and rule is recorded on the communications it answers, so
 * each sender's resolution page shows it. Returns the declaration, or null when the ballot
 * decides no motion (or its motion is no longer waiting for it).
 */
export async function declareMotionOfBallot(
  trx: Db,
  ctx: AppContext,
  props: {
    ballot: Pick<BallotRow, 'motion_id' | 'threshold' | 'body_id'>;
    result: BallotResult;
    actorPersonId: string | null;
    at: string;
  },
): Promise<string | null> {
  const { ballot, result } = props;
  if (!ballot.motion_id || result.kind !== 'yes-no') return null;
  const motion = await lockMotion(trx, ballot.motion_id);
  if (!motion) return null;
  const state = motionStateOf(motion);
  if (!legalEvents(state).includes('declare')) return null;
  const decided = decideYesNo(result, ballot.threshold, result.electorate);
  const rules = await loadRules(trx, ballot.body_id);
  const next = transition(state, { type: 'declare', result: decided }, { rules });
  await saveMotionState(trx, motion.id, next, props.at);
  const declared = describeResult(decided);
  await afterMotionDecided(trx, ctx, {
    motion,
    status: next.status,
    text: substantiveOf(motion),
    result: decided,
    declared,
    actorPersonId: props.actorPersonId,
    at: props.at,
  });
  return declared;
}
