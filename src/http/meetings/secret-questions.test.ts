import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { openedWithMotionMoved } from '../../../test/meeting-in-session.ts';
import { testContext } from '../../../test/factories.ts';
import { api, type client, signedIn } from '../../../test/http-client.ts';
import { BEN, ISLA, northfieldWithCamdenMembers, shortNoticeRules } from '../../../test/story.ts';

/**
 * A motion of no confidence, where the standing orders make such questions secret: the question
 * is never put in the room (SECRET_BALLOT_REQUIRED); the console sends the chair to a ballot.
 */
describeEachDatabase('secret questions', (database) => {
  it('refuses to put a no-confidence question in the room when the standing orders make it secret', async () => {
    const ctx = testContext(database());
    const { camdenId } = await northfieldWithCamdenMembers(ctx, [ISLA, BEN]);
    const admin = await signedIn(ctx, 'admin@example.org');
    const isla = await signedIn(ctx, 'isla@example.org');
    const ben = await signedIn(ctx, 'ben@example.org');
    const secretary = api(admin);
    const rules = shortNoticeRules(2, { secretQuestions: ['elections', 'no-confidence'] });
    expect((await secretary('PUT', `/bodies/${camdenId}/standing-orders`, rules)).status).toBe(200);
    const called = await secretary('POST', `/bodies/${camdenId}/meetings`, {
      title: 'Special general meeting',
      startsAt: new Date(ctx.now().getTime() + 3_600_000).toISOString(),
      giveNotice: true,
    });
    const meetingId = called.body.meetingId as string;
    const drafted = await api(isla)('POST', `/bodies/${camdenId}/motions`, {
      meetingId,
      title: 'No confidence in the Treasurer',
      secretKind: 'no-confidence',
      clauses: [{ kind: 'resolves', text: 'that this branch has no confidence in the Treasurer' }],
    });
    expect(drafted.status).toBe(201);
    const motionId = drafted.body.motionId as string;
    expect((await api(isla)('GET', `/motions/${motionId}`)).body.secretKind).toBe('no-confidence');
    const editor = await (await isla.request(`/motions/${motionId}`)).text();
    expect(editor).toContain('name="secretKind"');
    expect(editor).toContain('A motion of no confidence');
    expect((await api(ben)('POST', `/motions/${motionId}/second`)).status).toBe(200);
    expect((await api(isla)('POST', `/motions/${motionId}/submit`)).status).toBe(200);
    expect((await secretary('POST', `/meetings/${meetingId}/agenda`, { motionId })).status).toBe(
      201,
    );
    await openedWithMotionMoved({ secretary, meetingId, motionId }, [api(isla), api(ben)]);
    expect(
      (await api(ben)('POST', `/motions/${motionId}/steps`, { type: 'second' })).body.status,
    ).toBe('seconded');

    // Not in the room: a clear code, and the motion is still before the meeting.
    const refused = await secretary('POST', `/motions/${motionId}/question`, {
      mode: 'show-of-hands',
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ ok: false, error: 'SECRET_BALLOT_REQUIRED' });
    expect((await api(isla)('GET', `/motions/${motionId}`)).body.status).toBe('seconded');
    const view = await secretary('GET', `/meetings/${meetingId}`);
    expect(view.body.current).toMatchObject({ secretKind: 'no-confidence', secretBallot: true });

    // The console offers no vote in the room, only a secret ballot of those present.
    const consoleHtml = await (await admin.request(`/meetings/${meetingId}/console`)).text();
    expect(consoleHtml).toContain('Put to a secret ballot of those present');
    expect(consoleHtml).not.toContain('Put the question (show of hands)');
    const byForm = await admin.form(`/meetings/${meetingId}/console/put`, {
      motionId,
      mode: 'show-of-hands',
    });
    expect(byForm.status).toBe(409);

    // Put from the console: a ballot whose electorate is the two members signed in.
    const putByConsole = await admin.form(`/meetings/${meetingId}/console/put-ballot`, {
      motionId,
    });
    expect(putByConsole.status).toBe(303);
    const put = (await secretary('GET', `/meetings/${meetingId}`)).body.questionPut;
    expect(put).toMatchObject({ mode: 'secret-ballot', ballot: { state: 'open', electorate: 2 } });
    const ballotId = put.ballot.id as string;
    expect((await secretary('GET', `/ballots/${ballotId}`)).body).toMatchObject({
      secret: true,
      state: 'open',
    });

    // Each member present gets a link on their meeting page and votes on their phone, once.
    const islaPage = await (await isla.request(`/meetings/${meetingId}`)).text();
    expect(islaPage).toContain(`href="/ballots/${ballotId}"`);
    expect(islaPage).toContain('Vote now, by secret ballot');
    // The ballot page shows what is voted on: the motion's own text, clause by clause.
    const ballotPage = await (await isla.request(`/ballots/${ballotId}`)).text();
    expect(ballotPage).toContain('The motion you are voting on');
    expect(ballotPage).toContain('<strong>No confidence in the Treasurer</strong>');
    expect(ballotPage).toMatch(/<li>[^<]*has no confidence in the Treasurer<\/li>/);
    expect((await api(isla)('POST', `/ballots/${ballotId}/votes`, { choice: 'for' })).status).toBe(
      201,
    );
    expect(
      (await api(isla)('POST', `/ballots/${ballotId}/votes`, { choice: 'against' })).body.error,
    ).toBe('ALREADY_VOTED');
    expect(await (await isla.request(`/meetings/${meetingId}`)).text()).toContain(
      'You have voted in the secret ballot',
    );
    // The administrator is not a member present: not on the electorate.
    expect(
      (await secretary('POST', `/ballots/${ballotId}/votes`, { choice: 'for' })).body.error,
    ).toBe('NOT_ELIGIBLE');
    expect((await api(ben)('POST', `/ballots/${ballotId}/votes`, { choice: 'for' })).status).toBe(
      201,
    );

    // The console shows the turnout live and a button to close the vote.
    const voting = await (await admin.request(`/meetings/${meetingId}/console`)).text();
    expect(voting).toContain('2 of 2 have voted.');
    expect(voting).toContain(`data-live-ballot="${ballotId}"`);
    expect(voting).toContain('Close the vote and declare the result');
    // A vote in the room cannot be recorded on it.
    const roomVote = await secretary('POST', `/questions/${put.id}/vote`, {
      mode: 'show-of-hands',
      counts: { for: 2, against: 0, abstain: 0 },
    });
    expect(roomVote.body.error).toBe('VALIDATION_FAILED');

    // Closing cannot be undone: without a yes the chair is asked, and nothing closes.
    const asked = await admin.form(`/meetings/${meetingId}/console/close-ballot`, { ballotId });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('Close the ballot and count?');
    expect((await secretary('GET', `/meetings/${meetingId}`)).body.questionPut).not.toBeNull();
    expect(
      (
        await admin.form(`/meetings/${meetingId}/console/close-ballot`, {
          ballotId,
          confirm: 'yes',
        })
      ).status,
    ).toBe(303);
    const after = (await secretary('GET', `/meetings/${meetingId}`)).body;
    expect(after.questionPut).toBeNull();
    expect(after.questions.at(-1)).toMatchObject({
      mode: 'secret-ballot',
      declared: 'carried: simple majority of votes cast, 2–0, no abstentions',
    });
    expect((await api(isla)('GET', `/motions/${motionId}`)).body.status).toBe('carried');
    expect(await (await isla.request(`/ballots/${ballotId}`)).text()).toContain(
      'Declared at the meeting: carried: simple majority of votes cast, 2–0, no abstentions.',
    );
    expect((await secretary('POST', `/meetings/${meetingId}/close`)).status).toBe(200);
    const minutes = (await secretary('GET', `/meetings/${meetingId}/minutes`)).body;
    expect(JSON.stringify(minutes)).toContain('by secret ballot of the members present');
  });

  it('puts a question to a secret ballot through the API, and takes the chair’s casting vote on a tie', async () => {
    const ctx = testContext(database());
    const people = ['isla', 'ben', 'cara', 'dev'];
    const { camdenId } = await northfieldWithCamdenMembers(
      ctx,
      people.map((p) => [`${p}@example.org`, p] as const),
    );
    let adminPage: ReturnType<typeof client> | undefined;
    const as = async (email: string) => {
      const who = await signedIn(ctx, email);
      adminPage ??= who;
      return api(who);
    };
    const secretary = await as('admin@example.org');
    const member = await Promise.all(people.map((p) => as(`${p}@example.org`)));
    await secretary(
      'PUT',
      `/bodies/${camdenId}/standing-orders`,
      shortNoticeRules(4, { tieRule: 'casting-vote' }),
    );
    const meetingId = (
      await secretary('POST', `/bodies/${camdenId}/meetings`, {
        title: 'General meeting',
        startsAt: new Date(ctx.now().getTime() + 3_600_000).toISOString(),
        giveNotice: true,
      })
    ).body.meetingId as string;
    const motionId = (
      await member[0]!('POST', `/bodies/${camdenId}/motions`, {
        meetingId,
        title: 'Rent control',
        clauses: [{ kind: 'resolves', text: 'to campaign for rent control' }],
      })
    ).body.motionId as string;
    await member[0]!('POST', `/motions/${motionId}/submit`);
    await secretary('POST', `/meetings/${meetingId}/agenda`, { motionId });
    for (const m of member) await m('POST', `/meetings/${meetingId}/attendance`, {});
    expect((await secretary('POST', `/meetings/${meetingId}/open`)).status).toBe(200);
    await member[0]!('POST', `/motions/${motionId}/steps`, { type: 'move' });
    await member[1]!('POST', `/motions/${motionId}/steps`, { type: 'second' });
    await member[3]!('POST', `/meetings/${meetingId}/attendance/sign-out`, {});

    // 3 present, quorum 4: no ballot.
    const refused = await secretary('POST', `/motions/${motionId}/question`, {
      mode: 'secret-ballot',
    });
    expect(refused).toMatchObject({ status: 409, body: { error: 'QUORUM_NOT_MET' } });
    await member[3]!('POST', `/meetings/${meetingId}/attendance`, {});

    const put = await secretary('POST', `/motions/${motionId}/question`, { mode: 'secret-ballot' });
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ on: 'motion', ballotId: expect.any(String) });
    const ballotId = put.body.ballotId as string;
    for (const [i, choice] of ['for', 'against', 'for', 'against'].entries())
      expect((await member[i]!('POST', `/ballots/${ballotId}/votes`, { choice })).status).toBe(201);
    expect((await secretary('POST', `/ballots/${ballotId}/close`)).status).toBe(200);

    // Votes equal: the question waits for the chair, who gives the casting vote openly.
    const waiting = (await secretary('GET', `/meetings/${meetingId}`)).body.questionPut;
    expect(waiting.ballot).toMatchObject({
      state: 'closed',
      counts: { for: 2, against: 2, abstain: 0 },
    });
    const console = await (await adminPage!.request(`/meetings/${meetingId}/console`)).text();
    expect(console).toContain('The votes are equal: 2 for, 2 against, 0 abstaining.');
    expect(console).toContain('Casting vote for');
    expect(console).toContain('Give no casting vote (not carried)');
    const declared = await secretary('POST', `/questions/${put.body.questionId}/vote`, {
      mode: 'secret-ballot',
      castingVote: 'for',
    });
    expect(declared.body).toMatchObject({
      ok: true,
      outcome: 'carried',
      declared: "carried on the chair's casting vote: votes equal, 2–2, no abstentions",
    });
    const again = await secretary('POST', `/questions/${put.body.questionId}/vote`, {
      mode: 'secret-ballot',
      castingVote: 'for',
    });
    expect(again.body.error).toBe('QUESTION_ALREADY_PUT');
  });
});
