import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { flushOutbox, MemoryMailer, testContext } from '../../test/factories.ts';
import { northfield, exampleText } from '../../test/story.ts';
import { issueSetupLink } from '../app/accounts/first-admin.ts';
import { client, expectFormRefused } from '../../test/http-client.ts';
import { MAX_BODY_BYTES } from './app.tsx';

describeEachDatabase('the web app and API', (database) => {
  it('serves the sign-in page, and a welcome page before setup', async () => {
    const ctx = testContext(database());
    const c = client(ctx);
    const home = await c.request('/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('no administrator yet');
    const signIn = await c.request('/sign-in');
    expect(await signIn.text()).toMatch(/<label for="email">Email address<\/label>/);
    expect(signIn.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('creates the first administrator through the setup form and signs them in', async () => {
    const ctx = testContext(database());
    const secret = (await issueSetupLink(ctx))!.split('/').pop()!;
    const c = client(ctx);
    expect((await c.request(`/setup/${secret}`)).status).toBe(200);
    const res = await c.form(`/setup/${secret}`, {
      name: 'Ada Admin',
      email: 'ada@example.org',
      password: 'correct horse battery',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    const org = await c.form('/organisations/new', {
      name: 'Northfield Movement',
      topBodyName: 'National Coordinating Group',
      preset: 'citrine',
    });
    expect(org.status).toBe(303);
    const body = await c.request(org.headers.get('location')!);
    expect(await body.text()).toContain('National Coordinating Group');
    const used = await c.request(`/setup/${secret}`);
    expect(used.status).toBe(410);
  });

  it('shows form mistakes on the form, with a 4xx status', async () => {
    const ctx = testContext(database());
    const secret = (await issueSetupLink(ctx))!.split('/').pop()!;
    const res = await client(ctx).form(`/setup/${secret}`, {
      name: '',
      email: 'nope',
      password: 'short',
    });
    await expectFormRefused(res, 'Enter a valid email address.', 'aria-invalid="true"');
  });

  it('refuses a form posted from another site', async () => {
    const ctx = testContext(database());
    await northfield(ctx);
    const res = await client(ctx).form(
      '/sign-in',
      { email: 'admin@example.org', password: 'correct horse battery' },
      'https://evil.example',
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('sent from another site');
  });

  it('delays sign-in after five wrong passwords, for that account from that address only', async () => {
    const ctx = testContext(database());
    await northfield(ctx);
    const here = client(ctx);
    const attempt = (who: ReturnType<typeof client>, password: string) =>
      who.json('POST', '/api/v1/session', { email: 'admin@example.org', password });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt(here, `guess ${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const held = await attempt(here, 'correct horse battery');
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toBe('1');
    expect(await held.json()).toMatchObject({
      ok: false,
      error: 'SIGN_IN_DELAYED',
      message: expect.stringContaining('Wait 1 s, then try again'),
    });
    // The account's owner, signing in from anywhere else, is not held by a stranger's guesses.
    const owner = client(ctx, 10, { socket: '198.51.100.4' });
    expect((await attempt(owner, 'correct horse battery')).status).toBe(200);
  });

  it('imports the Camden register through the API: 38 members listed, 0 added again', async () => {
    const ctx = testContext(database());
    const { camdenId } = await northfield(ctx);
    const c = client(ctx);
    expect(
      (
        await c.json('POST', '/api/v1/session', {
          email: 'admin@example.org',
          password: 'correct horse battery',
        })
      ).status,
    ).toBe(200);
    const csv = exampleText('members/camden-branch-register.csv');
    const dry = await (await c.json('POST', `/api/v1/bodies/${camdenId}/imports`, { csv })).json();
    expect(dry).toMatchObject({
      ok: true,
      dryRun: true,
      added: 38,
      rejected: [{ line: 19 }, { line: 33 }],
    });
    const first = await (
      await c.json('POST', `/api/v1/bodies/${camdenId}/imports`, { csv, dryRun: false })
    ).json();
    expect(first).toMatchObject({ dryRun: false, added: 38 });
    const list = (await (await c.json('GET', `/api/v1/bodies/${camdenId}/members`)).json()) as {
      members: unknown[];
    };
    expect(list.members).toHaveLength(38);
    const again = await (
      await c.json('POST', `/api/v1/bodies/${camdenId}/imports`, { csv, dryRun: false })
    ).json();
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 38 });
  });

  it('answers client mistakes with a 4xx and a stable code, never a 5xx', async () => {
    const ctx = testContext(database());
    const { camdenId } = await northfield(ctx);
    const c = client(ctx);
    expect(await (await c.json('GET', `/api/v1/bodies/${camdenId}/members`)).json()).toMatchObject({
      ok: false,
      error: 'NOT_SIGNED_IN',
    });
    await c.json('POST', '/api/v1/session', {
      email: 'admin@example.org',
      password: 'correct horse battery',
    });
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/api/v1/session', { email: 42 }, 400, 'VALIDATION_FAILED'],
      ['POST', `/api/v1/bodies/${camdenId}/imports`, { csv: '' }, 400, 'VALIDATION_FAILED'],
      ['POST', `/api/v1/bodies/${camdenId}/imports`, { csv: 'a,a\n1,2' }, 400, 'MALFORMED_FILE'],
      [
        'POST',
        `/api/v1/bodies/${camdenId}/imports`,
        { csv: 'Name,Email\n"unterminated' },
        400,
        'MALFORMED_FILE',
      ],
      ['GET', '/api/v1/bodies/no-such-body/members', undefined, 404, 'NOT_FOUND'],
      [
        'POST',
        `/api/v1/bodies/${camdenId}/bodies`,
        { name: 'Camden Town Group', kind: 'branch' },
        409,
        'ALREADY_EXISTS',
      ],
      [
        'POST',
        `/api/v1/bodies/${camdenId}/bodies`,
        { name: 'X', kind: 'planet' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'PUT',
        `/api/v1/bodies/${camdenId}/roles`,
        { personId: 'nobody', role: 'chair', holds: true },
        404,
        'NOT_FOUND',
      ],
      ['GET', '/api/v1/nowhere', undefined, 404, 'NOT_FOUND'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const res = await c.json(method, path, body);
      expect([path, res.status]).toEqual([path, status]);
      const text = await res.text();
      expect(JSON.parse(text), `${path}: ${text}`).toMatchObject({
        ok: false,
        error: code,
        message: expect.any(String),
      });
    }
    const broken = await c.request(`/api/v1/bodies/${camdenId}/imports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"csv": ',
    });
    expect(broken.status).toBe(400);
    expect((await c.request('/no/such/page')).status).toBe(404);
  });

  it('refuses a body over the size limit with 413, whether or not its length is declared', async () => {
    const c = client(testContext(database()));
    const declared = await c.request('/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': `${MAX_BODY_BYTES + 1}` },
      body: '{}',
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: 'PAYLOAD_TOO_LARGE' });
    expect(declared.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    // No length given (chunked): counted as it arrives.
    const chunk = new Uint8Array(4 * 1024 * 1024);
    let sent = 0;
    const streamed = await c.request('/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        pull(controller) {
          if (sent > MAX_BODY_BYTES) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ error: 'PAYLOAD_TOO_LARGE' });
  });

  it('describes the API at /api/openapi.json', async () => {
    const ctx = testContext(database());
    const doc = (await (await client(ctx).request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/session',
        '/bodies/{id}/members',
        '/bodies/{id}/imports',
        '/organisations',
      ]),
    );
  });

  it('lets a member download their data and nobody else see the register', async () => {
    const mailer = new MemoryMailer();
    const ctx = testContext(database(), { mailer });
    const { camdenId } = await northfield(ctx);
    const admin = client(ctx);
    await admin.json('POST', '/api/v1/session', {
      email: 'admin@example.org',
      password: 'correct horse battery',
    });
    await admin.json('POST', `/api/v1/bodies/${camdenId}/imports`, {
      csv: exampleText('members/camden-branch-register.csv'),
      dryRun: false,
    });
    expect(
      await (await admin.json('POST', `/api/v1/bodies/${camdenId}/invitations`, {})).json(),
    ).toMatchObject({ invited: 38 });
    const member = client(ctx);
    await flushOutbox(ctx);
    const link = new URL(mailer.linkTo('isla.singh0@example.org'));
    expect(
      (await member.form(link.pathname, { name: 'Isla Singh', password: 'a long password' }))
        .status,
    ).toBe(303);
    const exported = await member.request('/account/export.json');
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(await exported.json()).toMatchObject({ person: { email: 'isla.singh0@example.org' } });
    expect((await member.request(`/bodies/${camdenId}/members`)).status).toBe(403);
    expect((await member.json('GET', `/api/v1/bodies/${camdenId}/members`)).status).toBe(403);
  });

  it('lets an admin give and take away roles on the body page', async () => {
    const ctx = testContext(database());
    const { camdenId } = await northfield(ctx);
    const c = client(ctx);
    await c.form('/sign-in', { email: 'admin@example.org', password: 'correct horse battery' });
    await c.json('POST', `/api/v1/bodies/${camdenId}/imports`, {
      csv: exampleText('members/camden-branch-register.csv'),
      dryRun: false,
    });
    const unknown = await c.form(`/bodies/${camdenId}/roles`, {
      email: 'nobody@example.org',
      role: 'secretary',
      holds: 'true',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain(
      'A member with the email nobody@example.org was not found.',
    );
    const given = await c.form(`/bodies/${camdenId}/roles`, {
      email: 'isla.singh0@example.org',
      role: 'secretary',
      holds: 'true',
    });
    expect(given.status).toBe(303);
    const page = await (await c.request(`/bodies/${camdenId}`)).text();
    expect(page).toContain('Isla Singh, Secretary');
    const body = (await (await c.json('GET', `/api/v1/bodies/${camdenId}`)).json()) as {
      officers: { personId: string; role: string }[];
    };
    const isla = body.officers.find((o) => o.role === 'secretary')!;
    await c.form(`/bodies/${camdenId}/roles`, {
      personId: isla.personId,
      role: 'secretary',
      holds: 'false',
    });
    expect(await (await c.request(`/bodies/${camdenId}`)).text()).not.toContain(
      'Isla Singh, Secretary',
    );
  });

  it('does setup, invitation and password reset through the API too', async () => {
    const mailer = new MemoryMailer();
    const ctx = testContext(database(), { mailer });
    const secret = (await issueSetupLink(ctx))!.split('/').pop()!;
    const admin = client(ctx);
    const setup = await admin.json('POST', '/api/v1/setup', {
      secret,
      name: 'Ada',
      email: 'ada@example.org',
      password: 'correct horse battery',
    });
    expect(setup.status).toBe(201);
    const again = await client(ctx).json('POST', '/api/v1/setup', {
      secret,
      name: 'Eve',
      email: 'eve@example.org',
      password: 'correct horse battery',
    });
    expect([again.status, ((await again.json()) as { error: string }).error]).toEqual([
      410,
      'TOKEN_INVALID',
    ]);
    const org = (await (
      await admin.json('POST', '/api/v1/organisations', {
        name: 'Northfield Movement',
        topBodyName: 'National Coordinating Group',
      })
    ).json()) as { topBodyId: string };
    await admin.json('POST', `/api/v1/bodies/${org.topBodyId}/imports`, {
      csv: 'Name,Email\nIsla Singh,isla@example.org',
      dryRun: false,
    });
    await admin.json('POST', `/api/v1/bodies/${org.topBodyId}/invitations`, {});
    await flushOutbox(ctx);
    const isla = client(ctx);
    const accepted = await isla.json('POST', '/api/v1/invitations/accept', {
      secret: mailer.linkTo('isla@example.org').split('/').pop(),
      password: 'a long password',
    });
    expect(accepted.status).toBe(201);
    expect(
      ((await (await isla.json('GET', '/api/v1/me')).json()) as { person: { name: string } }).person
        .name,
    ).toBe('Isla Singh');
    expect(
      (await isla.json('POST', '/api/v1/password-reset', { email: 'isla@example.org' })).status,
    ).toBe(202);
    await flushOutbox(ctx);
    const reset = await client(ctx).json('POST', '/api/v1/password-reset/complete', {
      secret: mailer.linkTo('isla@example.org').split('/').pop(),
      password: 'another long password',
    });
    expect(reset.status).toBe(200);
    expect((await isla.json('GET', '/api/v1/me')).status).toBe(401);
  });
});
