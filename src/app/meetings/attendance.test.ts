import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { addMembers, testContext } from '../../../test/factories.ts';
import { actorFor, northfield } from '../../../test/story.ts';
import { editStandingOrders } from '../organisations/edit-standing-orders.ts';
import { presetStandingOrders } from '../../domain/organisations/standing-orders.ts';
import { findMeeting, listAttendance } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { giveMeetingNotice } from './give-notice.ts';
import { openMeeting } from './open-meeting.ts';
import { scheduleMeeting } from './schedule-meeting.ts';
import { signInByCode } from './sign-in-by-code.ts';
import { signInMembers } from './sign-in-members.ts';
import { viewAttendance } from './view-attendance.ts';

const NOW = '2026-07-01T12:00:00Z';

describeEachDatabase('attendance at the door, and notice when a meeting is called', (database) => {
  const setUp = async (rules: Partial<ReturnType<typeof presetStandingOrders>> = {}) => {
    let clock = Date.parse(NOW);
    const ctx: AppContext = testContext(database(), { now: () => new Date(clock) });
    const story = await northfield(ctx);
    const admin = await actorFor(ctx, story.adminId);
    await editStandingOrders(ctx, {
      actor: admin,
      bodyId: story.camdenId,
      rules: {
        ...presetStandingOrders('citrine'),
        quorum: { kind: 'count', members: 3 },
        ...rules,
      },
    });
    const members = await addMembers(ctx, story.camdenId, 6);
    return { ctx, story, admin, members, advance: (ms: number) => (clock += ms) };
  };

  it('refuses to call a meeting with too little notice, naming the earliest lawful date', async () => {
    const { ctx, story, admin } = await setUp({ noticeDays: 7, emergencyMeetings: false });
    // Notice on 1 July (London): 7 clear days are 2–8 July, so 9 July is the earliest.
    const call = (startsAt: string) =>
      scheduleMeeting(ctx, {
        actor: admin,
        bodyId: story.camdenId,
        title: 'General meeting',
        startsAt,
        timeZone: 'Europe/London',
        giveNotice: true,
      });
    await expect(call('2026-07-04T18:00:00Z')).rejects.toMatchObject({
      code: 'NOTICE_TOO_SHORT',
      message:
        "Called now, the meeting would have 2 clear days' notice; the standing orders require " +
        '7 clear days. The earliest lawful date is 2026-07-09.',
      params: { required: 7, earliest: '2026-07-09' },
    });
    await expect(call('2026-07-08T18:00:00Z')).rejects.toMatchObject({ code: 'NOTICE_TOO_SHORT' });
    expect((await call('2026-07-09T18:00:00Z')).meetingId).toBeTruthy();
    // Called without notice, it may be called for any day; notice given later is checked then.
    const { meetingId } = await scheduleMeeting(ctx, {
      actor: admin,
      bodyId: story.camdenId,
      title: 'Soon',
      startsAt: '2026-07-05T18:00:00Z',
      giveNotice: false,
    });
    await expect(giveMeetingNotice(ctx, { actor: admin, meetingId })).rejects.toMatchObject({
      code: 'NOTICE_TOO_SHORT',
      params: { earliest: '2026-07-09' },
    });
    expect((await findMeeting(ctx.db, meetingId))?.notice_given_at).toBeNull();
  });

  it('calls an emergency meeting at short notice only with a reason, which is kept', async () => {
    const { ctx, story, admin } = await setUp({ noticeDays: 7, emergencyMeetings: true });
    const call = (reason?: string) =>
      scheduleMeeting(ctx, {
        actor: admin,
        bodyId: story.camdenId,
        title: 'Emergency meeting',
        startsAt: '2026-07-03T18:00:00Z',
        giveNotice: true,
        emergency: true,
        emergencyReason: reason,
      });
    await expect(call('  ')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      problems: [expect.objectContaining({ path: 'emergencyReason' })],
    });
    const { meetingId } = await call('The venue closes for good on Friday.');
    const meeting = await findMeeting(ctx.db, meetingId);
    expect(meeting).toMatchObject({
      emergency: 1,
      emergency_reason: 'The venue closes for good on Friday.',
    });
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('data')
      .where('action', '=', 'meeting.scheduled')
      .execute();
    expect(audit.map((a) => String(a.data)).join()).toContain('The venue closes for good');
  });

  const calledForToday = async (s: Awaited<ReturnType<typeof setUp>>) => {
    const { ctx, story, admin, advance } = s;
    const called: AppContext = { ...ctx, now: () => new Date(Date.parse(NOW) - 8 * 86_400_000) };
    const { meetingId } = await scheduleMeeting(called, {
      actor: admin,
      bodyId: story.camdenId,
      title: 'General meeting',
      startsAt: '2026-07-01T18:00:00Z',
      giveNotice: true,
    });
    advance(0);
    const meeting = await findMeeting(ctx.db, meetingId);
    return { meetingId, code: meeting!.sign_in_code! };
  };

  it('signs in the ticked members in one go, all or none, one audit entry each', async () => {
    const s = await setUp();
    const { ctx, admin, members, story } = s;
    const { meetingId } = await calledForToday(s);
    const [hackney] = await addMembers(ctx, story.hackneyId, 1);
    const ids = members.map((m) => m.personId);
    // One of them is not a member of Camden: none is signed in.
    await expect(
      signInMembers(ctx, { actor: admin, meetingId, personIds: [ids[0]!, hackney!.personId] }),
    ).rejects.toMatchObject({ code: 'NOT_A_MEMBER' });
    expect(await listAttendance(ctx.db, meetingId)).toHaveLength(0);
    const done = await signInMembers(ctx, {
      actor: admin,
      meetingId,
      personIds: [ids[0]!, ids[1]!, ids[2]!, ids[0]!],
    });
    expect(done).toMatchObject({ signedIn: 3, quorum: { present: 3, met: true } });
    // Those already present are left as they are.
    expect(
      await signInMembers(ctx, { actor: admin, meetingId, personIds: [ids[1]!, ids[3]!] }),
    ).toMatchObject({ signedIn: 1, quorum: { present: 4 } });
    const rows = await listAttendance(ctx.db, meetingId);
    expect(rows.map((r) => r.signed_in_by)).toEqual(Array(4).fill(story.adminId));
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('hash')
      .where('action', '=', 'meeting.signedIn')
      .execute();
    expect(audit).toHaveLength(4);
    // A member cannot sign others in.
    await expect(
      signInMembers(ctx, {
        actor: await actorFor(ctx, ids[4]!),
        meetingId,
        personIds: [ids[5]!],
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a member signs in with the code; a visitor is refused plainly; guessing is held back', async () => {
    const s = await setUp();
    const { ctx, members, story } = s;
    const { meetingId, code } = await calledForToday(s);
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTVWXYZ2-9]{6}$/);
    const ann = await actorFor(ctx, members[0]!.personId);
    const typed = `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`;
    expect(
      await signInByCode(ctx, { actor: ann, code: typed, address: '192.0.2.1' }),
    ).toMatchObject({ meetingId, quorum: { present: 1 } });
    const [visitor] = await addMembers(ctx, story.hackneyId, 1);
    await expect(
      signInByCode(ctx, {
        actor: await actorFor(ctx, visitor!.personId),
        code,
        address: '192.0.2.1',
      }),
    ).rejects.toMatchObject({
      code: 'NOT_A_MEMBER',
      message:
        'You are not a member of Camden Town Group, so you cannot sign in to its meeting. ' +
        'If you think you are, ask the secretary.',
    });
    await expect(
      signInByCode(ctx, { actor: null, code, address: '192.0.2.1' }),
    ).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    const bob = await actorFor(ctx, members[1]!.personId);
    const wrong = code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    for (let i = 0; i < 10; i++) {
      await expect(
        signInByCode(ctx, { actor: bob, code: wrong, address: '192.0.2.9' }),
      ).rejects.toMatchObject({ code: 'SIGN_IN_CODE_UNKNOWN' });
    }
    // Past ten wrong codes even the right one waits: a guesser cannot tell when they hit it.
    await expect(
      signInByCode(ctx, { actor: bob, code, address: '192.0.2.9' }),
    ).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    s.advance(2000);
    expect(await signInByCode(ctx, { actor: bob, code, address: '192.0.2.9' })).toMatchObject({
      quorum: { present: 2 },
    });
  });

  it('the code works from the day of the meeting until it closes, not before', async () => {
    const s = await setUp();
    const { ctx, members, admin } = s;
    const { code } = await calledForToday(s);
    const ann = await actorFor(ctx, members[0]!.personId);
    const dayBefore: AppContext = { ...ctx, now: () => new Date('2026-06-30T20:00:00Z') };
    await expect(
      signInByCode(dayBefore, { actor: ann, code, address: '192.0.2.1' }),
    ).rejects.toMatchObject({ code: 'SIGN_IN_CODE_UNKNOWN' });
    const { meetingId } = await signInByCode(ctx, { actor: ann, code, address: '192.0.2.1' });
    const view = await viewAttendance(ctx, { actor: admin, meetingId });
    expect(view.signInCode).toEqual({ code, shown: `${code.slice(0, 3)} ${code.slice(3)}` });
  });

  it('the secretary who opens the meeting is signed in first and counts towards the quorum', async () => {
    const s = await setUp();
    const { ctx, members, admin, story } = s;
    const { meetingId } = await calledForToday(s);
    const ids = members.map((m) => m.personId);
    // Ann is Camden's secretary as well as a member.
    await ctx.db
      .insertInto('memberships')
      .values({
        id: 'secretary-ann',
        body_id: story.camdenId,
        person_id: ids[0]!,
        role: 'secretary',
        member_number: null,
        joined_on: null,
        left_on: null,
        vote_weight: null,
        created_at: NOW,
      })
      .execute();
    await signInMembers(ctx, { actor: admin, meetingId, personIds: [ids[1]!, ids[2]!] });
    const { quorum } = await openMeeting(ctx, {
      actor: await actorFor(ctx, ids[0]!),
      meetingId,
    });
    expect(quorum).toMatchObject({ present: 3, met: true });
    const rows = await listAttendance(ctx.db, meetingId);
    expect(rows.find((r) => r.person_id === ids[0])).toMatchObject({ signed_in_by: null });
  });

  it('tells apart members of the same name by number, or by their email masked', async () => {
    const s = await setUp();
    const { ctx, members, admin } = s;
    const { meetingId } = await calledForToday(s);
    const [a, b, c] = members.map((m) => m.personId);
    await ctx.db
      .updateTable('people')
      .set({ name: 'Sam Smith' })
      .where('id', 'in', [a!, b!, c!])
      .execute();
    await ctx.db
      .updateTable('memberships')
      .set({ member_number: 'C-042' })
      .where('person_id', '=', a!)
      .execute();
    const view = await viewAttendance(ctx, { actor: admin, meetingId, search: 'SAM' });
    expect(view.entries).toHaveLength(3);
    expect(view.entries.find((e) => e.personId === a)).toMatchObject({
      memberNumber: 'C-042',
      maskedEmail: null,
    });
    expect(view.entries.find((e) => e.personId === b)?.maskedEmail).toBe('m•••@example.org');
    const others = await viewAttendance(ctx, { actor: admin, meetingId, search: 'member 00' });
    expect(others.entries.map((e) => e.maskedEmail)).toEqual([null, null, null]);
  });
});
