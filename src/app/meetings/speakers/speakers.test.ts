import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { testContext } from '../../../../test/factories.ts';
import { openCamdenMeeting } from '../../../../test/live-room.ts';
import { actorFor } from '../../../../test/story.ts';
import { askToSpeak } from './ask-to-speak.ts';
import { callNextSpeaker } from './call-next-speaker.ts';
import type { AppContext } from '../../common/context.ts';
import { endSpeech } from './end-speech.ts';
import { viewSpeakers } from './view-speakers.ts';
import { withdrawFromSpeakers } from './withdraw-from-speakers.ts';

describeEachDatabase('the speakers list', (database) => {
  it('members ask, a point of order jumps the queue, the chair calls in order with a time limit', async () => {
    let clock = Date.parse('2026-07-01T19:00:00Z');
    const ctx: AppContext = testContext(database(), { now: () => new Date(clock) });
    const room = await openCamdenMeeting(ctx, 4);
    const [ann, bob, cat, dan] = await Promise.all(
      room.members.map((m) => actorFor(ctx, m.personId)),
    );
    const published: string[] = [];
    ctx.events.subscribe(`meeting:${room.meetingId}`, (e) => published.push(e.type));
    const meetingId = room.meetingId;
    const tick = () => (clock += 1000);

    await askToSpeak(ctx, { actor: ann!, meetingId, side: 'for' });
    tick();
    await askToSpeak(ctx, { actor: bob!, meetingId, side: 'against' });
    tick();
    await expect(askToSpeak(ctx, { actor: bob!, meetingId, side: 'for' })).rejects.toMatchObject({
      code: 'ALREADY_ON_SPEAKERS_LIST',
    });
    const { requestId: danId } = await askToSpeak(ctx, { actor: dan!, meetingId, side: 'for' });
    tick();
    await askToSpeak(ctx, { actor: cat!, meetingId, pointOfOrder: true });
    tick();
    await withdrawFromSpeakers(ctx, { actor: dan!, meetingId, requestId: danId });

    let view = await viewSpeakers(ctx, { actor: ann!, meetingId });
    expect(view.queue.map((q) => [q.name, q.side, q.pointOfOrder])).toEqual([
      ['Member 003', null, true],
      ['Member 001', 'for', false],
      ['Member 002', 'against', false],
    ]);
    expect(view.mayRun).toBe(false);

    // Members cannot call speakers; the chair can.
    await expect(callNextSpeaker(ctx, { actor: ann!, meetingId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const first = await callNextSpeaker(ctx, { actor: room.chair, meetingId });
    expect(first.name).toBe('Member 003');
    const second = await callNextSpeaker(ctx, {
      actor: room.chair,
      meetingId,
      timeLimitSeconds: 120,
    });
    expect(second.name).toBe('Member 001');
    clock += 30_000;
    view = await viewSpeakers(ctx, { actor: bob!, meetingId });
    expect(view.speaking).toMatchObject({ name: 'Member 001', secondsLeft: 90 });
    expect(view.spoken.map((s) => s.name)).toEqual(['Member 003']);
    await endSpeech(ctx, { actor: room.chair, meetingId });
    await expect(endSpeech(ctx, { actor: room.chair, meetingId })).rejects.toMatchObject({
      code: 'NO_ONE_SPEAKING',
    });
    await callNextSpeaker(ctx, { actor: room.chair, meetingId });
    await expect(callNextSpeaker(ctx, { actor: room.chair, meetingId })).rejects.toMatchObject({
      code: 'NO_ONE_WAITING',
    });

    // Calling is the chair's decision, so it is audited; asking is not.
    const audited = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('action', 'like', 'speakers.%')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(Array(3).fill('speakers.called'));
    expect(published.filter((t) => t === 'speakers')).toHaveLength(9);
  });
});
