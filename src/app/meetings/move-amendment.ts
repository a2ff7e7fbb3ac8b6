import { DomainError } from '../../domain/errors.ts';
import {
  amendmentWording,
  wordAmendment,
  type AmendmentChange,
} from '../../domain/meetings/amendments.ts';
import { tableAmendment } from '../../domain/meetings/debate.ts';
import { newMotion } from '../../domain/meetings/motion.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { insertAmendment } from '../../db/queries/meetings.ts';
import { signedIn } from '../common/actor.ts';
import type { AppContext } from '../common/context.ts';
import {
  advanceMotion,
  assertOwnPartOrChair,
  auditMeeting,
  loadDebate,
  motionStateOf,
  nameOf,
  participant,
  recordEvent,
} from './meeting-support.ts';
import { stepOnMotion } from './meeting-step.ts';
import { newId } from '../common/secrets.ts';
import { assertStepOffered } from './meeting-facts.ts';

/**
 * An amendment is moved from the floor against a clause of the motion before the meeting (or,
 * with `parentId`, against an amendment, as deep as the standing orders allow:
 * AMENDMENT_TOO_DEEP). Only while the motion is seconded or in debate; moving one opens the
 * debate. The mover must be a member present; the chair records it for them, or they do.
 */
export async function moveAmendment(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    motionId: string;
    change: AmendmentChange;
    parentId?: string | null | undefined;
    /** The mover; the actor unless the chair records it for someone. */
    by?: string | undefined;
  },
) {
  const actor = signedIn(props.actor);
  return stepOnMotion(
    ctx,
    { actor, motionId: props.motionId, may: 'body.participate' },
    async (trx, scope, motion) => {
      const by = props.by ?? actor.personId;
      assertOwnPartOrChair(
        scope,
        actor,
        by,
        'Only the chair records an amendment for another member.',
      );
      const { status } = motionStateOf(motion);
      if (status !== 'seconded' && status !== 'in-debate') {
        throw new DomainError(
          'ILLEGAL_TRANSITION',
          `Amendments are moved while the motion is seconded or in debate; it is ${status} (state ${status}, event amend).`,
        );
      }
      if (status === 'seconded') await advanceMotion(trx, scope, motion, { type: 'open-debate' });
      const { debate, rows } = await loadDebate(trx, motion, scope.rules);
      const mover = await participant(trx, scope, by);
      const id = newId();
      const parentId = props.parentId ?? null;
      const after = tableAmendment(debate, {
        id,
        parentId,
        change: props.change,
        state: newMotion({
          kind: 'amendment',
          proposer: mover,
          rules: scope.rules,
          fromTheFloor: true,
        }),
      });
      // An amendment to the motion only while the console would offer it (next-steps.ts): no
      // question put, and under RONR no other pending (an amendment to that one is its own
      // question: debate.ts checks its depth). Checked after the debate's own refusals, which
      // say more (AMENDMENT_PENDING).
      if (!props.parentId)
        await assertStepOffered(trx, ctx, scope, { type: 'amend', motionId: motion.id });
      const added = after.amendments.find((a) => a.id === id)!;
      // Stored and audited in English; the wording is kept with the event so that minutes drafted
      // in another language read it in theirs.
      const wording = amendmentWording(props.change, parentId ? undefined : debate.motion);
      const description = wordAmendment(wording);
      await insertAmendment(trx, {
        id,
        motion_id: motion.id,
        parent_id: parentId,
        position: rows.length + 1,
        depth: added.depth,
        change: JSON.stringify(added.change),
        as_moved: JSON.stringify(added.asMoved),
        description,
        status: added.state.status,
        state: JSON.stringify(added.state),
        proposer_person_id: by,
        seconder_person_id: null,
        created_at: scope.at,
      });
      await recordEvent(trx, scope, {
        type: 'amendment-moved',
        ref: id,
        description,
        wording,
        mover: nameOf(scope, by),
        ...(parentId ? { amends: parentId } : {}),
      });
      await auditMeeting(
        trx,
        ctx,
        scope,
        actor,
        'amendment.moved',
        { motionId: motion.id, amendmentId: id, parentId, description, by },
        `motion:${motion.id}`,
      );
      return { amendmentId: id, description };
    },
    (moved) => ({ type: 'amendment', data: { amendmentId: moved.amendmentId } }),
  );
}
