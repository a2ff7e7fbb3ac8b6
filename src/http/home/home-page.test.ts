import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { addMembers, testContext } from '../../../test/factories.ts';
import { api, client, signedIn } from '../../../test/http-client.ts';
import { createBallot } from '../../app/ballots/create-ballot.ts';
import { openBallot } from '../../app/ballots/open-ballot.ts';
import { loadActor } from '../../app/common/actor.ts';
import { today } from '../../app/common/context.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { TaskSchema } from './tasks-api.ts';

describeEachDatabase('the home page and /api/v1/me/tasks', (database) => {
  /** The demo, with an open ballot in Camden closing in three days. */
  async function setUp() {
    const ctx = testContext(database());
    const { password } = await seedDemo(ctx);
    const person = (email: string) =>
      ctx.db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    const camden = await ctx.db
      .selectFrom('bodies')
      .select('id')
      .where('name', '=', 'Camden Town Group')
      .executeTakeFirstOrThrow();
    const secretary = await loadActor(
      ctx.db,
      (await person('camden.secretary@example.org')).id,
      today(ctx),
    );
    const { ballotId } = await createBallot(ctx, {
      actor: secretary,
      bodyId: camden.id,
      question: 'That the group affiliates to the tenants’ federation',
      options: { kind: 'yes-no' },
      secret: true,
      closesAt: '2099-03-01T18:00:00.000Z',
    });
    await openBallot(ctx, { actor: secretary, ballotId });
    const as = (email: string) => signedIn(ctx, email, password);
    return { ctx, ballotId, as };
  }

  it('shows what needs the member first, each a link to where it is done, then their organisations', async () => {
    const { ballotId, as } = await setUp();
    const chair = await as('camden.chair@example.org');
    const res = await chair.request('/');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<h1>What needs you</h1>');
    const ballots = page.indexOf('Ballots to vote in');
    const meetings = page.indexOf('Meetings coming');
    const organisations = page.indexOf('Your organisations');
    expect(ballots).toBeGreaterThan(0);
    expect(meetings).toBeGreaterThan(ballots);
    expect(organisations).toBeGreaterThan(meetings);
    expect(page).toContain(
      `<a href="/ballots/${ballotId}">That the group affiliates to the tenants’ federation</a>`,
    );
    expect(page).toContain('Camden Town Group · voting closes on');
    expect(page).toMatch(/<a href="\/meetings\/[^"]+">General meeting<\/a>/);
    expect(page).toContain('you have not signed in');
    expect(page).toContain('<a href="/o/northfield-movement">Northfield Movement</a>');
    // A chair answers no inbox.
    expect(page).not.toContain('To answer in the inbox');
  });

  it('shows a secretary their inbox and the model motions to adopt, in French for a French reader', async () => {
    const { as } = await setUp();
    const hackney = await as('hackney.secretary@example.org');
    const page = await (await hackney.request('/')).text();
    expect(page).toContain('Model motions to adopt');
    expect(page).toMatch(/<a href="\/communications\/[^"]+\/adopt">/);
    const nec = await as('nec.secretary@example.org');
    const french = await (await nec.request('/', { headers: { 'accept-language': 'fr' } })).text();
    expect(french).toContain('<h1>Ce qui vous attend</h1>');
    expect(french).toContain('À traiter dans le courrier');
    expect(french).toMatch(/<a href="\/communications\/[^"/]+">/);
    expect(french).toContain('Vos organisations');
  });

  it('says so when nothing needs the member', async () => {
    const { ctx } = await setUp();
    // A new member of Islington: no ballot, meeting or motion there, and no inbox to serve.
    const islington = await ctx.db
      .selectFrom('bodies')
      .select('id')
      .where('name', '=', 'Islington Group')
      .executeTakeFirstOrThrow();
    const [newcomer] = await addMembers(ctx, islington.id, 1);
    const headers = { cookie: `seconded_session=${newcomer!.token}` };
    const who = client(ctx);
    const page = await (await who.request('/', { headers })).text();
    expect(page).toContain('Nothing needs you now');
    expect(page).not.toContain('Ballots to vote in');
    const res = await who.request('/api/v1/me/tasks', { headers });
    expect(await res.json()).toEqual({ ok: true, tasks: [] });
  });

  it('answers the same tasks as JSON, each in the documented shape', async () => {
    const { ctx, ballotId, as } = await setUp();
    const chair = await as('camden.chair@example.org');
    const { status, body } = await api(chair)('GET', '/me/tasks');
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    const tasks = (body.tasks as unknown[]).map((task) => TaskSchema.parse(task));
    expect(tasks.map((task) => task.kind)).toEqual(['ballot', 'meeting']);
    expect(tasks[0]).toMatchObject({
      kind: 'ballot',
      ballotId,
      closesAt: '2099-03-01T18:00:00.000Z',
      path: `/ballots/${ballotId}`,
    });
    expect((await api(client(ctx))('GET', '/me/tasks')).status).toBe(401);
  });
});
