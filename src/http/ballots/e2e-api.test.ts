import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { addMembers, sessionFor, testContext } from '../../../test/factories.ts';
import { api, signedIn } from '../../../test/http-client.ts';
import { openedWithMotionMoved } from '../../../test/meeting-in-session.ts';
import {
  BEN,
  ISLA,
  northfield,
  northfieldWithCamdenMembers,
  shortNoticeRules,
} from '../../../test/story.ts';
import type { AppContext } from '../../app/common/context.ts';
import {
  encryptBallot,
  makePolynomial,
  makeTrusteeKey,
  openShares,
  partialDecrypt,
  type Board,
  type Ciphertext,
  type ScalarHex,
  type TrusteeKeyPayload,
  type TrusteePolynomialPayload,
} from '../../domain/e2e/index.ts';
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
  const signedIn = ({ personId, token }: { personId: string; token: string }) => ({
    personId,
    ...client(app, token),
  });
  const members = (await addMembers(ctx, story.camdenId, 5)).map(signedIn);
  const [outsider] = (await addMembers(ctx, story.hackneyId, 1)).map(signedIn);
  return { ...story, app, admin, members, outsider: outsider! };
}

/** The state a device reads: GET /api/v1/ballots/:id/verifiable. */
interface State {
  setupHash: string;
  needed: number;
  stage: string;
  keys: TrusteeKeyPayload[];
  polynomials: TrusteePolynomialPayload[];
  openHash: string | null;
  electionKey: string | null;
  shape: { choices: number; min: number; max: number };
  totals: Ciphertext[] | null;
  me: { trustee: number | null; pseudonym: string | null; weight: number | null; voted: boolean };
}

describeEachDatabase('the end-to-end ballots API', (database) => {
  it('drafts with trustees, takes their keys, opens, casts, closes, decrypts and serves the board', async () => {
    const ctx = testContext(database());
    const { admin, app, camdenId, members, outsider } = await setUp(ctx);
    const [t1, t2, ...voters] = members;
    const trustees = [t1!, t2!];

    const refused = await members[0]!.call(
      'POST',
      `/api/v1/bodies/${camdenId}/verifiable-ballots`,
      {
        question: 'That this branch affiliates to the federation.',
        trustees: trustees.map((t) => t.personId),
      },
    );
    expect(refused.status).toBe(403);
    const drafted = await admin.call('POST', `/api/v1/bodies/${camdenId}/verifiable-ballots`, {
      question: 'That this branch affiliates to the federation.',
      trustees: trustees.map((t) => t.personId),
    });
    expect(drafted.status).toBe(201);
    const ballotId = drafted.body.ballotId as string;
    const base = `/api/v1/ballots/${ballotId}`;
    const state = async (who: { call: typeof admin.call }) => {
      const got = await who.call('GET', `${base}/verifiable`);
      expect(got.status).toBe(200);
      return got.body as unknown as State;
    };
    const first = await state(t1!);
    expect([first.setupHash, first.stage, first.me.trustee]).toEqual([
      drafted.body.setupHash,
      'keys',
      1,
    ]);

    // Keys: only a trustee, and only their own.
    const secrets: ScalarHex[] = [];
    const keyOf1 = makeTrusteeKey(first.setupHash, 1);
    const byOther = await voters[0]!.call('POST', `${base}/verifiable/key`, {
      payload: keyOf1.payload,
    });
    expect([byOther.status, byOther.body.error]).toEqual([403, 'FORBIDDEN']);
    for (const [i, t] of trustees.entries()) {
      const { secret, payload } = i === 0 ? keyOf1 : makeTrusteeKey(first.setupHash, i + 1);
      secrets.push(secret);
      const sent = await t.call('POST', `${base}/verifiable/key`, { payload });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ ok: true, seq: i + 1 });
    }
    const forged = await t1!.call('POST', `${base}/verifiable/polynomial`, {
      payload: { trustee: 1, commitments: [], proof: keyOf1.payload.proof, shares: [] },
    });
    expect([forged.status, forged.body.error]).toEqual([422, 'PROOF_REFUSED']);
    const withKeys = await state(t1!);
    for (const [i, t] of trustees.entries()) {
      const payload = makePolynomial(first.setupHash, i + 1, 2, withKeys.keys);
      expect((await t.call('POST', `${base}/verifiable/polynomial`, { payload })).status).toBe(201);
    }
    const shares: ScalarHex[] = [];
    for (const [i, t] of trustees.entries()) {
      const s = await state(t);
      const opened = openShares(s.setupHash, i + 1, secrets[i]!, s.polynomials);
      shares.push(opened.share);
      const sent = await t.call('POST', `${base}/verifiable/verification`, {
        payload: opened.payload,
      });
      expect(sent.status).toBe(201);
    }
    expect((await state(admin)).stage).toBe('ready');
    expect((await t1!.call('POST', `${base}/verifiable/open`)).status).toBe(403);
    const opened = await admin.call('POST', `${base}/verifiable/open`);
    expect(opened).toMatchObject({ status: 200, body: { ok: true, electorate: 5 } });

    // The plain ballot's vote is refused; the encrypted one is taken, with its tracker.
    const plain = await voters[0]!.call('POST', `${base}/votes`, { choice: 'for' });
    expect([plain.status, plain.body.error]).toEqual([409, 'CONFLICT']);
    const trackers: string[] = [];
    for (const [i, voter] of voters.entries()) {
      const s = await state(voter);
      const choices = [1, 0, 0].map((_, k) => (k === i % 2 ? 1 : 0));
      const { ballot } = encryptBallot(
        s.openHash!,
        s.electionKey!,
        s.shape,
        s.me.pseudonym!,
        choices,
      );
      const cast = await voter.call('POST', `${base}/verifiable/ballots`, { ballot });
      expect(cast.status).toBe(201);
      expect(cast.body.tracker).toMatch(/^[A-Za-z0-9_-]{43}$/);
      trackers.push(cast.body.tracker as string);
      if (i === 0) {
        const again = await voter.call('POST', `${base}/verifiable/ballots`, { ballot });
        expect([again.status, again.body.error]).toEqual([409, 'ALREADY_VOTED']);
      }
    }
    const outside = await outsider.call('POST', `${base}/verifiable/ballots`, { ballot: {} });
    expect(outside.status).toBe(404);

    const closed = await admin.call('POST', `${base}/verifiable/close`);
    expect(closed).toEqual({
      status: 200,
      body: { ok: true, ballots: 3, awaitingDecryption: true, result: null },
    });
    // The ballot's page still shows while the trustees decrypt (the page helper builds on it).
    expect((await members[4]!.request(`/ballots/${ballotId}`)).status).toBe(200);
    let last: Record<string, unknown> = {};
    for (const [i, t] of trustees.entries()) {
      const s = await state(t);
      const payload = partialDecrypt(s.openHash!, i + 1, shares[i]!, s.totals!);
      const sent = await t.call('POST', `${base}/verifiable/decryption`, { payload });
      expect(sent.status).toBe(201);
      last = sent.body;
    }
    expect(last).toMatchObject({
      ok: true,
      decrypted: 2,
      needed: 2,
      result: { kind: 'yes-no', for: 2, against: 1, abstain: 0, outcome: 'carried' },
    });

    const board = await members[4]!.call('GET', `${base}/board`);
    expect(board.status).toBe(200);
    const events = (board.body as unknown as Board).events;
    expect(events.at(-1)!.type).toBe('result');
    expect(
      events.flatMap((e) =>
        e.type === 'ballot' ? [(e.payload as { tracker: string }).tracker] : [],
      ),
    ).toEqual(trackers);
    // The same board as a file at /ballots/:id/board; hidden from those outside the body.
    const file = await members[4]!.request(`/ballots/${ballotId}/board`);
    expect(file.headers.get('content-disposition')).toContain('attachment');
    // Streamed (docs/mixnet-protocol.md section 7), the bytes JSON.stringify writes of the board.
    expect(file.headers.get('content-type')).toContain('application/json');
    expect(await file.text()).toBe(JSON.stringify(board.body));
    expect((await outsider.call('GET', `${base}/board`)).status).toBe(404);
    const anonymous = await app.request(`${ORIGIN}${base}/board`);
    expect(anonymous.status).toBe(401);

    const doc = (await (await app.request(`${ORIGIN}/api/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(
      Object.keys(doc.paths).filter((p) => p.includes('verifiable') || p.endsWith('/board')),
    ).toEqual([
      '/bodies/{id}/verifiable-ballots',
      '/ballots/{id}/board',
      '/ballots/{id}/verifiable',
      '/ballots/{id}/verifiable/key',
      '/ballots/{id}/verifiable/polynomial',
      '/ballots/{id}/verifiable/verification',
      '/ballots/{id}/verifiable/shuffle',
      '/ballots/{id}/verifiable/open',
      '/ballots/{id}/verifiable/ballots',
      '/ballots/{id}/verifiable/close',
      '/ballots/{id}/verifiable/decryption',
      '/ballots/{id}/verifiable/shuffle/parts',
      '/ballots/{id}/verifiable/shuffle/parts/{upload}',
      '/ballots/{id}/verifiable/shuffle/parts/{upload}/complete',
      '/ballots/{id}/verifiable/decryption/parts',
      '/ballots/{id}/verifiable/decryption/parts/{upload}',
      '/ballots/{id}/verifiable/decryption/parts/{upload}/complete',
    ]);
  });

  it('puts a meeting’s question to an end-to-end ballot of those present, its trustees named by email', async () => {
    const ctx = testContext(database());
    const { camdenId } = await northfieldWithCamdenMembers(ctx, [ISLA, BEN]);
    const admin = await signedIn(ctx, 'admin@example.org');
    const isla = await signedIn(ctx, 'isla@example.org');
    const ben = await signedIn(ctx, 'ben@example.org');
    const secretary = api(admin);
    await secretary('PUT', `/bodies/${camdenId}/standing-orders`, shortNoticeRules(2));
    const called = await secretary('POST', `/bodies/${camdenId}/meetings`, {
      title: 'Special general meeting',
      startsAt: new Date(ctx.now().getTime() + 3_600_000).toISOString(),
      giveNotice: true,
    });
    const meetingId = called.body.meetingId as string;
    const drafted = await api(isla)('POST', `/bodies/${camdenId}/motions`, {
      meetingId,
      title: 'No confidence in the Treasurer',
      clauses: [{ kind: 'resolves', text: 'that this branch has no confidence in the Treasurer' }],
    });
    const motionId = drafted.body.motionId as string;
    expect((await api(ben)('POST', `/motions/${motionId}/second`)).status).toBe(200);
    expect((await api(isla)('POST', `/motions/${motionId}/submit`)).status).toBe(200);
    await secretary('POST', `/meetings/${meetingId}/agenda`, { motionId });
    await openedWithMotionMoved({ secretary, meetingId, motionId }, [api(isla), api(ben)]);
    await api(ben)('POST', `/motions/${motionId}/steps`, { type: 'second' });

    const put = await secretary('POST', `/motions/${motionId}/question`, {
      mode: 'secret-ballot',
      trustees: ['isla@example.org', 'ben@example.org'],
    });
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ ok: true, on: 'motion', setupHash: expect.any(String) });
    const ballotId = put.body.ballotId as string;
    const state = await api(ben)('GET', `/ballots/${ballotId}/verifiable`);
    expect(state.body).toMatchObject({ stage: 'keys', needed: 2, me: { trustee: 2 } });
    const meeting = await secretary('GET', `/meetings/${meetingId}`);
    expect(meeting.body.questionPut).toMatchObject({
      mode: 'secret-ballot',
      ballot: { id: ballotId, state: 'draft' },
    });
    // The meeting's pages still show with the ballot waiting for its keys.
    expect((await isla.request(`/meetings/${meetingId}`)).status).toBe(200);
    expect((await admin.request(`/meetings/${meetingId}/console`)).status).toBe(200);
  });
});
