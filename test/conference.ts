import type { AppContext } from '../src/app/common/context.ts';
import { moveReferenceBack } from '../src/app/conference/move-reference-back.ts';
import { openCardVote } from '../src/app/conference/open-card-vote.ts';
import { registerDelegation } from '../src/app/conference/register-delegation.ts';
import { ruleSubmission } from '../src/app/conference/rule-submission.ts';
import { setUpConference } from '../src/app/conference/set-up-conference.ts';
import { submitToConference } from '../src/app/conference/submit-to-conference.ts';
import type { Actor } from '../src/domain/organisations/policy.ts';

/**
 * A small conference on `meetingId` run by `actor`, with `bodyId` as its one delegation: a motion
 * submitted and ruled in, and a card vote open on it. Returns the ids its routes take, by the
 * path segment before each (`/conferences/:id`, `/card-votes/:id`).
 */
export async function smallConference(
  ctx: AppContext,
  actor: Actor,
  meetingId: string,
  bodyId: string,
  members = 120,
  secret = false,
) {
  await setUpConference(ctx, {
    actor,
    meetingId,
    sections: [
      { key: 'clp', name: 'Local parties', share: '1/2' },
      { key: 'affiliates', name: 'Affiliates', share: '1/2' },
    ],
    formula: { membersPerDelegate: 750, minimum: 1, maximum: null },
    rules: {
      submissions: { wordLimit: 250, opensAt: null, closesAt: null, perOrganisation: 2 },
      delegatesCloseAt: null,
      priorities: { perSection: 4, choicesPerPaper: 1 },
    },
  });
  const { delegationId } = await registerDelegation(ctx, {
    actor,
    meetingId,
    bodyId,
    section: 'clp',
    members,
  });
  const { submissionId } = await submitToConference(ctx, {
    actor,
    delegationId,
    kind: 'motion',
    text: { title: 'Rail', clauses: [{ id: 'c1', kind: 'resolves', text: 'to renationalise' }] },
  });
  await ruleSubmission(ctx, { actor, submissionId, ruling: { kind: 'in' }, subject: 'Rail' });
  const { cardVoteId } = await openCardVote(ctx, { actor, submissionId, secret });
  // A second motion, ruled in, whose ruling a delegate moves to refer back.
  const second = await submitToConference(ctx, {
    actor,
    delegationId,
    kind: 'motion',
    text: { title: 'Buses', clauses: [{ id: 'c1', kind: 'resolves', text: 'to regulate' }] },
  });
  await ruleSubmission(ctx, {
    actor,
    submissionId: second.submissionId,
    ruling: { kind: 'in' },
    subject: 'Buses',
  });
  const { referenceBackId } = await moveReferenceBack(ctx, {
    actor,
    meetingId,
    submissionIds: [second.submissionId],
  });
  return {
    conferences: meetingId,
    delegations: delegationId,
    submissions: submissionId,
    'card-votes': cardVoteId,
    'references-back': referenceBackId,
    // The pages' forms: /conferences/:id/cards/:voteId, …/desk/rulings/:submissionId and so on.
    cards: cardVoteId,
    closings: cardVoteId,
    rulings: submissionId,
    votes: submissionId,
    remissions: second.submissionId,
    decisions: referenceBackId,
  };
}
