import type { Actor } from '../../domain/organisations/policy.ts';
import { insertBallot } from '../../db/queries/ballots.ts';
import { appendAudit } from '../common/audit-log.ts';
import type { AppContext } from '../common/context.ts';
import { newId } from '../common/secrets.ts';
import { beginBoard, checkNeeded, resolveTrustees } from '../ballots/create-e2e-ballot.ts';
import { stepOnMotion } from './meeting-step.ts';
import { putQuestionIn } from './put-question.ts';
import { assertStepOffered } from './meeting-facts.ts';

/**
 * The chair puts the question on the motion to an end-to-end verifiable secret ballot of the
 * members present (docs/e2e-protocol.md), as put-to-secret-ballot.ts does for a plain one: in
 * one transaction the question is put (quorum checked) and a yes/no ballot drafted with its
 * trustees (the scrutineer and an officer, say) and its `setup` event. The trustees make their
 * keys on their phones; opening it (open-e2e-ballot.ts) freezes the electorate from the
 * attendance then, and the count, once the trustees have decrypted, declares the question.
 */
export async function putToVerifiableBallot(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    motionId: string;
    weighted?: boolean | undefined;
    trustees: readonly string[];
    needed?: number | undefined;
  },
) {
  const needed = checkNeeded(props.trustees, props.needed);
  return stepOnMotion(
    ctx,
    { actor: props.actor, motionId: props.motionId, may: 'body.runMeetings' },
    async (trx, scope, motion) => {
      // As the console offers it (next-steps.ts): a seconded question, in a quorate meeting.
      await assertStepOffered(trx, ctx, scope, {
        type: 'motion',
        motionId: motion.id,
        event: 'put-question',
      });
      const ballotId = newId();
      const trustees = await resolveTrustees(
        trx,
        scope.meeting.body_id,
        props.trustees,
        scope.today,
      );
      const question = `${scope.meeting.title}: ${motion.title}`;
      // The ballot row first: the question refers to it.
      await insertBallot(trx, {
        id: ballotId,
        organisation_id: scope.meeting.organisation_id,
        body_id: scope.meeting.body_id,
        question,
        kind: 'yes-no',
        options: JSON.stringify({ kind: 'yes-no' }),
        threshold: scope.rules.defaultThreshold,
        secret: 1,
        weighted: props.weighted === true ? 1 : 0,
        state: 'draft',
        closes_at: null,
        opened_at: null,
        closed_at: null,
        electorate: 0,
        result: null,
        result_hash: null,
        created_by: props.actor?.personId ?? null,
        created_at: scope.at,
        end_to_end: 1,
        needed,
      });
      const put = await putQuestionIn(
        trx,
        ctx,
        scope,
        motion,
        'secret-ballot',
        props.actor,
        ballotId,
      );
      const { setupHash, named } = await beginBoard(trx, {
        id: ballotId,
        question,
        options: { kind: 'yes-no' },
        threshold: scope.rules.defaultThreshold,
        trustees,
        needed,
      });
      await appendAudit(trx, {
        organisationId: scope.meeting.organisation_id,
        actorPersonId: props.actor?.personId ?? null,
        action: 'ballot.created',
        subject: `ballot:${ballotId}`,
        data: {
          meetingId: scope.meeting.id,
          questionId: put.questionId,
          endToEnd: true,
          trustees: named.map((t) => t.person_id),
          needed,
          setupHash,
        },
        at: scope.at,
      });
      return { ...put, ballotId, setupHash };
    },
    (put) => ({ type: 'question', data: { questionId: put.questionId } }),
  );
}
