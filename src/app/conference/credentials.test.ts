import { expect, it } from 'vitest';
import { smallConference } from '../../../test/conference.ts';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { actorFor, northfield, personWithAccount } from '../../../test/story.ts';
import type { AppContext } from '../common/context.ts';
import { scheduleMeeting } from '../meetings/schedule-meeting.ts';
import { addConferenceSession } from './add-session.ts';
import { myCredential } from './credential-code.ts';
import { issueCredentials } from './issue-credentials.ts';
import { nameDelegates } from './name-delegates.ts';
import { reissueCredential } from './reissue-credential.ts';
import { revokeCredential, scanCredential } from './scan-credential.ts';
import { viewCredentials } from './view-credentials.ts';

/** A conference with Camden's delegation of two, Ann and Bea, and no sessions yet. */
async function twoDelegates(ctx: AppContext, story: Awaited<ReturnType<typeof northfield>>) {
  const { meetingId } = await scheduleMeeting(ctx, {
    actor: story.admin,
    bodyId: story.nationalId,
    title: 'Conference',
    startsAt: '2026-09-27T09:00:00Z',
  });
  const ids = await smallConference(ctx, story.admin, meetingId, story.camdenId, 1500);
  const ann = await personWithAccount(ctx, 'ann@example.org');
  const bea = await personWithAccount(ctx, 'bea@example.org');
  await nameDelegates(ctx, {
    actor: story.admin,
    delegationId: ids.delegations,
    makeUp: { delegates: [ann, bea], substitutes: [], leader: ann },
  });
  return { meetingId, ann, bea };
}

const auditCount = async (ctx: AppContext, action: string) =>
  (await ctx.db.selectFrom('audit_events').select('action').where('action', '=', action).execute())
    .length;

describeEachDatabase('conference credentials', (database) => {
  it('checks delegates in and out of each session by code, with attendance and quorum per session', async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    const { meetingId, ann, bea } = await twoDelegates(ctx, story);
    const [a, b] = await issueCredentials(ctx, { actor: story.admin, meetingId });
    const scan = (code: string, sessionId?: string) =>
      scanCredential(ctx, { actor: story.admin, meetingId, code, sessionId: sessionId ?? null });
    // No session yet: the door has nothing to check delegates in to.
    await expect(scan(a!.code!)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

    const add = (title: string, startsAt: string, quorum: number | null) =>
      addConferenceSession(ctx, { actor: story.admin, meetingId, title, startsAt, quorum });
    // The test clock stands before both: the door's default is the first.
    const { sessionId: sunday } = await add('Sunday afternoon', '2030-09-27T13:00:00Z', 2);
    const { sessionId: monday } = await add('Monday morning', '2030-09-28T09:00:00Z', null);

    expect(await scan(a!.code!)).toEqual({
      personId: ann,
      sessionId: sunday,
      state: 'in',
      present: 1,
      quorate: false,
    });
    expect(await scan(b!.code!.toLowerCase(), sunday)).toMatchObject({ present: 2, quorate: true });
    // Monday's door is its own: Ann in there leaves Sunday as it was.
    expect(await scan(a!.code!, monday)).toMatchObject({ state: 'in', present: 1, quorate: true });
    expect(await scan(a!.code!, sunday)).toMatchObject({
      state: 'out',
      present: 1,
      quorate: false,
    });
    await expect(scan('not-a-code')).rejects.toMatchObject({ code: 'SIGN_IN_CODE_UNKNOWN' });

    const door = await viewCredentials(ctx, { actor: story.admin, meetingId });
    expect(door.currentSessionId).toBe(sunday);
    expect(door.sessions.map((s) => [s.title, s.present, s.quorum, s.quorate])).toEqual([
      ['Sunday afternoon', 1, 2, false],
      ['Monday morning', 1, null, true],
    ]);
    expect(door.delegates.map((d) => [d.personId, d.state, d.inSessions])).toEqual([
      [ann, 'issued', [monday]],
      [bea, 'issued', [sunday]],
    ]);
    expect(await myCredential(ctx, meetingId, bea)).toEqual({
      state: 'issued',
      session: { id: sunday, title: 'Sunday afternoon' },
      attendance: 'in',
    });

    // Revoked, Bea's code no longer opens the door and she no longer counts as in.
    await revokeCredential(ctx, { actor: story.admin, meetingId, personId: bea });
    await expect(scan(b!.code!, sunday)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    const after = await viewCredentials(ctx, { actor: story.admin, meetingId });
    expect(after.sessions.map((s) => s.present)).toEqual([0, 1]);
    expect(await myCredential(ctx, meetingId, bea)).toMatchObject({
      state: 'revoked',
      attendance: null,
    });
    expect(await auditCount(ctx, 'conference.sessionAdded')).toBe(2);
    expect(await auditCount(ctx, 'conference.credentialRevoked')).toBe(1);
  });

  it('keeps only a code’s hash: a delegate draws a new one, which ends the old, whatever the server key', async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    const { meetingId, ann, bea } = await twoDelegates(ctx, story);
    await addConferenceSession(ctx, {
      actor: story.admin,
      meetingId,
      title: 'Sunday',
      startsAt: '2030-09-27T13:00:00Z',
      quorum: null,
    });
    const [first] = await issueCredentials(ctx, { actor: story.admin, meetingId });
    const stored = await ctx.db
      .selectFrom('conference_credentials')
      .select('code_hash')
      .where('person_id', '=', ann)
      .executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(first!.code!);
    // Issuing again keeps the code already issued (and draws none to show).
    expect((await issueCredentials(ctx, { actor: story.admin, meetingId }))[0]!.code).toBeNull();

    // A new server key changes nothing: the code was drawn at random, not derived from it.
    await ctx.db.deleteFrom('server_keys').execute();
    const scan = (code: string) =>
      scanCredential(ctx, { actor: story.admin, meetingId, code, sessionId: null });
    expect(await scan(first!.code!)).toMatchObject({ personId: ann, state: 'in' });

    // Ann's phone draws her a new code: the old one stops working, the new one works.
    const annActor = await actorFor(ctx, ann);
    const mine = await reissueCredential(ctx, { actor: annActor, meetingId });
    expect(mine.personId).toBe(ann);
    expect(mine.code).toMatch(/^[A-Z2-9]{10}$/);
    await expect(scan(first!.code!)).rejects.toMatchObject({ code: 'SIGN_IN_CODE_UNKNOWN' });
    expect(await scan(mine.code)).toMatchObject({ personId: ann, state: 'out' });
    // Ann may not draw Bea's; the desk may.
    await expect(
      reissueCredential(ctx, { actor: annActor, meetingId, personId: bea }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) });
    const desk = await reissueCredential(ctx, { actor: story.admin, meetingId, personId: bea });
    expect(await scan(desk.code)).toMatchObject({ personId: bea, state: 'in' });
    expect(await auditCount(ctx, 'conference.credentialReissued')).toBe(2);

    // A revoked credential draws no code; issued again, it has a new one.
    await revokeCredential(ctx, { actor: story.admin, meetingId, personId: bea });
    await expect(
      reissueCredential(ctx, { actor: story.admin, meetingId, personId: bea }),
    ).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    const [again] = await issueCredentials(ctx, { actor: story.admin, meetingId, personId: bea });
    expect(again!.code).toMatch(/^[A-Z2-9]{10}$/);
    await expect(scan(desk.code)).rejects.toMatchObject({ code: 'SIGN_IN_CODE_UNKNOWN' });
  });
});
