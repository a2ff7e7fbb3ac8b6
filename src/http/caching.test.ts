import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { client } from '../../test/http-client.ts';
import { loadActor } from '../app/common/actor.ts';
import { approveMinutes } from '../app/meetings/approve-minutes.ts';
import { openMeeting } from '../app/meetings/open-meeting.ts';
import { signInToMeeting } from '../app/meetings/sign-in-to-meeting.ts';
import { listCurrentMembers, listMeetingsOfBody } from '../db/queries/meetings.ts';
import { findOrganisationBySlug, listBodies } from '../db/queries/organisations.ts';
import { findPersonByEmail } from '../db/queries/people.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { matchingTag, PRIVATE_CACHE, PUBLIC_CACHE } from './caching.ts';

const RESOLUTION = '/r/northfield-movement/no-confidence-in-the-leader';
const FEED = '/r/northfield-movement/feed.atom';

describeEachDatabase('public pages cached and revalidated', (database) => {
  async function demo() {
    let now = new Date('2026-07-01T12:00:00Z');
    const ctx = testContext(database(), { now: () => now });
    const { password } = await seedDemo(ctx);
    const as = async (email: string) => {
      const c = client(ctx);
      expect((await c.form('/sign-in', { email, password })).status).toBe(303);
      return c;
    };
    return { ctx, as, anonymous: client(ctx), setNow: (iso: string) => (now = new Date(iso)) };
  }

  /** Approves Camden's July minutes at today's meeting: the resolution's page links to them. */
  async function approveJulyMinutes(
    ctx: Awaited<ReturnType<typeof demo>>['ctx'],
    setNow: (iso: string) => void,
  ) {
    const org = await findOrganisationBySlug(ctx.db, 'northfield-movement');
    const camden = (await listBodies(ctx.db, org!.id)).find(
      (b) => b.name === 'Camden Town Group',
    )!.id;
    const chair = await findPersonByEmail(ctx.db, 'camden.chair@example.org');
    const actor = await loadActor(ctx.db, chair!.id, '2026-07-01');
    const [today, july] = await listMeetingsOfBody(ctx.db, camden);
    setNow(today!.starts_at);
    for (const m of (await listCurrentMembers(ctx.db, camden, '2026-07-01')).slice(0, 12))
      await signInToMeeting(ctx, { actor, meetingId: today!.id, personId: m.person_id });
    await openMeeting(ctx, { actor, meetingId: today!.id });
    await approveMinutes(ctx, { actor, meetingId: july!.id, atMeetingId: today!.id });
  }

  it('gives a public resolution, its print and PDF, the feeds and the index a strong ETag, and 304 with no body while unchanged', async () => {
    const { anonymous } = await demo();
    for (const path of [
      RESOLUTION,
      `${RESOLUTION}/print`,
      `${RESOLUTION}/pdf`,
      FEED,
      '/r/northfield-movement/bodies/camden-town-group/feed.atom',
      '/r/northfield-movement',
      '/r/northfield-movement/chain',
    ]) {
      const first = await anonymous.request(path);
      const body = new Uint8Array(await first.arrayBuffer());
      expect([path, first.status]).toEqual([path, 200]);
      const tag = first.headers.get('etag')!;
      expect(tag, path).toMatch(/^"[\w-]+"$/);
      expect(first.headers.get('cache-control'), path).toBe(PUBLIC_CACHE);
      expect(first.headers.get('vary'), path).toContain('Cookie');
      // The same bytes again, under the same tag: the tag is of the content, not of the moment.
      const again = await anonymous.request(path);
      expect(new Uint8Array(await again.arrayBuffer()), path).toEqual(body);
      expect(again.headers.get('etag'), path).toBe(tag);

      const same = await anonymous.request(path, { headers: { 'if-none-match': tag } });
      expect([path, same.status, await same.text()]).toEqual([path, 304, '']);
      expect(same.headers.get('etag'), path).toBe(tag);
      expect(same.headers.get('cache-control'), path).toBe(PUBLIC_CACHE);
      expect(same.headers.get('content-type'), path).toBeNull();
      // Among others, weakly compared (RFC 9110 §13.1.2), and `*`.
      for (const header of [`"other", W/${tag}`, '*']) {
        const also = await anonymous.request(path, { headers: { 'if-none-match': header } });
        expect([path, header, also.status]).toEqual([path, header, 304]);
      }
      const other = await anonymous.request(path, { headers: { 'if-none-match': '"other"' } });
      expect([path, other.status]).toEqual([path, 200]);
    }
  }, 60_000);

  it('keeps a signed-in reader’s copy of a page private, while the feed they read is the public one', async () => {
    const { as, anonymous } = await demo();
    const member = await as('camden.secretary@example.org');
    const page = await member.request(RESOLUTION);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe(PRIVATE_CACHE);
    const tag = page.headers.get('etag')!;
    expect(tag).not.toBe((await anonymous.request(RESOLUTION)).headers.get('etag'));
    expect((await member.request(RESOLUTION, { headers: { 'if-none-match': tag } })).status).toBe(
      304,
    );
    const pdf = await member.request(`${RESOLUTION}/pdf`);
    expect(pdf.headers.get('cache-control')).toBe(PRIVATE_CACHE);
    const feed = await member.request(FEED);
    expect(feed.headers.get('cache-control')).toBe(PUBLIC_CACHE);
    expect(feed.headers.get('etag')).toBe((await anonymous.request(FEED)).headers.get('etag'));
  }, 60_000);

  it('never caches a refusal, and a page kept to members is no longer answered 304 to its old tag', async () => {
    const { as, anonymous, ctx } = await demo();
    const tag = (await anonymous.request(RESOLUTION)).headers.get('etag')!;
    const org = await findOrganisationBySlug(ctx.db, 'northfield-movement');
    const camden = (await listBodies(ctx.db, org!.id)).find(
      (b) => b.name === 'Camden Town Group',
    )!.id;
    const secretary = await as('camden.secretary@example.org');
    await secretary.form(`/bodies/${camden}/publication`, { resolutionsPrivate: '1' });
    const gone = await anonymous.request(RESOLUTION, { headers: { 'if-none-match': tag } });
    expect(gone.status).toBe(404);
    expect(gone.headers.get('etag')).toBeNull();
    expect(gone.headers.get('cache-control') ?? '').not.toContain('public');
  }, 60_000);

  it('gives a resolution and the feed a new tag, and new minutes their own, when what they publish changes', async () => {
    const { ctx, anonymous, setNow } = await demo();
    const paths = [RESOLUTION, FEED];
    const before = new Map<string, string>();
    for (const path of paths)
      before.set(path, (await anonymous.request(path)).headers.get('etag')!);
    await approveJulyMinutes(ctx, setNow);
    // The page now links to the minutes it was passed in, and the feed carries them.
    for (const path of [RESOLUTION, FEED]) {
      const res = await anonymous.request(path, {
        headers: { 'if-none-match': before.get(path)! },
      });
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.headers.get('etag'), path).not.toBe(before.get(path));
    }
    const html = await (await anonymous.request(RESOLUTION)).text();
    const minutes = /href="(\/r\/northfield-movement\/minutes\/[^"]+)"/.exec(html)![1]!;
    for (const path of [minutes, `${minutes}/print`, `${minutes}/pdf`]) {
      const res = await anonymous.request(path);
      expect([path, res.status, res.headers.get('cache-control')]).toEqual([
        path,
        200,
        PUBLIC_CACHE,
      ]);
      const same = await anonymous.request(path, {
        headers: { 'if-none-match': res.headers.get('etag')! },
      });
      expect([path, same.status]).toEqual([path, 304]);
    }
  }, 60_000);
});

it('matches If-None-Match as RFC 9110 says: weakly, in lists, `*`, and across our encodings', () => {
  expect(matchingTag(undefined, '"a"')).toBeUndefined();
  expect(matchingTag('"a"', '"a"')).toBe('"a"');
  expect(matchingTag('W/"a"', '"a"')).toBe('W/"a"');
  expect(matchingTag('"b", "a-br"', '"a"')).toBe('"a-br"');
  expect(matchingTag('"a-gz"', '"a"')).toBe('"a-gz"');
  expect(matchingTag('*', '"a"')).toBe('"a"');
  expect(matchingTag('"b", "ab"', '"a"')).toBeUndefined();
  expect(matchingTag('"a-zz"', '"a"')).toBeUndefined();
});
