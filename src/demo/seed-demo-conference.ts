import { loadActor } from '../app/common/actor.ts';
import { type AppContext, isoNow } from '../app/common/context.ts';
import { addConferenceSession } from '../app/conference/add-session.ts';
import { decideReferenceBack } from '../app/conference/decide-reference-back.ts';
import { moveReferenceBack } from '../app/conference/move-reference-back.ts';
import { nameDelegates } from '../app/conference/name-delegates.ts';
import { openCardVote } from '../app/conference/open-card-vote.ts';
import { registerDelegation } from '../app/conference/register-delegation.ts';
import { ruleSubmission } from '../app/conference/rule-submission.ts';
import { setUpConference } from '../app/conference/set-up-conference.ts';
import { submitToConference } from '../app/conference/submit-to-conference.ts';
import { scheduleMeeting } from '../app/meetings/schedule-meeting.ts';

/**
 * The Northfield Party's annual conference (issue 20), run by the NEC's secretary: two sections
 * of one half each, four delegations (the Movement's groups, as affiliates and local parties),
 * their motions and a rule change ruled by the arrangements committee, Camden's delegation led
 * by its secretary, two sessions for the door to check delegates in to, a reference back of part
 * of the committee's report (its ruling on Housing, moved by Camden's delegation and carried on a
 * show of hands, so Housing is back before the committee), and a card vote open on the rule
 * change, ready to look at on
 * `/conferences/:id` (Camden's secretary) and `/conferences/:id/desk` (the NEC's secretary).
 */
export async function seedDemoConference(
  ctx: AppContext,
  props: {
    necId: string;
    necSecretaryId: string;
    delegations: readonly (readonly [bodyId: string, section: string, members: number])[];
    leaderId: string;
    delegateId: string;
  },
) {
  const actor = await loadActor(ctx.db, props.necSecretaryId, isoNow(ctx).slice(0, 10));
  const startsAt = new Date(ctx.now().getTime() + 30 * 86_400_000).toISOString();
  const { meetingId } = await scheduleMeeting(ctx, {
    actor,
    bodyId: props.necId,
    title: 'Northfield Party annual conference',
    startsAt,
    location: 'Northfield Conference Centre',
  });
  await setUpConference(ctx, {
    actor,
    meetingId,
    sections: [
      { key: 'clp', name: 'Local parties', share: '1/2' },
      { key: 'affiliates', name: 'Affiliates', share: '1/2' },
    ],
    formula: { membersPerDelegate: 750, minimum: 1, maximum: 8 },
    rules: {
      submissions: { wordLimit: 250, opensAt: null, closesAt: null, perOrganisation: 1 },
      delegatesCloseAt: null,
      priorities: { perSection: 4, choicesPerPaper: 1 },
    },
  });
  // Two sessions, the first of them sitting when the door opens; the Sunday one needs a quorum.
  const hours = (h: number) => new Date(Date.parse(startsAt) + h * 3_600_000).toISOString();
  for (const [title, at, quorum] of [
    ['Sunday afternoon', hours(0), 3],
    ['Monday morning', hours(20), null],
  ] as const)
    await addConferenceSession(ctx, { actor, meetingId, title, startsAt: at, quorum });
  const subjects = ['Rail', 'Rail', 'Housing', null];
  let ruleChange = '';
  let housing = '';
  let camden = '';
  for (const [i, [bodyId, section, members]] of props.delegations.entries()) {
    const { delegationId } = await registerDelegation(ctx, {
      actor,
      meetingId,
      bodyId,
      section,
      members,
    });
    if (i === 0) camden = delegationId;
    if (i === 0)
      await nameDelegates(ctx, {
        actor,
        delegationId,
        makeUp: {
          delegates: [props.leaderId, props.delegateId],
          substitutes: [],
          leader: props.leaderId,
        },
      });
    const subject = subjects[i] ?? null;
    const { submissionId } = await submitToConference(ctx, {
      actor,
      delegationId,
      kind: subject ? 'motion' : 'rule-change',
      amendsRule: subject ? null : 'Chapter 3, Clause III.2',
      text: {
        title: subject ? `${subject}: public ownership now` : 'Two-thirds for rule changes',
        clauses: [
          { id: 'c1', kind: 'notes', text: 'the cost of living keeps rising' },
          { id: 'c2', kind: 'resolves', text: `to campaign on ${subject ?? 'the rules'}` },
        ],
      },
    });
    await ruleSubmission(ctx, {
      actor,
      submissionId,
      ruling: { kind: 'in' },
      subject,
      recommendation: subject ? 'accept' : 'oppose',
    });
    if (!subject) ruleChange = submissionId;
    if (subject === 'Housing') housing = submissionId;
  }
  // Conference refers back the part of the report on Housing and carries it: the committee
  // rules on Housing again, and the rest of its report stands (README, "Reference back").
  const { referenceBackId } = await moveReferenceBack(ctx, {
    actor,
    meetingId,
    submissionIds: [housing],
    moverDelegationId: camden,
  });
  await decideReferenceBack(ctx, { actor, referenceBackId, carried: true });
  await openCardVote(ctx, { actor, submissionId: ruleChange });
  return { meetingId };
}
