import QRCode from 'qrcode';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { addMembers, testContext } from '../../../test/factories.ts';
import { ORIGIN } from '../../../test/http-client.ts';
import { openCamdenMeeting } from '../../../test/live-room.ts';
import { putQuestion } from '../../app/meetings/put-question.ts';
import { recordVote } from '../../app/meetings/record-vote.ts';
import type { AppContext } from '../../app/common/context.ts';
import { createHttpApp } from '../app.tsx';

const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

describeEachDatabase('the speakers list and the projector, without JavaScript', (database) => {
  const setUp = async () => {
    let clock = Date.parse('2026-07-01T19:00:00Z');
    const ctx: AppContext = testContext(database(), { now: () => new Date(clock) });
    const room = await openCamdenMeeting(ctx, 4, { withMotion: true });
    const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
    const as = (token: string) => ({
      get: async (path: string) => {
        const res = await app.request(`${ORIGIN}${path}`, {
          headers: { cookie: `seconded_session=${token}` },
        });
        const html = await res.text();
        return { status: res.status, text: text(html), html };
      },
      post: (path: string, fields: Record<string, string> = {}) =>
        app.request(`${ORIGIN}${path}`, {
          method: 'POST',
          headers: {
            cookie: `seconded_session=${token}`,
            origin: ORIGIN,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams(fields).toString(),
        }),
    });
    return {
      ctx,
      room,
      advance: (ms: number) => (clock += ms),
      chair: as(room.chairToken),
      members: room.members.map((m) => as(m.token)),
    };
  };

  it('members ask to speak, a point of order goes first, the chair calls with a countdown', async () => {
    const { room, chair, members, advance } = await setUp();
    const [ann, bob, cat] = members;
    const list = `/meetings/${room.meetingId}/speakers`;
    expect((await ann!.post(list, { side: 'against' })).status).toBe(303);
    advance(1000);
    expect((await bob!.post(list, { side: 'for' })).status).toBe(303);
    advance(1000);
    expect((await cat!.post(list, { pointOfOrder: '1' })).status).toBe(303);
    // Asking twice is refused on the page, with the reason.
    const again = await ann!.post(list, { side: 'for' });
    expect(again.status).toBe(409);
    expect(text(await again.text())).toContain('You are already on the speakers list.');

    let page = await bob!.get(list);
    expect(page.text).toContain('On the motion “No confidence in the Leader”.');
    expect(page.text).toMatch(
      /Waiting to speak Member 003 \(point of order\) Member 001 \(against\) Member 002 \(for\)/,
    );
    // Members do not get the chair's buttons.
    expect(page.text).not.toContain('Call the next speaker');

    expect((await chair.post(`${list}/next`, { timeLimitMinutes: '' })).status).toBe(303);
    expect((await chair.post(`${list}/next`, { timeLimitMinutes: '2' })).status).toBe(303);
    advance(15_000);
    page = await bob!.get(list);
    expect(page.text).toContain('Member 001 has the floor (against). 1:45 left, until 20:02:02');
    expect(page.text).toContain('Have spoken Member 003 (point of order)');
    advance(120_000);
    expect((await chair.get(list)).text).toContain('−0:15');
    // A time limit out of range is refused by the rules, not half-saved.
    const odd = await chair.post(`${list}/next`, { timeLimitMinutes: '61' });
    expect(odd.status).toBe(400);
    expect((await chair.post(`${list}/end`)).status).toBe(303);
    expect((await chair.get(list)).text).toContain('No one has the floor.');
  });

  it('the projector shows the question, the motion, the speakers, the turnout and the result', async () => {
    const { ctx, room, chair, members } = await setUp();
    await members[0]!.post(`/meetings/${room.meetingId}/speakers`, { side: 'for' });
    let wall = await chair.get(`/meetings/${room.meetingId}/projector`);
    expect(wall.status).toBe(200);
    expect(wall.text).toContain('The question before the meeting: the motion');
    expect(wall.text).toContain('that the Leader has lost the trust of the members');
    expect(wall.text).toContain('4 of 4 members present.');
    expect(wall.text).toContain('Member 001 (for)');
    // The code to sign in with, and a QR code of the sign-in address carrying it, for cameras.
    const { sign_in_code: code } = await ctx.db
      .selectFrom('meetings')
      .select('sign_in_code')
      .where('id', '=', room.meetingId)
      .executeTakeFirstOrThrow();
    expect(wall.text).toContain('Sign in at seconded.test/join with the code');
    const drawn = /<figure class="join-qr"[^>]*>(.*?)<\/figure>/s.exec(wall.html)?.[1] ?? '';
    const path = (svg: string) => [...svg.matchAll(/ d="([^"]+)"/g)].map((m) => m[1]);
    const expected = await QRCode.toString(`http://seconded.test/join?code=${code}`, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    expect(path(drawn)).toEqual(path(expected));
    expect(path(drawn).length).toBeGreaterThan(0);
    const { questionId } = await putQuestion(ctx, {
      actor: room.chair,
      motionId: room.motionId!,
      mode: 'show-of-hands',
    });
    await recordVote(ctx, {
      actor: room.chair,
      questionId,
      vote: { mode: 'show-of-hands', counts: { for: 3, against: 1, abstain: 0 } },
    });
    wall = await members[1]!.get(`/meetings/${room.meetingId}/projector`);
    expect(wall.text).toMatch(/Declared .*carried/);
    // A member of another branch is told there is no such meeting.
    const [stranger] = await addMembers(ctx, room.hackneyId, 1);
    const res = await createHttpApp({
      ctx,
      secureCookies: false,
      signInAttemptsPer15Min: 10,
    }).request(`${ORIGIN}/meetings/${room.meetingId}/projector`, {
      headers: { cookie: `seconded_session=${stranger!.token}` },
    });
    expect(res.status).toBe(404);
  });

  it('opens the projector by its private link without an account, showing only the wall, until the link is revoked', async () => {
    const { ctx, room, chair, members } = await setUp();
    await members[0]!.post(`/meetings/${room.meetingId}/speakers`, { side: 'for' });
    const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
    const anyone = (path: string) => app.request(`${ORIGIN}${path}`);
    const linkPage = `/meetings/${room.meetingId}/projector-link`;

    // Only those who run the meeting make the link; a member is refused and nothing is made.
    expect((await members[2]!.post(linkPage)).status).toBeGreaterThanOrEqual(403);
    expect((await chair.get(linkPage)).text).toContain('This meeting has no projector link.');
    const made = await chair.post(linkPage);
    expect(made.status).toBe(200);
    const token = /\/projector\/([\w-]{40,})/.exec(await made.text())?.[1];
    expect(token).toBeDefined();
    // Stored as its hash only.
    const row = await ctx.db.selectFrom('projector_links').selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token!);
    expect((await chair.get(linkPage)).text).toContain('A projector link was made on');

    const wall = await anyone(`/projector/${token}`);
    expect(wall.status).toBe(200);
    expect(wall.headers.get('cache-control')).toBe('no-store');
    const html = await wall.text();
    expect(text(html)).toContain('that the Leader has lost the trust of the members');
    expect(text(html)).toContain('4 of 4 members present.');
    expect(text(html)).toContain('Member 001 (for)');
    expect(text(html)).toContain('Agenda');
    // Nothing of the members beyond what the room sees: no address, no register, no account.
    expect(html).not.toContain('@');
    expect(html).not.toContain('Sign out');

    // Its events say only that something changed.
    const stream = await anyone(`/projector/${token}/events`);
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    let frames = '';
    while (!frames.includes('event: attendance')) {
      const { value, done } = await reader.read();
      if (done) break;
      frames += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(frames).toMatch(/event: attendance\ndata: \{\}\n/);

    // A new link replaces the old; revoking ends it; a wrong token is not found.
    const again = /\/projector\/([\w-]{40,})/.exec(await (await chair.post(linkPage)).text())?.[1];
    expect((await anyone(`/projector/${token}`)).status).toBe(404);
    expect((await anyone(`/projector/${again}`)).status).toBe(200);
    expect((await chair.post(`${linkPage}/revoke`)).status).toBe(303);
    expect((await anyone(`/projector/${again}`)).status).toBe(404);
    expect((await anyone(`/projector/${again}/events`)).status).toBe(404);
    expect((await chair.get(linkPage)).text).toContain('This meeting has no projector link.');
  });
});
