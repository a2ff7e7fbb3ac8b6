import { invalid } from '../../domain/errors.ts';
import { transition } from '../../domain/meetings/motion.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { MotionTextInput } from '../meetings/draft-motion.ts';
import { loadRules, saveMotionState } from '../meetings/meeting-support.ts';
import { checkDraft, draftBallotIn } from '../ballots/create-ballot.ts';
import { checkE2eDraft, draftE2eBallotIn } from '../ballots/create-e2e-ballot.ts';
import { openBallotIn, publishOpened } from '../ballots/open-ballot.ts';
import { type AppContext, inTransaction } from '../common/context.ts';
import { mailQueued } from '../common/enqueue-mail.ts';
import { ownMotionFromCommunication, stepCommunication } from './communication-support.ts';

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
  /**
   * End-to-end verifiable (docs/e2e-protocol.md): the choice is encrypted on the voter's device
   * and counted by `trustees`, the key holders (at least two of the body's members: person ids,
   * member numbers or emails), `needed` of whom must take part in the count (default all).
   */
  readonly endToEnd?: boolean | undefined;
  readonly trustees?: readonly string[] | undefined;
  readonly needed?: number | undefined;
  /** Opened at once, its electors emailed, instead of left as a draft to open by hand or time. */
  readonly openNow?: boolean | undefined;
}

/**
 * The receiving secretary puts a communication ruled in order to a ballot of the body's
 * members, in one transaction: it becomes the body's own motion (as putting it on the agenda
 * does: the resolution's text, what it was called on to do now what it resolves to do, or the
 * text given), the motion is put to the ballot (motion.ts `put-to-ballot`), and a yes/no ballot
 * is drafted on it, linked to the motion, under the threshold of the body's standing orders.
 * The ballot is opened now (`openNow`), or by hand or by its timetable, as any other; when it
 * is counted, its result declares the motion and the outcome with its figures and rule goes back
 * to the sender (motion-ballot.ts, then publish-resolution.ts `afterMotionDecided`). An
 * end-to-end ballot names its key holders, as a meeting's question can; it opens once they have
 * made their keys, and its count is declared when enough of them have decrypted the total
 * (e2e-result.ts). The secretary must be able to answer communications and run the body's
 * ballots.
 *
 * @throws ILLEGAL_TRANSITION unless the communication is a "calls on" ruled in order;
 *   VALIDATION_FAILED for a bad timetable, trustees missing or not members, or an end-to-end
 *   ballot to open now (its key holders make their keys first); CONFLICT for a ballot to open now
 *   in a body with no members.
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
  const { endToEnd, trustees, needed, openNow, ...plain } = props.ballot;
  const result = await inTransaction(ctx, async (trx) => {
    const made = await ownMotionFromCommunication(trx, ctx, {
      actor: props.actor,
      communicationId: props.communicationId,
      text: props.text,
      tabling: 'put-to-ballot',
    });
    // Refused only to whoever may put it to a ballot (checked above); the rest is rolled back.
    if (endToEnd && openNow)
      throw invalid('An end-to-end ballot opens once its key holders have made their keys.', [
        { path: 'openNow', message: 'Open it from its page once the keys are made.' },
      ]);
    if (openNow && plain.opensAt)
      throw invalid('Open it now or at a time, not both.', [
        { path: 'opensAt', message: 'Leave the opening time empty to open it now.' },
      ]);
    const draft = {
      actor: props.actor,
      bodyId: made.body.id,
      question: made.text.title,
      options: { kind: 'yes-no' } as const,
      ...plain,
    };
    const e2e = endToEnd ? { ...draft, trustees: trustees ?? [], needed } : null;
    const checkedE2e = e2e && checkE2eDraft(e2e, made.at);
    const checked = checkedE2e ?? checkDraft(draft, made.at);
    // The motion is decided by the ballot, not at a meeting: its question is put now.
    const rules = await loadRules(trx, made.body.id);
    await saveMotionState(
      trx,
      made.motionId,
      transition(made.state, { type: 'put-to-ballot' }, { rules }),
      made.at,
    );
    const { ballotId } =
      e2e && checkedE2e
        ? await draftE2eBallotIn(trx, ctx, e2e, checkedE2e, made.motionId)
        : await draftBallotIn(trx, ctx, draft, checked, made.motionId);
    const opened = openNow ? await openBallotIn(trx, ctx, { actor: props.actor, ballotId }) : null;
    const next = await stepCommunication(trx, ctx, {
      row: made.row,
      resolution: made.resolution,
      event: { type: 'put-to-ballot', motionId: made.motionId },
      actorPersonId: props.actor!.personId,
      at: made.at,
    });
    return {
      status: next.status,
      motionId: made.motionId,
      ballotId,
      ballotState: opened ? ('open' as const) : ('draft' as const),
      electorate: opened?.electorate ?? null,
    };
  });
  mailQueued(ctx);
  if (result.electorate !== null) publishOpened(ctx, result.ballotId, result.electorate);
  return result;
}
