import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { movableContext } from '../../../test/factories.ts';
import { actorFor, branchOf, northfield, personWithAccount } from '../../../test/story.ts';
import type { MotionText } from '../../domain/meetings/motion-text.ts';
import { scheduleMeeting } from '../meetings/schedule-meeting.ts';
import { castCard } from './cast-card.ts';
import { castPrioritiesPaper } from './cast-priorities-paper.ts';
import { closeCardVote } from './close-card-vote.ts';
import { compositeSubmissions } from './composite-submissions.ts';
import { countConferencePriorities } from './count-priorities.ts';
import { nameDelegates } from './name-delegates.ts';
import { openCardVote } from './open-card-vote.ts';
import { registerDelegation } from './register-delegation.ts';
import { ruleSubmission } from './rule-submission.ts';
import { setUpConference } from './set-up-conference.ts';
import { submitToConference } from './submit-to-conference.ts';
import { viewBranchSubmissions } from './view-branch-submissions.ts';
import { viewConference } from './view-conference.ts';

const SUBJECTS = ['Rail', 'Housing', 'NHS', 'Climate', 'Schools', 'Energy', 'Water', 'Buses'];
/** Delegations 0–3 (CLPs) and 20–22 (affiliates) move motions on rail: seven in all. */
const RAIL = new Set([0, 1, 2, 3, 20, 21, 22]);
const RULE_CHANGE = 37;
const RULED_OUT = 39;
const EDITED = 38;
/** Priorities papers: CLPs Rail 8, Housing 5, NHS 4, Climate 2, Schools 1; affiliates Rail 6,
 * Energy 5, Schools 4, Water 3, Buses 2. */
const CLP_PAPERS = [
  ['Rail', 8],
  ['Housing', 5],
  ['NHS', 4],
  ['Climate', 2],
  ['Schools', 1],
] as const;
const AFF_PAPERS = [
  ['Rail', 6],
  ['Energy', 5],
  ['Schools', 4],
  ['Water', 3],
  ['Buses', 2],
] as const;
const papers = (spec: readonly (readonly [string, number])[]) =>
  spec.flatMap(([subject, n]) => Array.from({ length: n }, () => subject));

const motion = (i: number): MotionText => ({
  title: `Motion from delegation ${i}`,
  clauses: [
    { id: `n${i}`, kind: 'notes', text: `the concern raised by delegation ${i}` },
    { id: `r${i}`, kind: 'resolves', text: `to act as delegation ${i} asks` },
  ],
});

describeEachDatabase('a conference, from submissions to card votes', (database) => {
  it('plays the Northfield conference: 40 delegations, rulings, priorities, a composite, card votes', async () => {
    const ctx = movableContext(database(), {}, '2026-07-01T09:00:00Z');
    const story = await northfield(ctx);
    const admin = story.admin;
    const { meetingId } = await scheduleMeeting(ctx, {
      actor: admin,
      bodyId: story.nationalId,
      title: 'Annual conference 2026',
      startsAt: '2026-09-27T09:00:00Z',
    });
    await setUpConference(ctx, {
      actor: admin,
      meetingId,
      // Labour Party Rule Book chapter 3: the card vote is divided 50/50 between the sections.
      sections: [
        { key: 'clp', name: 'Local parties', share: '1/2' },
        { key: 'affiliates', name: 'Affiliates', share: '50%' },
      ],
      formula: { membersPerDelegate: 750, minimum: 1, maximum: 8 },
      rules: {
        submissions: {
          wordLimit: 250,
          opensAt: '2026-07-01T00:00:00Z',
          closesAt: '2026-09-10T12:00:00Z',
          perOrganisation: 1,
        },
        delegatesCloseAt: '2026-09-15T12:00:00Z',
        priorities: { perSection: 4, choicesPerPaper: 1 },
      },
    });

    // 40 delegations: 20 local parties of 100·(i+1) members, 20 affiliates of 10,000·(i+1).
    const bodies: string[] = [];
    const delegations: string[] = [];
    const leaderId = await personWithAccount(ctx, 'leader@example.org', { name: 'Lee Leader' });
    for (let i = 0; i < 40; i++) {
      const clp = i < 20;
      const bodyId = await branchOf(
        ctx,
        admin,
        story.nationalId,
        `${clp ? 'Local' : 'Union'} ${i}`,
      );
      bodies.push(bodyId);
      const members = clp ? 100 * (i + 1) : 10_000 * (i - 19);
      const d = await registerDelegation(ctx, {
        actor: admin,
        meetingId,
        bodyId,
        section: clp ? 'clp' : 'affiliates',
        members,
      });
      delegations.push(d.delegationId);
      if (i === 0) expect(d).toMatchObject({ entitled: 1, weight: 100 });
      if (i === 39) expect(d).toMatchObject({ entitled: 8, weight: 200_000 });
    }
    await nameDelegates(ctx, {
      actor: admin,
      delegationId: delegations[0]!,
      makeUp: { delegates: [leaderId], substitutes: [story.adminId], leader: leaderId },
    });
    const leader = await actorFor(ctx, leaderId);

    // Every delegation submits before the deadline: a motion, or (delegation 37) a rule change.
    const submissions: string[] = [];
    for (let i = 0; i < 40; i++) {
      const { submissionId } = await submitToConference(ctx, {
        actor: admin,
        delegationId: delegations[i]!,
        kind: i === RULE_CHANGE ? 'rule-change' : 'motion',
        text: motion(i),
        amendsRule: i === RULE_CHANGE ? 'Chapter 3, Clause III.2' : null,
      });
      submissions.push(submissionId);
    }
    await expect(
      submitToConference(ctx, {
        actor: admin,
        delegationId: delegations[1]!,
        kind: 'motion',
        text: motion(1),
      }),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });

    // The arrangements committee rules them all, groups them by subject.
    for (let i = 0; i < 40; i++) {
      await ruleSubmission(ctx, {
        actor: admin,
        submissionId: submissions[i]!,
        ruling:
          i === RULED_OUT
            ? { kind: 'out', reason: 'Not contemporary: decided in 2025.' }
            : i === EDITED
              ? { kind: 'in-after-edits', text: 'Shorter text agreed with the mover.' }
              : { kind: 'in' },
        subject: i === RULE_CHANGE ? null : RAIL.has(i) ? 'Rail' : SUBJECTS[1 + (i % 7)]!,
        recommendation: i === RULE_CHANGE ? 'oppose' : 'accept',
      });
    }
    ctx.setNow('2026-09-28T10:00:00Z');
    await expect(
      nameDelegates(ctx, {
        actor: admin,
        delegationId: delegations[1]!,
        makeUp: { delegates: [story.adminId], substitutes: [], leader: story.adminId },
      }),
    ).rejects.toMatchObject({ code: 'MOTION_DEADLINE_PASSED' });

    // The priorities ballot: one paper per delegation, top 4 subjects per section.
    const clpPapers = papers(CLP_PAPERS);
    const affPapers = papers(AFF_PAPERS);
    for (let i = 0; i < 40; i++)
      await castPrioritiesPaper(ctx, {
        actor: i === 0 ? leader : admin,
        delegationId: delegations[i]!,
        subjects: [i < 20 ? clpPapers[i]! : affPapers[i - 20]!],
      });
    await expect(
      castPrioritiesPaper(ctx, { actor: leader, delegationId: delegations[0]!, subjects: ['NHS'] }),
    ).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
    const priorities = await countConferencePriorities(ctx, { actor: admin, meetingId });
    expect(priorities.sections.map((s) => [s.section, s.chosen])).toEqual([
      ['clp', ['Rail', 'Housing', 'NHS', 'Climate']],
      ['affiliates', ['Rail', 'Energy', 'Schools', 'Water']],
    ]);
    expect(priorities.sections[0]!.totals[0]).toEqual({ subject: 'Rail', votes: 8 });

    // The compositing meeting on rail: seven motions, one mover insists, six merged into one.
    const rail = [...RAIL].map((i) => submissions[i]!);
    const composited = await compositeSubmissions(ctx, {
      actor: admin,
      submissionIds: rail,
      moverDelegationId: delegations[0]!,
      seconderDelegationId: delegations[20]!,
      insisting: [submissions[22]!],
      title: 'Composite 1: Rail',
    });
    expect(composited.merged).toHaveLength(6);
    expect(composited.putSeparately).toEqual([submissions[22]]);
    const view = await viewConference(ctx, { actor: admin, meetingId });
    const compositeView = view.submissions.find((s) => s.id === composited.compositeId)!;
    expect(compositeView.clauses).toHaveLength(12);
    for (const i of [0, 1, 2, 3, 20, 21])
      expect(compositeView.clauses.map((c) => c.text)).toContain(`to act as delegation ${i} asks`);
    expect([compositeView.mover, compositeView.seconder]).toEqual(['Local 0', 'Union 20']);

    // The card vote on the composite, with split cards, normalised 50/50.
    const vote = await openCardVote(ctx, { actor: admin, submissionId: composited.compositeId });
    for (let i = 0; i < 40; i++) {
      const weight = i < 20 ? 100 * (i + 1) : 10_000 * (i - 19);
      const against = i < 5 || (i >= 20 && i < 30) ? weight : i === 5 ? 400 : i === 39 ? 50_000 : 0;
      await castCard(ctx, {
        actor: i === 0 ? leader : admin,
        cardVoteId: vote.cardVoteId,
        delegationId: delegations[i]!,
        for: weight - against,
        against,
        abstain: 0,
      });
    }
    const result = await closeCardVote(ctx, { actor: admin, cardVoteId: vote.cardVoteId });
    // By hand: local parties 19,100 for and 1,900 against of 21,000, so ½·19100/21000 = 191/420
    // and 19/420; affiliates 1,500,000 for and 600,000 against of 2,100,000, so ½·5/7 = 5/14 =
    // 150/420 and ½·2/7 = 60/420. For 341/420 (81.190%), against 79/420: carried.
    expect(
      result.sections.map((s) => [s.for, s.against, s.normalisedFor, s.normalisedAgainst]),
    ).toEqual([
      [19_100, 1_900, '191/420', '19/420'],
      [1_500_000, 600_000, '5/14', '1/7'],
    ]);
    expect([result.for, result.against, result.forPercent, result.outcome]).toEqual([
      '341/420',
      '79/420',
      '81.190%',
      'carried',
    ]);

    // The rule change: every card split 65/35, so 65% for: short of two-thirds, lost.
    const ruleVote = await openCardVote(ctx, {
      actor: admin,
      submissionId: submissions[RULE_CHANGE]!,
    });
    expect(ruleVote.threshold).toBe('two-thirds');
    for (let i = 0; i < 40; i++) {
      const unit = i < 20 ? i + 1 : 100 * (i - 19);
      await castCard(ctx, {
        actor: admin,
        cardVoteId: ruleVote.cardVoteId,
        delegationId: delegations[i]!,
        for: 65 * unit,
        against: 35 * unit,
        abstain: 0,
      });
    }
    const ruleResult = await closeCardVote(ctx, { actor: admin, cardVoteId: ruleVote.cardVoteId });
    expect([ruleResult.for, ruleResult.outcome]).toEqual(['13/20', 'lost']);

    // Each submitting branch sees what became of its submission.
    const seen = await Promise.all(
      bodies.map((bodyId) => viewBranchSubmissions(ctx, { actor: admin, bodyId })),
    );
    expect(seen.every((list) => list.length === 1)).toBe(true);
    expect(seen[1]![0]).toMatchObject({
      status: 'carried',
      compositedInto: composited.compositeId,
    });
    expect(seen[1]![0]!.result).toMatchObject({ for: '341/420', outcome: 'carried' });
    expect(seen[22]![0]).toMatchObject({ status: 'in-order' });
    expect(seen[RULE_CHANGE]![0]).toMatchObject({ status: 'lost', kind: 'rule-change' });
    expect(seen[RULED_OUT]![0]).toMatchObject({
      status: 'out-of-order',
      reason: 'Not contemporary: decided in 2025.',
    });
    expect(seen[EDITED]![0]!.editedText).toBe('Shorter text agreed with the mover.');

    // The leader's phone view knows its delegation and that its card was cast.
    const phone = await viewConference(ctx, { actor: leader, meetingId });
    expect(phone.myDelegation).toMatchObject({ name: 'Local 0', leader: true, weight: 100 });
    expect(phone.cardVotes.map((v) => v.myCardCast)).toEqual([true, true]);

    // Rulings and delegation changes are in the audit chain.
    const actions = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'like', 'conference.%')
      .execute();
    const count = (a: string) => actions.filter((x) => x.action === a).length;
    expect([count('conference.submissionRuled'), count('conference.delegatesNamed')]).toEqual([
      40, 1,
    ]);
    expect(count('conference.cardVoteDeclared')).toBe(2);
  });
});
