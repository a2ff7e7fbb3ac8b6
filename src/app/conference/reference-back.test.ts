import { expect, it } from 'vitest';
import { smallConference } from '../../../test/conference.ts';
import { describeEachDatabase } from '../../../test/databases.ts';
import { outcomeOf, testContext } from '../../../test/factories.ts';
import { carriedResolution, northfield } from '../../../test/story.ts';
import { importMembers } from '../organisations/import-members.ts';
import { scheduleMeeting } from '../meetings/schedule-meeting.ts';
import { viewResolution } from '../resolutions/view-resolution.ts';
import { castCard } from './cast-card.ts';
import { closeCardVote } from './close-card-vote.ts';
import { decideReferenceBack } from './decide-reference-back.ts';
import { moveReferenceBack } from './move-reference-back.ts';
import { openCardVote } from './open-card-vote.ts';
import { openReferenceBackVote } from './open-reference-back-vote.ts';
import { registerDelegation } from './register-delegation.ts';
import { remitSubmission } from './remit-submission.ts';
import { ruleSubmission } from './rule-submission.ts';
import { submitToConference } from './submit-to-conference.ts';
import { viewConference } from './view-conference.ts';

async function conference(database: Parameters<typeof testContext>[0]) {
  const ctx = testContext(database);
  const story = await northfield(ctx);
  const actor = story.admin;
  const { meetingId } = await scheduleMeeting(ctx, {
    actor,
    bodyId: story.nationalId,
    title: 'Annual Conference',
    startsAt: '2026-09-27T09:00:00Z',
  });
  const ids = await smallConference(ctx, actor, meetingId, story.camdenId);
  return { ctx, story, actor, meetingId, ids };
}

describeEachDatabase('reference back of the committee’s report', (database) => {
  it('sends the rulings named back to the committee when carried on a show of hands, to be ruled again', async () => {
    const { ctx, actor, meetingId, ids } = await conference(database());
    const buses = ids.remissions;
    // smallConference moved reference back of the ruling on "Buses"; it is carried.
    await decideReferenceBack(ctx, {
      actor,
      referenceBackId: ids['references-back'],
      carried: true,
    });
    let v = await viewConference(ctx, { actor, meetingId });
    expect(v.submissions.find((s) => s.id === buses)).toMatchObject({
      status: 'submitted',
      ruling: null,
    });
    expect(v.referencesBack[0]).toMatchObject({ status: 'carried', decidedBy: 'show-of-hands' });
    // Decided once; the other ruling (on "Rail") stands.
    expect(
      await outcomeOf(
        decideReferenceBack(ctx, {
          actor,
          referenceBackId: ids['references-back'],
          carried: false,
        }),
      ),
    ).toBe('ILLEGAL_TRANSITION');
    expect(v.submissions.find((s) => s.id === ids.submissions)?.status).toBe('in-order');
    // The committee rules it again (out this time) and reports again.
    await ruleSubmission(ctx, {
      actor,
      submissionId: buses,
      ruling: { kind: 'out', reason: 'Not contemporary' },
    });
    v = await viewConference(ctx, { actor, meetingId });
    expect(v.submissions.find((s) => s.id === buses)?.status).toBe('out-of-order');
    // A ruling put to a card vote can no longer be referred back.
    expect(
      await outcomeOf(
        moveReferenceBack(ctx, { actor, meetingId, submissionIds: [ids.submissions] }),
      ),
    ).toBe('ILLEGAL_TRANSITION');
  });

  it('is decided by a card vote when one is called, and a lost reference back leaves the report standing', async () => {
    const { ctx, story, actor, meetingId, ids } = await conference(database());
    const hackney = await registerDelegation(ctx, {
      actor,
      meetingId,
      bodyId: story.hackneyId,
      section: 'clp',
      members: 1600,
    });
    const { cardVoteId } = await openReferenceBackVote(ctx, {
      actor,
      referenceBackId: ids['references-back'],
    });
    // While it is before conference, the motion whose ruling it names is not put to the vote.
    expect(await outcomeOf(openCardVote(ctx, { actor, submissionId: ids.remissions }))).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(
      await outcomeOf(
        decideReferenceBack(ctx, { actor, referenceBackId: ids['references-back'], carried: true }),
      ),
    ).toBe('QUESTION_ALREADY_PUT');
    await castCard(ctx, {
      actor,
      cardVoteId,
      delegationId: ids.delegations,
      for: 1,
      against: 0,
      abstain: 0,
    });
    await castCard(ctx, {
      actor,
      cardVoteId,
      delegationId: hackney.delegationId,
      for: 0,
      against: 3,
      abstain: 0,
    });
    const result = await closeCardVote(ctx, { actor, cardVoteId });
    expect(result.outcome).toBe('lost');
    const v = await viewConference(ctx, { actor, meetingId });
    expect(v.referencesBack[0]).toMatchObject({ status: 'lost', decidedBy: 'card-vote' });
    expect(v.cardVotes.find((c) => c.id === cardVoteId)).toMatchObject({
      referenceBackId: ids['references-back'],
      title: 'Buses',
    });
    expect(v.submissions.find((s) => s.id === ids.remissions)?.status).toBe('in-order');
  });
});

describeEachDatabase('results flowing back to the submitting branch', (database) => {
  it('tells the branch the ruling and the card vote with its sections on its resolution’s page', async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    const actor = story.admin;
    await importMembers(ctx, {
      actor,
      bodyId: story.hackneyId,
      csv: 'Name,Email\nAda Admin,admin@example.org',
      dryRun: false,
    });
    await carriedResolution(ctx, {
      actor,
      bodyId: story.hackneyId,
      text: { title: 'Free school meals', clauses: [{ kind: 'resolves', text: 'to campaign' }] },
    });
    const resolution = () =>
      viewResolution(ctx, {
        actor: null,
        organisationSlug: 'northfield-movement',
        slug: 'free-school-meals',
      });
    const { meetingId } = await scheduleMeeting(ctx, {
      actor,
      bodyId: story.nationalId,
      title: 'Annual Conference',
      startsAt: '2026-09-27T09:00:00Z',
    });
    await smallConference(ctx, actor, meetingId, story.camdenId);
    const hackney = await registerDelegation(ctx, {
      actor,
      meetingId,
      bodyId: story.hackneyId,
      section: 'clp',
      members: 1600,
    });
    const r0 = await resolution();
    const resolutionId = r0.id;
    const { submissionId } = await submitToConference(ctx, {
      actor,
      delegationId: hackney.delegationId,
      kind: 'motion',
      text: {
        title: 'Free school meals',
        clauses: [{ id: 'c1', kind: 'resolves', text: 'to campaign' }],
      },
      resolutionId,
    });
    expect((await resolution()).deliveries).toMatchObject([
      { addressee: 'Annual Conference', status: 'sent', open: false },
    ]);
    await ruleSubmission(ctx, { actor, submissionId, ruling: { kind: 'in' }, subject: 'Schools' });
    const { cardVoteId } = await openCardVote(ctx, { actor, submissionId });
    await castCard(ctx, {
      actor,
      cardVoteId,
      delegationId: hackney.delegationId,
      for: 2,
      against: 1,
      abstain: 0,
    });
    await closeCardVote(ctx, { actor, cardVoteId });
    const [delivery] = (await resolution()).deliveries;
    expect(delivery?.status).toBe('carried');
    expect(delivery?.history.map((h) => h.status)).toEqual(['sent', 'ruled-in', 'carried']);
    expect(delivery?.history[1]?.note).toBe(
      'Ruled in order by the arrangements committee of Annual Conference.',
    );
    // The section table as the branch reads it, in English and in French.
    expect(delivery?.history[2]?.note).toContain('Local parties: 2 for, 1 against');
    expect(delivery?.history[2]?.written).toMatchObject({
      fr: expect.stringMatching(/Adoptée .*Local parties\s:\s2 pour, 1 contre/),
    });
    // Only a resolution the branch carried is sent from.
    expect(
      await outcomeOf(
        submitToConference(ctx, {
          actor,
          delegationId: hackney.delegationId,
          kind: 'motion',
          text: { title: 'x', clauses: [{ id: 'c1', kind: 'resolves', text: 'y' }] },
          resolutionId: 'no-such-resolution',
        }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('tells the branch its motion was remitted', async () => {
    const { ctx, actor, meetingId, ids } = await conference(database());
    // The reference back of its ruling is decided first; then it may be remitted.
    expect(await outcomeOf(remitSubmission(ctx, { actor, submissionId: ids.remissions }))).toBe(
      'ILLEGAL_TRANSITION',
    );
    await decideReferenceBack(ctx, {
      actor,
      referenceBackId: ids['references-back'],
      carried: false,
    });
    await remitSubmission(ctx, { actor, submissionId: ids.remissions });
    const v = await viewConference(ctx, { actor, meetingId });
    expect(v.submissions.find((s) => s.id === ids.remissions)?.status).toBe('remitted');
    expect(await outcomeOf(remitSubmission(ctx, { actor, submissionId: ids.submissions }))).toBe(
      'QUESTION_ALREADY_PUT',
    );
  });
});
