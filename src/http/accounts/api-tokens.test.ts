import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { addMembers, sessionFor, testContext } from '../../../test/factories.ts';
import { northfield } from '../../../test/story.ts';
import { createHttpApp } from '../app.tsx';

const ORIGIN = 'http://seconded.test';

describeEachDatabase('personal API tokens over HTTP', (database) => {
  it('are made on the account page, shown once, and act through the API only as their scopes allow', async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
    const [member] = await addMembers(ctx, story.camdenId, 1);
    const admin = await sessionFor(ctx, story.adminId);
    const call = (auth: string, method: string, path: string, body?: unknown) =>
      app.request(`${ORIGIN}${path}`, {
        method,
        headers: {
          ...(auth.startsWith('sec_')
            ? { authorization: `Bearer ${auth}` }
            : { cookie: `seconded_session=${auth}` }),
          'content-type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    // Made through the form on the account page: the secret is on that page only.
    const browser = {
      request: (path: string) =>
        app.request(`${ORIGIN}${path}`, {
          headers: { cookie: `seconded_session=${member!.token}` },
        }),
      form: (path: string, fields: Record<string, string>) =>
        app.request(`${ORIGIN}${path}`, {
          method: 'POST',
          headers: {
            cookie: `seconded_session=${member!.token}`,
            origin: ORIGIN,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams(fields).toString(),
        }),
    };
    const made = await browser.form('/account/tokens', {
      name: 'my voting script',
      'scope.vote': '1',
    });
    expect(made.status).toBe(200);
    expect(made.headers.get('cache-control')).toBe('no-store');
    const page = await made.text();
    const token = /<code>(sec_[^<]+)<\/code>/.exec(page)![1]!;
    expect(page).toContain('it will not be shown again');
    const later = await (await browser.request('/account')).text();
    expect(later).toContain('my voting script');
    expect(later).not.toContain(token);

    // A ballot the member may vote in.
    const drafted = await call(admin, 'POST', `/api/v1/bodies/${story.camdenId}/ballots`, {
      question: 'That this branch affiliates to the federation.',
    });
    const { ballotId } = (await drafted.json()) as { ballotId: string };
    expect((await call(admin, 'POST', `/api/v1/ballots/${ballotId}/open`)).status).toBe(200);

    // Reading and voting, as its scopes allow; nothing else.
    expect((await call(token, 'GET', '/api/v1/me')).status).toBe(200);
    const vote = await call(token, 'POST', `/api/v1/ballots/${ballotId}/votes`, { choice: 'for' });
    expect(vote.status).toBe(201);
    const language = await call(token, 'PUT', '/api/v1/me/language', { locale: 'fr' });
    expect(language.status).toBe(403);
    expect(await language.json()).toMatchObject({
      message: expect.stringContaining('“manage” scope'),
    });
    expect((await call(token, 'GET', '/api/v1/me/tokens')).status).toBe(403);
    expect((await call(token, 'POST', '/api/v1/me/tokens', { name: 'more' })).status).toBe(403);
    expect((await call(token, 'GET', '/account')).status).toBe(403);

    // Listed through the API with the session, never with its secret; revoked, it opens nothing.
    const listed = (await (await call(admin, 'GET', '/api/v1/me/tokens')).json()) as {
      tokens: unknown[];
    };
    expect(listed.tokens).toEqual([]);
    const { id } = (await (
      await call(admin, 'POST', '/api/v1/me/tokens', { name: 'reports', scopes: ['read'] })
    ).json()) as { id: string; token: string };
    const mine = (await (await call(admin, 'GET', '/api/v1/me/tokens')).json()) as {
      tokens: { id: string; name: string }[];
    };
    expect(mine.tokens.map((t) => t.name)).toEqual(['reports']);
    expect(JSON.stringify(mine)).not.toContain('sec_');
    const revokeOthers = await call(admin, 'DELETE', `/api/v1/me/tokens/${randomUUID()}`);
    expect(revokeOthers.status).toBe(404);
    expect((await call(admin, 'DELETE', `/api/v1/me/tokens/${id}`)).status).toBe(200);
    const tokenRow = /action="\/account\/tokens\/([^/"]+)\/revoke"/.exec(later)![1]!;
    expect((await browser.form(`/account/tokens/${tokenRow}/revoke`, {})).status).toBe(303);
    const refused = await call(token, 'GET', '/api/v1/me');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'NOT_SIGNED_IN' });
  });
});
