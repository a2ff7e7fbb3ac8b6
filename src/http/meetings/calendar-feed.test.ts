import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { client, signedIn } from '../../../test/http-client.ts';
import { ISLA, northfieldWithCamdenMembers } from '../../../test/story.ts';
import { hashSecret } from '../../app/common/secrets.ts';

/** A body's meetings feed, read by a calendar app without a session, with a feed token. */
describeEachDatabase('calendar feed token', (database) => {
  it('reads the feed without a session with the right token, and 404 with a wrong one', async () => {
    const ctx = testContext(database());
    const { camdenId, hackneyId } = await northfieldWithCamdenMembers(ctx, [ISLA]);
    const admin = await signedIn(ctx, 'admin@example.org');
    const isla = await signedIn(ctx, 'isla@example.org');
    await admin.json('POST', `/api/v1/bodies/${camdenId}/meetings`, {
      title: 'July general meeting',
      startsAt: '2026-09-09T18:00:00Z',
    });

    const list = await (await isla.request(`/bodies/${camdenId}/meetings`)).text();
    expect(list).toContain('Subscribe in your calendar app');
    const made = await isla.form(`/bodies/${camdenId}/calendar-feed`, {});
    expect(made.status).toBe(200);
    const shown = await made.text();
    const address = /<code>([^<]+)<\/code>/.exec(shown)![1]!.replaceAll('&amp;', '&');
    const url = new URL(address);
    expect(url.pathname).toBe(`/bodies/${camdenId}/meetings.ics`);
    const token = url.searchParams.get('token')!;
    // Only the token's hash is stored.
    const rows = await ctx.db.selectFrom('calendar_feeds').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(hashSecret(token));
    expect(JSON.stringify(rows)).not.toContain(token);

    // A calendar app, with no session.
    const app = client(ctx);
    const feed = await app.request(`${url.pathname}${url.search}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const ics = await feed.text();
    expect(ics).toContain('X-WR-CALNAME:Camden Town Group meetings');
    expect(ics).toContain('July general meeting');
    // A wrong token, an empty one, or a body the person may not see: no such feed.
    expect((await app.request(`${url.pathname}?token=wrong`)).status).toBe(404);
    expect((await app.request(`${url.pathname}?token=`)).status).toBe(404);
    const other = await app.request(
      `/bodies/${hackneyId}/meetings.ics?token=${encodeURIComponent(token)}`,
    );
    expect(other.status).toBe(404);
    // Without a token and a session: sign in first.
    expect((await app.request(url.pathname)).status).not.toBe(200);

    // A new token through the API replaces the old one.
    const again = await isla.json('POST', `/api/v1/bodies/${camdenId}/calendar-feed`);
    expect(again.status).toBe(201);
    const { path } = (await again.json()) as { path: string };
    expect((await app.request(path)).status).toBe(200);
    expect((await app.request(`${url.pathname}${url.search}`)).status).toBe(404);
  });
});
