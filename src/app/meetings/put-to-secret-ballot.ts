import { addProxyGiversAsElectors } from '../../db/queries/proxies.ts';
import type { MeetingScope } from './meeting-support.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { freezeElectorateOfMeeting, insertBallot, updateBallot } from '../../db/queries/ballots.ts';
import { updateQuestion } from '../../db/queries/meetings.ts';
import { markElectorsWithoutAccountsOnPaper } from '../../db/queries/paper-ballots.ts';
import { appendAudit } from '../common/audit-log.ts';
import type { AppContext } from '../common/context.ts';
import { stepOnMotion } from './meeting-step.ts';
import { putQuestionIn } from './put-question.ts';
import { newId } from '../common/secrets.ts';
import { assertStepOffered } from './meeting-facts.ts';

/**
 * The members away whose proxies members present hold, usable in this meeting's ballots (plain
 * or end-to-end) where the rules allow proxies in ballots: they join the ballot's electorate,
 * each with their card's weight, and their holder casts for them.
 */
export function proxyGiversOf(
  scope: Pick<MeetingScope, 'rules' | 'presentIds' | 'members' | 'proxies'>,
) {
  const { proxies } = scope.rules;
  if (!proxies.allowed || !proxies.kinds.includes('ballots')) return [];
  const present = new Set(scope.presentIds);
  const weightOf = new Map(scope.members.map((m) => [m.person_id, m.vote_weight ?? 1]));
  return scope.proxies
    .filter((p) => present.has(p.holderId) && !present.has(p.giverId) && weightOf.has(p.giverId))
    .map((p) => ({ personId: p.giverId, weight: weightOf.get(p.giverId)! }));
}

/**
 * The chair puts the question on the motion (as amended: the substantive motion) to an online
 * secret ballot of the members present (DESIGN.md section 2, step 4). In one transaction: the
 * question is put as any other (quorum checked, QUORUM_NOT_MET; amendments still pending are
 * voted in the room first, AMENDMENT_PENDING), and a secret yes/no ballot of the body is opened
 * at once, its electorate frozen from the attendance now: the members signed in, each with their
 * card's weight if it is a card vote. Members vote on their phones through the ordinary ballot
 * (cast-ballot.ts: secret, once each); those present without an account vote on numbered paper
 * ballots in the same ballot (issue-paper-ballots.ts, enter-paper-count.ts); closing it
 * (close-ballot.ts) adds the tellers' count to the box and declares the question.
 */
export async function putToSecretBallot(
  ctx: AppContext,
  props: { actor: Actor | null; motionId: string; weighted?: boolean | undefined },
) {
  const result = await stepOnMotion(
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
      const weighted = props.weighted === true;
      // The ballot row first: the question refers to it.
      await insertBallot(trx, {
        id: ballotId,
        organisation_id: scope.meeting.organisation_id,
        body_id: scope.meeting.body_id,
        question: `${scope.meeting.title}: ${motion.title}`,
        kind: 'yes-no',
        options: JSON.stringify({ kind: 'yes-no' }),
        threshold: scope.rules.defaultThreshold,
        secret: 1,
        weighted: weighted ? 1 : 0,
        state: 'open',
        closes_at: null,
        opened_at: scope.at,
        closed_at: null,
        electorate: 0,
        result: null,
        result_hash: null,
        created_by: props.actor?.personId ?? null,
        created_at: scope.at,
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
      const frozen = {
        ...(await freezeElectorateOfMeeting(
          trx,
          ballotId,
          scope.meeting.body_id,
          scope.meeting.id,
          scope.today,
        )),
      };
      // Members present without an account could never vote online: they vote on paper, in the
      // same ballot (src/domain/ballots/paper.ts). A card vote is not taken on paper.
      if (!weighted) await markElectorsWithoutAccountsOnPaper(trx, ballotId);
      // Members away whose proxy a member present holds vote through them, where the rules
      // allow proxies in ballots (proxies.ts): they are of this ballot's electorate too.
      const givers = proxyGiversOf(scope);
      await addProxyGiversAsElectors(trx, ballotId, givers);
      frozen.electors += givers.length;
      frozen.weight += givers.reduce((n, g) => n + g.weight, 0);
      if (frozen.electors === 0) {
        // Unreachable with a quorum of at least one, but a ballot nobody may vote in is never opened.
        throw new DomainError('CONFLICT', 'Nobody could vote: no member is signed in.');
      }
      // P and M as the thresholds read them: heads, or card weights for a card vote.
      const members = weighted
        ? scope.members.reduce((n, m) => n + (m.vote_weight ?? 1), 0)
        : scope.members.length;
      const present = weighted ? frozen.weight : frozen.electors;
      await updateBallot(trx, ballotId, { electorate: frozen.electors });
      await updateQuestion(trx, put.questionId, { present, members });
      await appendAudit(trx, {
        organisationId: scope.meeting.organisation_id,
        actorPersonId: props.actor?.personId ?? null,
        action: 'ballot.opened',
        subject: `ballot:${ballotId}`,
        data: {
          electorate: frozen.electors,
          meetingId: scope.meeting.id,
          questionId: put.questionId,
          weighted,
        },
        at: scope.at,
      });
      return { ...put, ballotId, electorate: frozen.electors };
    },
    (opened) => ({ type: 'question', data: { questionId: opened.questionId } }),
  );
  ctx.events.publish(`ballot:${result.ballotId}`, {
    type: 'opened',
    data: { electorate: result.electorate },
  });
  return result;
}
