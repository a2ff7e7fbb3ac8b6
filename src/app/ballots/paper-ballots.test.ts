import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { movableContext } from '../../../test/factories.ts';
import { camdenInSession } from '../../../test/meeting-in-session.ts';
import { putToSecretBallot } from '../meetings/put-to-secret-ballot.ts';
import { viewMeeting } from '../meetings/view-meeting.ts';
import { castBallot } from './cast-ballot.ts';
import { closeBallot } from './close-ballot.ts';
import { enterPaperCount } from './enter-paper-count.ts';
import { issuePaperBallots } from './issue-paper-ballots.ts';
import { markPaperVoters } from './mark-paper-voters.ts';
import { viewPaperBallot } from './view-paper-ballot.ts';

/**
 * Camden in session (10 of 12 present) with the motion put to a secret ballot of those present;
 * members 4 to 9 never accepted their invitations, so they have no account and vote on paper.
 */
async function hybridBallot(ctx: ReturnType<typeof movableContext>) {
  const meeting = await camdenInSession(ctx, {
    preset: 'citrine',
    motion: {
      title: 'Support the campaign',
      clauses: [{ kind: 'resolves', text: 'to support it' }],
    },
  });
  await ctx.db.deleteFrom('accounts').where('person_id', 'in', meeting.ids.slice(4, 10)).execute();
  const put = await putToSecretBallot(ctx, { actor: meeting.chair, motionId: meeting.motionId });
  return { ...meeting, ballotId: put.ballotId };
}

describeEachDatabase('a hybrid secret ballot of those present', (database) => {
  it('takes members without an account on paper, counts the tellers’ count with the online box, and keeps turnout exact', async () => {
    const ctx = movableContext(database());
    const { chair, member, ids, ballotId, meetingId } = await hybridBallot(ctx);
    const paper = await viewPaperBallot(ctx, { actor: chair, ballotId, may: 'body.runBallots' });
    expect(paper.turnout).toMatchObject({
      electorate: 10,
      online: { electors: 4, voted: 0 },
      paper: { electors: 6, issued: 0, returned: null },
    });

    // Member 3 has no phone tonight: the chair puts them on paper too.
    await markPaperVoters(ctx, { actor: chair, ballotId, personIds: [ids[3]!], paper: true });
    await expect(
      castBallot(ctx, { actor: await member(3), ballotId, choice: 'for' }),
    ).rejects.toMatchObject({ code: 'VOTES_ON_PAPER' });
    await castBallot(ctx, { actor: await member(0), ballotId, choice: 'for' });
    await castBallot(ctx, { actor: await member(1), ballotId, choice: 'against' });
    // Someone who has voted online is never given a paper as well.
    await expect(
      markPaperVoters(ctx, { actor: chair, ballotId, personIds: [ids[0]!], paper: true }),
    ).rejects.toMatchObject({ code: 'ALREADY_VOTED' });

    expect(await issuePaperBallots(ctx, { actor: chair, ballotId })).toEqual({
      from: 1,
      to: 7,
      issued: 7,
    });
    await expect(issuePaperBallots(ctx, { actor: chair, ballotId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // An issued paper stays issued: its holder is not put back online.
    await expect(
      markPaperVoters(ctx, { actor: chair, ballotId, personIds: [ids[3]!], paper: false }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    // Papers issued and not yet counted: the ballot does not close over them.
    await expect(
      closeBallot(ctx, { actor: chair, ballotId, confirmed: true }),
    ).rejects.toMatchObject({ code: 'PAPER_COUNT_MISSING' });
    // The chair does not count; the tellers (secretary, scrutineer) do, within the papers issued.
    await expect(
      enterPaperCount(ctx, { actor: await member(2), ballotId, counts: [1, 0, 0], spoilt: 0 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const teller = chair; // the story's admin is Camden's admin: a teller too
    await expect(
      enterPaperCount(ctx, { actor: teller, ballotId, counts: [5, 2, 0], spoilt: 1 }),
    ).rejects.toMatchObject({ code: 'PAPER_COUNT_TOO_HIGH', params: { entered: 8, issued: 7 } });
    const counted = await enterPaperCount(ctx, {
      actor: teller,
      ballotId,
      counts: [4, 1, 0],
      spoilt: 1,
    });
    expect(counted).toMatchObject({ voted: 8, notVoted: 2 });

    // Two online voters have not voted: the chair is told, and asked.
    await expect(closeBallot(ctx, { actor: chair, ballotId })).rejects.toMatchObject({
      code: 'CLOSE_NOT_CONFIRMED',
      params: { notVoted: 2, electorate: 10 },
    });
    const result = await closeBallot(ctx, { actor: chair, ballotId, confirmed: true });
    expect(result).toMatchObject({
      kind: 'yes-no',
      for: 5,
      against: 2,
      abstain: 0,
      votes: 7,
      electorate: 10,
      outcome: 'carried',
      paper: { issued: 7, returned: 6, spoilt: 1 },
    });
    const after = await viewMeeting(ctx, { actor: chair, meetingId });
    expect(after.questions.at(-1)).toMatchObject({
      mode: 'secret-ballot',
      declared: 'carried: simple majority of votes cast, 5–2, no abstentions',
    });

    // The online roll holds the two who voted online, nobody on paper; the box names nobody.
    const roll = await ctx.db
      .selectFrom('ballot_roll')
      .select('person_id')
      .where('ballot_id', '=', ballotId)
      .execute();
    expect(roll.map((r) => r.person_id).sort()).toEqual([ids[0], ids[1]].sort());
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('subject', '=', `ballot:${ballotId}`)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'ballot.opened',
      'ballot.paper-voters-marked',
      'ballot.papers-issued',
      'ballot.paper-count-entered',
      'ballot.closed',
    ]);
    expect(JSON.parse(audit[2]!.data)).toEqual({ from: 1, to: 7, issued: 7 });
    expect(JSON.parse(audit[3]!.data)).toMatchObject({ issued: 7, returned: 6, spoilt: 1 });
  });

  it('closes at once, unasked, when everyone has voted online and on paper', async () => {
    const ctx = movableContext(database());
    const { chair, member, ballotId } = await hybridBallot(ctx);
    for (const i of [0, 1, 2, 3])
      await castBallot(ctx, { actor: await member(i), ballotId, choice: 'against' });
    await issuePaperBallots(ctx, { actor: chair, ballotId });
    await enterPaperCount(ctx, { actor: chair, ballotId, counts: [6, 0, 0], spoilt: 0 });
    expect(await closeBallot(ctx, { actor: chair, ballotId })).toMatchObject({
      for: 6,
      against: 4,
      outcome: 'carried',
    });
    await expect(
      enterPaperCount(ctx, { actor: chair, ballotId, counts: [0, 6, 0], spoilt: 0 }),
    ).rejects.toMatchObject({ code: 'BALLOT_CLOSED' });
  });
});
