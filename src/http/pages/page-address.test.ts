import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { client, ORIGIN, signedIn } from '../../../test/http-client.ts';
import { northfield } from '../../../test/story.ts';

describeEachDatabase('what a page tells its live updates', (database) => {
  it('names the page to reload by GET, even when it answers a form, and keeps no copy of a signed-in page', async () => {
    const ctx = testContext(database());
    await northfield(ctx);
    const admin = await signedIn(ctx, 'admin@example.org');

    const account = await admin.request('/account?tab=1');
    expect(await account.text()).toContain('<body data-page="/account?tab=1">');
    expect(account.headers.get('cache-control')).toBe('no-store');

    // A refused form answers at the address of its POST: a reload there would post it again.
    const refused = await admin.request('/organisations/new', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: ORIGIN,
        referer: `${ORIGIN}/organisations/new`,
      },
      body: new URLSearchParams({ name: '' }).toString(),
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('<body data-page="/organisations/new">');

    // A referer that is not a page here, or none, sends the reload home.
    const odd = await admin.request('/organisations/new', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: ORIGIN,
        referer: `${ORIGIN}//evil.example/x`,
      },
      body: new URLSearchParams({ name: '' }).toString(),
    });
    expect(await odd.text()).toContain('<body data-page="/">');

    // A public page read without signing in may be kept.
    const anonymous = client(ctx);
    const signIn = await anonymous.request('/sign-in');
    expect(signIn.headers.get('cache-control')).toBeNull();
  });
});
