import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { client } from '../../../test/http-client.ts';
import { seedDemo } from '../../demo/seed-demo.ts';

describeEachDatabase('published results carry their chain hash', (database) => {
  it('shows the hash of the sealing audit entry beside a ballot result, each declared vote and a published resolution', async () => {
    const ctx = testContext(database());
    const { password } = await seedDemo(ctx);
    const chair = client(ctx);
    await chair.form('/sign-in', { email: 'camden.chair@example.org', password });
    const { db } = ctx;
    const entryHash = async (subject: string, action: string) =>
      (
        await db
          .selectFrom('audit_events')
          .select('hash')
          .where('subject', '=', subject)
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).hash;

    const ballot = await db
      .selectFrom('ballots')
      .selectAll()
      .where('state', '=', 'closed')
      .executeTakeFirstOrThrow();
    const closed = await entryHash(`ballot:${ballot.id}`, 'ballot.closed');
    expect(ballot.result_hash).toBe(closed);
    const ballotPage = await (await chair.request(`/ballots/${ballot.id}`)).text();
    expect(ballotPage).toContain(`Audit chain hash: <code>${closed}</code>`);
    const api = (await (await chair.request(`/api/v1/ballots/${ballot.id}`)).json()) as {
      resultHash: string;
    };
    expect(api.resultHash).toBe(closed);

    const resolution = await db
      .selectFrom('resolutions')
      .innerJoin('organisations', 'organisations.id', 'resolutions.organisation_id')
      .select(['resolutions.id', 'resolutions.slug', 'organisations.slug as org'])
      .executeTakeFirstOrThrow();
    const published = await entryHash(`resolution:${resolution.id}`, 'resolution.published');
    const publicPage = await (
      await client(ctx).request(`/r/${resolution.org}/${resolution.slug}`)
    ).text();
    expect(publicPage).toContain(`Audit chain hash: <code>${published}</code>`);

    const held = await db
      .selectFrom('questions')
      .select('meeting_id')
      .where('status', '=', 'declared')
      .executeTakeFirstOrThrow();
    const declared = await db
      .selectFrom('questions')
      .select(['result_hash'])
      .where('meeting_id', '=', held.meeting_id)
      .where('status', '=', 'declared')
      .execute();
    expect(declared.length).toBeGreaterThanOrEqual(2);
    const chain = new Set(
      (await db.selectFrom('audit_events').select('hash').execute()).map((e) => e.hash),
    );
    for (const path of [`/meetings/${held.meeting_id}`, `/meetings/${held.meeting_id}/console`]) {
      const html = await (await chair.request(path)).text();
      for (const { result_hash } of declared) {
        expect(chain.has(result_hash!)).toBe(true);
        expect(html).toContain(`<code>${result_hash}</code>`);
      }
    }
  });
});
