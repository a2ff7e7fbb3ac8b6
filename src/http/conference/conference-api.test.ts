import { expect, it } from 'vitest';
import { smallConference } from '../../../test/conference.ts';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { api, signedIn } from '../../../test/http-client.ts';
import { branchOf, northfield, personWithAccount } from '../../../test/story.ts';
import { nameDelegates } from '../../app/conference/name-delegates.ts';
import { scheduleMeeting } from '../../app/meetings/schedule-meeting.ts';

describeEachDatabase('the conference API', (database) => {
  it('sets up, takes submissions, rules, composites and declares a split card vote, with typed answers', async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    const leaderId = await personWithAccount(ctx, 'lee@example.org', { name: 'Lee Leader' });
    const { meetingId } = await scheduleMeeting(ctx, {
      actor: story.admin,
      bodyId: story.nationalId,
      title: 'Annual conference',
      startsAt: '2026-09-27T09:00:00Z',
    });
    const admin = api(await signedIn(ctx, 'admin@example.org'));
    const setUp = await admin('POST', `/meetings/${meetingId}/conference`, {
      sections: [
        { key: 'clp', name: 'Local parties', share: '1/2' },
        { key: 'affiliates', name: 'Affiliates', share: '1/2' },
      ],
      formula: { membersPerDelegate: 750, minimum: 1, maximum: null },
      rules: {
        submissions: {
          wordLimit: 250,
          opensAt: null,
          closesAt: '2026-09-10T12:00:00Z',
          perOrganisation: 1,
        },
        delegatesCloseAt: null,
        priorities: { perSection: 1, choicesPerPaper: 1 },
      },
    });
    expect(setUp.status).toBe(201);
    const bad = await admin('POST', `/meetings/${meetingId}/conference`, { sections: [] });
    expect(bad.status).toBe(400);

    const delegations: string[] = [];
    const spec = [
      ['clp', 1500],
      ['clp', 500],
      ['affiliates', 30_000],
      ['affiliates', 10_000],
    ] as const;
    for (const [i, [section, members]] of spec.entries()) {
      const bodyId = await branchOf(ctx, story.admin, story.nationalId, `Delegation ${i}`);
      const res = await admin('POST', `/conferences/${meetingId}/delegations`, {
        bodyId,
        section,
        members,
      });
      expect(res.status).toBe(201);
      delegations.push(res.body.delegationId as string);
    }
    expect(
      (
        await admin('PUT', `/delegations/${delegations[0]}/delegates`, {
          delegates: [leaderId],
          substitutes: [],
          leader: leaderId,
        })
      ).status,
    ).toBe(200);

    const submissions: string[] = [];
    for (const [i, d] of delegations.entries()) {
      const res = await admin('POST', `/delegations/${d}/submissions`, {
        kind: 'motion',
        title: `Motion ${i}`,
        clauses: [{ kind: 'resolves', text: `to do thing ${i}` }],
      });
      expect(res.status).toBe(201);
      submissions.push(res.body.submissionId as string);
      const ruled = await admin('POST', `/submissions/${res.body.submissionId}/ruling`, {
        ruling: { kind: 'in' },
        subject: 'Rail',
        recommendation: 'accept',
      });
      expect(ruled.body).toEqual({
        ok: true,
        submissionId: res.body.submissionId,
        status: 'in-order',
      });
    }
    expect(
      (
        await admin('POST', `/submissions/${submissions[0]}/ruling`, {
          ruling: { kind: 'out', reason: '' },
        })
      ).body.error,
    ).toBe('VALIDATION_FAILED');

    const leaderClient = await signedIn(ctx, 'lee@example.org');
    const leader = api(leaderClient);
    expect(
      (await leader('POST', `/delegations/${delegations[0]}/priorities`, { subjects: ['Rail'] }))
        .status,
    ).toBe(200);
    expect(
      (await leader('POST', `/delegations/${delegations[0]}/priorities`, { subjects: ['Rail'] }))
        .body.error,
    ).toBe('ALREADY_VOTED');
    // Someone who may not see another branch is told it was not found.
    expect(
      (await leader('POST', `/delegations/${delegations[1]}/priorities`, { subjects: ['Rail'] }))
        .status,
    ).toBe(404);
    const counted = await admin('POST', `/conferences/${meetingId}/priorities/count`, {});
    expect(counted.body).toEqual({ ok: true, debated: ['Rail'] });

    const composite = await admin('POST', `/conferences/${meetingId}/composites`, {
      submissionIds: submissions,
      moverDelegationId: delegations[0],
      seconderDelegationId: delegations[2],
      title: 'Composite 1',
    });
    expect(composite.status).toBe(201);
    const opened = await admin('POST', `/submissions/${composite.body.compositeId}/card-votes`, {});
    const voteId = opened.body.cardVoteId as string;
    const card = (who: typeof admin, delegationId: string, f: number, a: number) =>
      who('POST', `/card-votes/${voteId}/cards`, { delegationId, for: f, against: a, abstain: 0 });
    // The leader casts the delegation's split card from the phone page, without JavaScript.
    const phonePage = await (await leaderClient.request(`/conferences/${meetingId}`)).text();
    expect(phonePage).toContain('Your delegation: Delegation 0 (clp), card of 1500');
    expect(phonePage).toContain('Composite 1');
    const posted = await leaderClient.form(`/conferences/${meetingId}/cards/${voteId}`, {
      delegationId: delegations[0]!,
      for: '1000',
      against: '500',
      abstain: '0',
    });
    expect(posted.status).toBe(303);
    expect(await (await leaderClient.request(`/conferences/${meetingId}`)).text()).toContain(
      'card has been cast',
    );
    expect((await leaderClient.request(`/conferences/${meetingId}/desk`)).status).toBe(403);
    expect((await card(admin, delegations[1]!, 600, 0)).body.error).toBe('TOO_MANY_VOTES');
    await card(admin, delegations[1]!, 0, 500);
    await card(admin, delegations[2]!, 30_000, 0);
    await card(admin, delegations[3]!, 0, 10_000);
    const closed = await admin('POST', `/card-votes/${voteId}/close`, {});
    // Local parties 1,000 for, 1,000 against: 1/4 each; affiliates 30,000 for, 10,000 against:
    // 3/8 and 1/8. For 5/8, against 3/8.
    expect(closed.body.result).toMatchObject({ for: '5/8', against: '3/8', outcome: 'carried' });

    const adminClient = await signedIn(ctx, 'admin@example.org');
    const deskPage = await (await adminClient.request(`/conferences/${meetingId}/desk`)).text();
    expect(deskPage).toContain('Carried: for 62.500% (5/8), against 37.500% (3/8)');
    const phone = await leader('GET', `/conferences/${meetingId}`);
    expect(phone.status).toBe(200);
    expect(phone.body.myDelegation).toMatchObject({ leader: true, name: 'Delegation 0' });
    expect(phone.body.cardVotes[0]).toMatchObject({ myCardCast: true, open: false });
    const desk = await admin('GET', `/conferences/${meetingId}`);
    expect(desk.body.submissions).toHaveLength(5);
    const branch = await admin(
      'GET',
      `/bodies/${(desk.body.delegations as { bodyId: string }[])[0]!.bodyId}/conference-submissions`,
    );
    expect(branch.body[0]).toMatchObject({ status: 'carried', result: { for: '5/8' } });
  });

  it('adds a session, issues credentials, gives the delegate a code of their own, checks them in to the session by it and revokes it, with typed answers', async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    const leaderId = await personWithAccount(ctx, 'lee@example.org', { name: 'Lee Leader' });
    const { meetingId } = await scheduleMeeting(ctx, {
      actor: story.admin,
      bodyId: story.nationalId,
      title: 'Annual conference',
      startsAt: '2026-09-27T09:00:00Z',
    });
    const ids = await smallConference(ctx, story.admin, meetingId, story.camdenId);
    await nameDelegates(ctx, {
      actor: story.admin,
      delegationId: ids.delegations,
      makeUp: { delegates: [leaderId], substitutes: [], leader: leaderId },
    });
    const admin = api(await signedIn(ctx, 'admin@example.org'));
    const leader = api(await signedIn(ctx, 'lee@example.org'));
    expect((await leader('GET', `/conferences/${meetingId}`)).body.myCredential).toBeNull();
    // Only the organisers issue credentials; a delegate is told there is no such thing to act on.
    expect((await leader('POST', `/conferences/${meetingId}/credentials`, {})).status).toBe(404);
    const issued = await admin('POST', `/conferences/${meetingId}/credentials`, {});
    expect(issued.body).toEqual({ ok: true, issued: 1 });
    const session = await admin('POST', `/conferences/${meetingId}/sessions`, {
      title: 'Sunday afternoon',
      startsAt: '2026-09-27T13:00:00+01:00',
      quorum: 1,
    });
    expect(session.body).toEqual({ ok: true, sessionId: expect.any(String) });
    const { sessionId } = session.body;

    expect((await leader('GET', `/conferences/${meetingId}`)).body.myCredential).toEqual({
      state: 'issued',
      session: { id: sessionId, title: 'Sunday afternoon' },
      attendance: null,
    });
    // Only a hash is kept: the delegate draws a code to show, this once.
    const mine = await leader('POST', `/conferences/${meetingId}/my-code`, {});
    expect(mine.body).toEqual({
      ok: true,
      personId: leaderId,
      code: expect.stringMatching(/^[A-Z2-9]{10}$/),
    });
    const code: string = mine.body.code;
    // Someone with no credential here draws none.
    expect((await admin('POST', `/conferences/${meetingId}/my-code`, {})).status).toBe(404);

    const typed = `${code.slice(0, 5).toLowerCase()} ${code.slice(5)}`;
    const scanned = await admin('POST', `/conferences/${meetingId}/door`, { code: typed });
    expect(scanned.body).toEqual({
      ok: true,
      personId: leaderId,
      sessionId,
      state: 'in',
      present: 1,
      quorate: true,
    });
    expect((await leader('GET', `/conferences/${meetingId}`)).body.myCredential.attendance).toBe(
      'in',
    );
    const list = await admin('GET', `/conferences/${meetingId}/credentials`);
    expect(list.body).toEqual({
      meetingId,
      currentSessionId: sessionId,
      sessions: [
        {
          id: sessionId,
          title: 'Sunday afternoon',
          startsAt: '2026-09-27T12:00:00.000Z',
          quorum: 1,
          present: 1,
          quorate: true,
        },
      ],
      delegates: [
        {
          personId: leaderId,
          name: 'Lee Leader',
          delegation: expect.any(String),
          leader: true,
          state: 'issued',
          inSessions: [sessionId],
        },
      ],
    });
    expect(
      (await admin('POST', `/conferences/${meetingId}/door`, { code: 'NOPE', sessionId })).body
        .error,
    ).toBe('SIGN_IN_CODE_UNKNOWN');

    // The desk draws a new code for a lost phone: the old one stops opening the door.
    const desk = await admin('POST', `/conferences/${meetingId}/credentials/reissue`, {
      personId: leaderId,
    });
    expect(desk.body).toMatchObject({ ok: true, personId: leaderId });
    const stale = await admin('POST', `/conferences/${meetingId}/door`, { code });
    expect(stale.body.error).toBe('SIGN_IN_CODE_UNKNOWN');

    const revoked = await admin('POST', `/conferences/${meetingId}/credentials/revoke`, {
      personId: leaderId,
    });
    expect(revoked.body).toEqual({ ok: true, personId: leaderId, state: 'revoked' });
    expect((await leader('GET', `/conferences/${meetingId}`)).body.myCredential).toMatchObject({
      state: 'revoked',
      attendance: null,
    });
    const refused = await admin('POST', `/conferences/${meetingId}/door`, { code: desk.body.code });
    expect([refused.status, refused.body.error]).toEqual([410, 'TOKEN_INVALID']);
    const again = await leader('POST', `/conferences/${meetingId}/my-code`, {});
    expect([again.status, again.body.error]).toEqual([410, 'TOKEN_INVALID']);
  });
});
