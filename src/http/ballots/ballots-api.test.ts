import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { addMembers, sessionFor, testContext } from '../../../test/factories.ts';
import { sseReader } from '../../../test/live-room.ts';
import { northfield } from '../../../test/story.ts';
import type { AppContext } from '../../app/common/context.ts';
import { createHttpApp } from '../app.tsx';

const ORIGIN = 'http://seconded.test';

function client(app: ReturnType<typeof createHttpApp>, token: string) {
  const request = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', `seconded_session=${token}`);
    return app.request(`${ORIGIN}${path}`, { ...init, headers });
  };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { request, call };
}

async function setUp(ctx: AppContext) {
  const story = await northfield(ctx);
  const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
  const admin = client(app, await sessionFor(ctx, story.adminId));
  // Signed-in members, each with a JSON client.
  const signedIn = ({ personId, token }: { personId: string; token: string }) => ({
    personId,
    ...client(app, token),
  });
  const voters = (await addMembers(ctx, story.camdenId, 5)).map(signedIn);
  const [outsider] = (await addMembers(ctx, story.hackneyId, 1)).map(signedIn);
  return { ...story, app, admin, voters, outsider: outsider! };
}

describeEachDatabase('the ballots API', (database) => {
  it('drafts, opens, takes votes with receipts, refuses second votes, closes and publishes the box', async () => {
    const ctx = testContext(database());
    const { admin, camdenId, voters } = await setUp(ctx);

    const drafted = await admin.call('POST', `/api/v1/bodies/${camdenId}/ballots`, {
      question: 'That this branch affiliates to the federation.',
    });
    expect(drafted.status).toBe(201);
    const ballotId = drafted.body.ballotId as string;

    // Nobody votes in a draft.
    const early = await voters[0]!.call('POST', `/api/v1/ballots/${ballotId}/votes`, {
      choice: 'for',
    });
    expect([early.status, early.body.error]).toEqual([409, 'BALLOT_NOT_OPEN']);
    // Members cannot open it; the admin can, once.
    expect((await voters[0]!.call('POST', `/api/v1/ballots/${ballotId}/open`)).status).toBe(403);
    const opened = await admin.call('POST', `/api/v1/ballots/${ballotId}/open`);
    expect(opened).toEqual({ status: 200, body: { ok: true, electorate: 5 } });
    const again = await admin.call('POST', `/api/v1/ballots/${ballotId}/open`);
    expect([again.status, again.body.error]).toEqual([409, 'CONFLICT']);

    const choices = ['for', 'for', 'against', 'abstain'];
    const receipts: string[] = [];
    for (const [i, choice] of choices.entries()) {
      const cast = await voters[i]!.call('POST', `/api/v1/ballots/${ballotId}/votes`, { choice });
      expect(cast.status).toBe(201);
      expect(cast.body.receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      receipts.push(cast.body.receipt as string);
    }
    const twice = await voters[0]!.call('POST', `/api/v1/ballots/${ballotId}/votes`, {
      choice: 'against',
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ ok: false, error: 'ALREADY_VOTED' });

    const during = await voters[1]!.call('GET', `/api/v1/ballots/${ballotId}`);
    expect(during.status).toBe(200);
    expect(during.body).toMatchObject({
      state: 'open',
      secret: true,
      voted: 4,
      electorate: 5,
      result: null,
      me: { eligible: true, voted: true },
      canRun: false,
    });
    expect((await voters[4]!.call('GET', `/api/v1/ballots/${ballotId}`)).body.me).toMatchObject({
      eligible: true,
      voted: false,
    });
    const notYet = await voters[0]!.call('GET', `/api/v1/ballots/${ballotId}/box`);
    expect([notYet.status, notYet.body.error]).toEqual([409, 'BALLOT_NOT_OPEN']);
    // Before the close a receipt is found, not yet counted.
    expect(
      await voters[0]!.call('GET', `/api/v1/ballots/${ballotId}/receipts/${receipts[0]}`),
    ).toEqual({ status: 200, body: { found: true, counted: false } });

    expect((await voters[0]!.call('POST', `/api/v1/ballots/${ballotId}/close`)).status).toBe(403);
    const unconfirmed = await admin.call('POST', `/api/v1/ballots/${ballotId}/close`);
    expect(unconfirmed).toMatchObject({ status: 409, body: { error: 'CLOSE_NOT_CONFIRMED' } });
    const closed = await admin.call('POST', `/api/v1/ballots/${ballotId}/close`, { confirm: true });
    expect(closed.status).toBe(200);
    expect(closed.body.result).toMatchObject({
      kind: 'yes-no',
      for: 2,
      against: 1,
      abstain: 1,
      votes: 4,
      electorate: 5,
      outcome: 'carried',
    });
    const late = await voters[4]!.call('POST', `/api/v1/ballots/${ballotId}/votes`, {
      choice: 'for',
    });
    expect([late.status, late.body.error]).toEqual([409, 'BALLOT_CLOSED']);
    const closeAgain = await admin.call('POST', `/api/v1/ballots/${ballotId}/close`, {
      confirm: true,
    });
    expect([closeAgain.status, closeAgain.body.error]).toEqual([409, 'CONFLICT']);

    // Every receipt is found and counted, however it is typed; an invented one is not.
    for (const [i, receipt] of receipts.entries()) {
      const check = await voters[i]!.call(
        'GET',
        `/api/v1/ballots/${ballotId}/receipts/${receipt.toLowerCase()}`,
      );
      expect(check).toEqual({ status: 200, body: { found: true, counted: true } });
    }
    expect(
      (await voters[0]!.call('GET', `/api/v1/ballots/${ballotId}/receipts/AAAA-BBBB-CCCC`)).body,
    ).toEqual({ found: false, counted: false });

    const box = await voters[4]!.call('GET', `/api/v1/ballots/${ballotId}/box`);
    expect(box.status).toBe(200);
    expect(box.body.choices).toEqual([
      { choice: 'abstain', weight: 1, papers: 1 },
      { choice: 'against', weight: 1, papers: 1 },
      { choice: 'for', weight: 2, papers: 2 },
    ]);
    expect(box.body.receipts).toHaveLength(4);
    expect(box.body.blt).toBeNull();
    // The published box names nobody.
    const published = JSON.stringify(box.body);
    for (const v of voters) expect(published).not.toContain(v.personId);

    const list = await voters[0]!.call('GET', `/api/v1/bodies/${camdenId}/ballots`);
    expect(list.status).toBe(200);
    expect(
      (list.body.ballots as { id: string; state: string }[]).map((b) => [b.id, b.state]),
    ).toEqual([[ballotId, 'closed']]);
  });

  it('answers mistakes with stable codes: 400 for bad input, 401, 403 for non-electors, 404 for other branches', async () => {
    const ctx = testContext(database());
    const { app, admin, camdenId, hackneyId, voters, outsider } = await setUp(ctx);
    const bad = async (body: unknown, field: string) => {
      const res = await admin.call('POST', `/api/v1/bodies/${camdenId}/ballots`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe('VALIDATION_FAILED');
      expect(
        (res.body.problems as { path: string }[]).map((p) => p.path),
        JSON.stringify(body),
      ).toContain(field);
    };
    await bad({}, 'question');
    await bad({ question: '   ' }, 'question');
    await bad({ question: 'x'.repeat(2001) }, 'question');
    await bad({ question: 'Q', kind: 'referendum' }, 'kind');
    await bad({ question: 'Q', kind: 'choice', options: ['only one'] }, 'options');
    await bad({ question: 'Q', kind: 'choice', options: ['same', 'same'] }, 'options');
    await bad({ question: 'Q', kind: 'ranked', seats: 0 }, 'seats');
    await bad({ question: 'Q', threshold: 'most-shouting' }, 'threshold');
    await bad({ question: 'Q', closesAt: 'next Tuesday' }, 'closesAt');
    await bad({ question: 'Q', secret: 'yes' }, 'secret');
    // Not JSON at all.
    const garbled = await admin.request(`/api/v1/bodies/${camdenId}/ballots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"question": ',
    });
    expect(garbled.status).toBe(400);
    expect(((await garbled.json()) as { error: string }).error).toBe('VALIDATION_FAILED');

    const { body } = await admin.call('POST', `/api/v1/bodies/${camdenId}/ballots`, {
      question: 'Which day for meetings?',
      kind: 'choice',
      options: ['Monday', 'Thursday'],
    });
    const ballotId = body.ballotId as string;
    await admin.call('POST', `/api/v1/ballots/${ballotId}/open`);

    const vote = (who: ReturnType<typeof client>, choice: unknown) =>
      who.call('POST', `/api/v1/ballots/${ballotId}/votes`, { choice });
    for (const choice of [2, -1, 'for', 'x'.repeat(11), null, [0, 1], { option: 0 }]) {
      const res = await vote(voters[0]!, choice);
      expect(res.status, JSON.stringify(choice)).toBe(400);
      expect(res.body.error).toBe('VALIDATION_FAILED');
    }
    const noChoice = await voters[0]!.call('POST', `/api/v1/ballots/${ballotId}/votes`, {});
    expect([noChoice.status, noChoice.body.error]).toEqual([400, 'VALIDATION_FAILED']);
    // Refused attempts leave no trace on the roll: the member can still vote.
    expect((await vote(voters[0]!, 1)).status).toBe(201);
    expect((await vote(voters[1]!, '0')).status).toBe(201);

    // The admin may run the ballot but is not on Camden's electorate.
    const admins = await vote(admin, 0);
    expect([admins.status, admins.body.error]).toEqual([403, 'NOT_ELIGIBLE']);

    // A member of Hackney cannot see Camden's ballot, vote in it, follow it or check receipts.
    for (const [method, path, payload] of [
      ['GET', `/api/v1/ballots/${ballotId}`, undefined],
      ['POST', `/api/v1/ballots/${ballotId}/votes`, { choice: 0 }],
      ['GET', `/api/v1/ballots/${ballotId}/receipts/AAAA-BBBB-CCCC`, undefined],
      ['GET', `/api/v1/ballots/${ballotId}/box`, undefined],
      ['GET', `/api/v1/ballots/${ballotId}/events`, undefined],
      ['GET', `/api/v1/bodies/${camdenId}/ballots`, undefined],
    ] as const) {
      const res = await outsider.call(method, path, payload);
      expect(res.status, `${method} ${path}`).toBe(
        path.endsWith('/votes') ? 403 : path.includes('/bodies/') ? 403 : 404,
      );
    }
    // Nor draft one in Camden, nor in their own branch as a plain member.
    const drafts = await outsider.call('POST', `/api/v1/bodies/${camdenId}/ballots`, {
      question: 'Q',
    });
    expect(drafts.status).toBe(403);
    const own = await outsider.call('POST', `/api/v1/bodies/${hackneyId}/ballots`, {
      question: 'Q',
    });
    expect([own.status, own.body.error]).toEqual([403, 'FORBIDDEN']);

    const unknown = await voters[0]!.call('GET', `/api/v1/ballots/no-such-ballot`);
    expect([unknown.status, unknown.body.error]).toEqual([404, 'NOT_FOUND']);
    const unknownVote = await voters[0]!.call('POST', `/api/v1/ballots/no-such-ballot/votes`, {
      choice: 0,
    });
    expect([unknownVote.status, unknownVote.body.error]).toEqual([404, 'NOT_FOUND']);

    const anonymous = await app.request(`${ORIGIN}/api/v1/ballots/${ballotId}/votes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ choice: 0 }),
    });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: string }).error).toBe('NOT_SIGNED_IN');
  });

  it('streams the turnout, then each new turnout, then the result at the close', async () => {
    const ctx = testContext(database());
    const { admin, camdenId, voters } = await setUp(ctx);
    const { body } = await admin.call('POST', `/api/v1/bodies/${camdenId}/ballots`, {
      question: 'That the branch meets monthly.',
    });
    const ballotId = body.ballotId as string;
    await admin.call('POST', `/api/v1/ballots/${ballotId}/open`);
    await voters[0]!.call('POST', `/api/v1/ballots/${ballotId}/votes`, { choice: 'for' });

    const res = await voters[1]!.request(`/api/v1/ballots/${ballotId}/events`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = sseReader(res);
    try {
      expect(await events.next()).toEqual({
        id: expect.any(String),
        event: 'turnout',
        data: { voted: 1, electorate: 5, state: 'open' },
      });
      expect(
        (await voters[2]!.call('POST', `/api/v1/ballots/${ballotId}/votes`, { choice: 'against' }))
          .status,
      ).toBe(201);
      expect(await events.next()).toEqual({
        id: expect.any(String),
        event: 'turnout',
        data: { voted: 2 },
      });
      // A refused vote changes nothing and sends nothing; the next event is the result.
      await voters[2]!.call('POST', `/api/v1/ballots/${ballotId}/votes`, { choice: 'for' });
      await voters[3]!.call('POST', `/api/v1/ballots/${ballotId}/votes`, { choice: 'for' });
      expect(await events.next()).toEqual({
        id: expect.any(String),
        event: 'turnout',
        data: { voted: 3 },
      });
      await admin.call('POST', `/api/v1/ballots/${ballotId}/close`, { confirm: true });
      const closed = await events.next();
      expect(closed.event).toBe('closed');
      expect(closed.data).toMatchObject({
        result: { kind: 'yes-no', for: 2, against: 1, abstain: 0, votes: 3, outcome: 'carried' },
      });
      // Whoever connects after the close is sent the result at once.
      const late = sseReader(await voters[4]!.request(`/api/v1/ballots/${ballotId}/events`));
      try {
        expect(await late.next()).toMatchObject({
          event: 'closed',
          data: { result: { votes: 3, outcome: 'carried' } },
        });
      } finally {
        await late.cancel();
      }
    } finally {
      await events.cancel();
    }
  });
});
