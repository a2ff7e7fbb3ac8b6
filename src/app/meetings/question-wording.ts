import { describeAmendment } from '../../domain/meetings/amendments.ts';
import { motionWhenMoved, type DebateState } from '../../domain/meetings/debate.ts';
import type { StandingOrders } from '../../domain/organisations/standing-orders.ts';
import type { Db } from '../../db/database.ts';
import { findMotion } from '../../db/queries/meetings.ts';
import { amendmentWords } from '../../messages/amendment-words.ts';
import { loadDebate } from './meeting-support.ts';

/**
 * An amendment as the chair reads it out, in the reader's language (issue 15), with the clause
 * numbers of the motion it amended when it was moved. The stored description stays English, for
 * the audit trail and the JSON API.
 */
export function readOut(debate: DebateState, amendmentId: string): string {
  const a = debate.amendments.find((x) => x.id === amendmentId);
  if (!a) return '';
  const against = a.parentId === null ? motionWhenMoved(debate, a.id) : undefined;
  return describeAmendment(a.asMoved, against, amendmentWords());
}

interface PutQuestion {
  readonly wording: string;
  readonly motion_id: string | null;
  readonly amendment_id: string | null;
}

/**
 * The wording of questions put, as the reader reads it: a question on an amendment is read out
 * again from the amendment in their language; any other keeps its wording (the motion's title,
 * in its proposer's words).
 */
export async function questionWordings(
  db: Db,
  rules: StandingOrders,
  questions: readonly PutQuestion[],
): Promise<(q: PutQuestion) => string> {
  const said = new Map<string, string>();
  const motionIds = new Set(
    questions.flatMap((q) => (q.amendment_id && q.motion_id ? [q.motion_id] : [])),
  );
  for (const motionId of motionIds) {
    const motion = await findMotion(db, motionId);
    if (!motion) continue;
    const { debate } = await loadDebate(db, motion, rules);
    for (const a of debate.amendments) said.set(a.id, readOut(debate, a.id));
  }
  return (q) => (q.amendment_id && said.get(q.amendment_id)) || q.wording;
}
