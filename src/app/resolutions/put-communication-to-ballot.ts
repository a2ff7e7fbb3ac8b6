import { DomainError } from '../../domain/errors.ts';
import { transition } from '../../domain/meetings/motion.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { MotionTextInput } from '../meetings/draft-motion.ts';
import { loadRules, saveMotionState } from '../meetings/meeting-support.ts';
import { checkDraft, draftBallotIn } from '../ballots/create-ballot.ts';
import { type AppContext, inTransaction } from '../common/context.ts';
import { mailQueued } from '../common/enqueue-mail.ts';
import {
  loadCommunicationToTable,
  ownMotionFromCommunication,
  stepCommunication,
} from './communication-support.ts';

/** How the body's members are balloted on the motion: as create-ballot.ts takes a ballot. */
export interface MembersBallot {
  /** Secret (nobody sees how anyone voted) or open. */
  readonly secret: boolean;
  /** A card vote: each member's vote weight counts. */
  readonly weighted?: boolean | undefined;
  /** ISO instants: it opens and closes by itself (ballot-timetable.ts); else opened by hand. */
  readonly opensAt?: string | undefined;
  readonly closesAt?: string | undefined;
  readonly timeZone?: string | undefined;
  /** End-to-end verifiable ballots do not decide motions yet: refused. */
  readonly endToEnd?: boolean | undefined;
}

/**
 * The receiving secretary puts a communication ruled in order to a ballot of the body's
 * members, in one transaction: it becomes the body's own motion (as putting it on the agenda
 * does: the resolution's text, what it was called on to do now what it resolves to do, or the
 * text given), the motion is put to the ballot (motion.ts `put-to-ballot`), and a yes/no ballot
 * is drafted on it, linked to the motion, under the threshold of the body's standing orders.
 * The ballot is opened by hand or by its timetable, as any other; when it closes, its count
 * declares the motion and the outcome with its figures goes back to the sender
 * (motion-ballot.ts, then publish-resolution.ts `afterMotionDecided`). The secretary must be
 * able to answer communications and run the body's ballots.
 *
 * @throws END_TO_END_NOT_AVAILABLE for an end-to-end verifiable ballot (its count is closed by
 *   its trustees' own steps, which do not declare motions yet); ILLEGAL_TRANSITION unless the
 *   communication is a "calls on" ruled in order; VALIDATION_FAILED for a bad timetable.
 */
export async function putCommunicationToBallot(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    communicationId: string;
    ballot: MembersBallot;
    text?: MotionTextInput | undefined;
  },
) {
  const result = await inTransaction(ctx, async (trx) => {
    if (props.ballot.endToEnd) {
      // Refused only to whoever may put it to a ballot now; anyone else is told what they may.
      await loadCommunicationToTable(trx, ctx, { ...props, tabling: 'put-to-ballot' });
      throw new DomainError(
        'END_TO_END_NOT_AVAILABLE',
        'An end-to-end verifiable ballot cannot decide a motion yet: choose an open or a secret ballot.',
      );
    }
    const made = await ownMotionFromCommunication(trx, ctx, {
      actor: props.actor,
      communicationId: props.communicationId,
      text: props.text,
      tabling: 'put-to-ballot',
    });
    const draft = {
      actor: props.actor,
      bodyId: made.body.id,
      question: made.text.title,
      options: { kind: 'yes-no' } as const,
      ...props.ballot,
    };
    const checked = checkDraft(draft, made.at);
    // The motion is decided by the ballot, not at a meeting: its question is put now.
    const rules = await loadRules(trx, made.body.id);
    await saveMotionState(
      trx,
      made.motionId,
      transition(made.state, { type: 'put-to-ballot' }, { rules }),
      made.at,
    );
    const { ballotId } = await draftBallotIn(trx, ctx, draft, checked, made.motionId);
    const next = await stepCommunication(trx, ctx, {
      row: made.row,
      resolution: made.resolution,
      event: { type: 'put-to-ballot', motionId: made.motionId },
      actorPersonId: props.actor!.personId,
      at: made.at,
    });
    return { status: next.status, motionId: made.motionId, ballotId };
  });
  mailQueued(ctx);
  return result;
}
