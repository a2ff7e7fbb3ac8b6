import { expect, it } from 'vitest';
import { smallConference } from '../../../test/conference.ts';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { northfield } from '../../../test/story.ts';
import { scheduleMeeting } from '../meetings/schedule-meeting.ts';
import { castCard } from './cast-card.ts';
import { closeCardVote } from './close-card-vote.ts';
import { registerDelegation } from './register-delegation.ts';
import { viewConference } from './view-conference.ts';

describeEachDatabase('secret card votes', (database) => {
  it('keeps only that each delegation voted and its section’s totals, and counts them as an open vote would', async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    const actor = story.admin;
    const { meetingId } = await scheduleMeeting(ctx, {
      actor,
      bodyId: story.nationalId,
      title: 'Conference',
      startsAt: '2026-09-27T09:00:00Z',
    });
    const ids = await smallConference(ctx, actor, meetingId, story.camdenId, 120, true);
    const hackney = await registerDelegation(ctx, {
      actor,
      meetingId,
      bodyId: story.hackneyId,
      section: 'clp',
      members: 300,
    });
    const cast = (delegationId: string, f: number, a: number) =>
      castCard(ctx, {
        actor,
        cardVoteId: ids['card-votes'],
        delegationId,
        for: f,
        against: a,
        abstain: 0,
      });
    await cast(ids.delegations, 80, 40);
    await cast(hackney.delegationId, 100, 200);
    await expect(cast(hackney.delegationId, 300, 0)).rejects.toMatchObject({
      code: 'ALREADY_VOTED',
    });

    // Stored: the roll (who voted) and one row of totals for the section; no card, no caster.
    const db = ctx.db;
    const vote = ids['card-votes'];
    const q = (table: 'conference_card_casts' | 'conference_card_roll' | 'conference_card_box') =>
      db.selectFrom(table).selectAll().where('card_vote_id', '=', vote).execute();
    expect(await q('conference_card_casts')).toEqual([]);
    expect((await q('conference_card_roll')).map((r) => r.delegation_id).sort()).toEqual(
      [ids.delegations, hackney.delegationId].sort(),
    );
    expect(await q('conference_card_box')).toEqual([
      { card_vote_id: vote, section: 'clp', for_votes: 180, against_votes: 240, abstain_votes: 0 },
    ]);
    const phone = await viewConference(ctx, { actor, meetingId });
    expect(phone.cardVotes[0]).toMatchObject({ secret: true, cards: 2 });

    // Counted from the totals alone: ½·180/420 = 3/14 for, ½·240/420 = 2/7 against; lost.
    const result = await closeCardVote(ctx, { actor, cardVoteId: vote });
    expect([result.for, result.against, result.outcome]).toEqual(['3/14', '2/7', 'lost']);
    expect(result.sections[0]).toMatchObject({ section: 'clp', for: 180, against: 240 });
    // The audit chain records the vote called secret, and the result, with no card in it.
    const opened = await db
      .selectFrom('audit_events')
      .select('data')
      .where('action', '=', 'conference.cardVoteOpened')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(opened.data as string)).toMatchObject({ secret: true });
  });
});
