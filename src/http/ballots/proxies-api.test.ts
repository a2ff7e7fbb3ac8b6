import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { api, signedIn } from '../../../test/http-client.ts';
import { BEN, CARA, ISLA, northfieldWithCamdenMembers, personIdOf } from '../../../test/story.ts';
import { presetStandingOrders } from '../../domain/organisations/standing-orders.ts';

/** Proxy votes through the JSON API and the pages, every answer checked against its schema. */
describeEachDatabase('proxies over HTTP', (database) => {
  async function setUp() {
    const ctx = testContext(database());
    const story = await northfieldWithCamdenMembers(ctx, [ISLA, BEN, CARA]);
    const admin = await signedIn(ctx, 'admin@example.org');
    const [isla, ben, cara] = await Promise.all(
      ['isla', 'ben', 'cara'].map((n) => signedIn(ctx, `${n}@example.org`)),
    );
    const put = await api(admin!)('PUT', `/bodies/${story.camdenId}/standing-orders`, {
      ...presetStandingOrders('citrine'),
      proxies: {
        allowed: true,
        maxPerHolder: 1,
        kinds: ['ballots'],
        deadlineHours: 24,
        countToQuorum: false,
      },
    });
    expect(put.status).toBe(200);
    const drafted = await api(admin!)('POST', `/bodies/${story.camdenId}/ballots`, {
      question: 'That this branch affiliates to the federation.',
    });
    return {
      ctx,
      ...story,
      admin: admin!,
      isla: isla!,
      ben: ben!,
      cara: cara!,
      ballotId: drafted.body.ballotId as string,
      benId: await personIdOf(ctx, 'ben@example.org'),
      islaId: await personIdOf(ctx, 'isla@example.org'),
    };
  }

  it('lodges a proxy, refuses one over the limit, and lets the holder cast both votes', async () => {
    const { admin, isla, ben, cara, ballotId, islaId } = await setUp();
    const path = `/ballots/${ballotId}/proxies`;
    expect((await api(isla)('GET', path)).body).toMatchObject({
      open: true,
      mine: null,
      all: null,
    });
    const lodged = await api(isla)('POST', path, {
      holder: 'ben@example.org',
      instruction: 'For, please.',
    });
    expect(lodged.status).toBe(201);
    const over = await api(cara)('POST', path, { holder: 'ben@example.org' });
    expect([over.status, over.body.error]).toEqual([409, 'PROXY_LIMIT_REACHED']);
    const self = await api(cara)('POST', path, { holder: 'cara@example.org' });
    expect([self.status, self.body.error]).toEqual([422, 'PROXY_FOR_SELF']);
    expect((await api(admin)('GET', path)).body.all).toMatchObject([
      { holderName: 'Ben Mensah', instruction: 'For, please.', state: 'lodged' },
    ]);

    expect((await api(admin)('POST', `/ballots/${ballotId}/open`)).status).toBe(200);
    const page = await (await ben.request(`/ballots/${ballotId}`)).text();
    expect(page).toContain('You hold 1 proxy');
    expect(page).toContain(`name="onBehalfOf" value="${islaId}"`);
    expect(page).toContain('For, please.');

    const votes = `/ballots/${ballotId}/votes`;
    expect((await api(ben)('POST', votes, { choice: 'for' })).status).toBe(201);
    // The proxy vote through the page's form, as a browser without JavaScript sends it.
    const byForm = await ben.form(`/ballots/${ballotId}/vote`, {
      choice: 'for',
      onBehalfOf: islaId,
    });
    expect(byForm.status).toBe(200);
    expect(await byForm.text()).toContain('Your receipt');
    const third = await api(ben)('POST', votes, { choice: 'against', onBehalfOf: islaId });
    expect([third.status, third.body.error]).toEqual([409, 'ALREADY_VOTED']);
    expect((await api(ben)('GET', `/ballots/${ballotId}`)).body.me.proxies).toMatchObject([
      { giverId: islaId, voted: true },
    ]);
    const closed = await api(admin)('POST', `/ballots/${ballotId}/close`, { confirm: true });
    expect(closed.body.result).toMatchObject({ for: 2, votes: 2 });
  });

  it('lets the giver withdraw and the secretary refuse, by form, on the proxies page', async () => {
    const { admin, isla, cara, ballotId } = await setUp();
    const path = `/ballots/${ballotId}/proxies`;
    const lodged = await isla.form(path, { holder: 'ben@example.org', instruction: '' });
    expect(lodged.status).toBe(303);
    const mine = await (await isla.request(path)).text();
    expect(mine).toContain('Lodged: Ben Mensah votes for you.');
    const { body } = await api(isla)('GET', path);
    const withdrawn = await isla.form(`${path}/${body.mine.id}/withdraw`, {});
    expect(withdrawn.status).toBe(303);
    expect((await api(isla)('GET', path)).body.mine.state).toBe('withdrawn');

    const caras = await api(cara)('POST', path, { holder: 'ben@example.org' });
    const list = await (await admin.request(path)).text();
    expect(list).toContain('Every proxy lodged');
    const refused = await admin.form(`${path}/${caras.body.proxyId}/refuse`, {
      reason: 'Not in good standing.',
    });
    expect(refused.status).toBe(303);
    expect((await api(cara)('GET', path)).body.mine).toMatchObject({
      state: 'refused',
      refusalReason: 'Not in good standing.',
    });
    // A member cannot refuse another's proxy.
    const again = await api(cara)('POST', path, { holder: 'isla@example.org' });
    const notTheirs = await api(isla)('POST', `/proxies/${again.body.proxyId}/refuse`, {
      reason: 'No.',
    });
    expect(notTheirs.status).toBe(403);
  });
});
