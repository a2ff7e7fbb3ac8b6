import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { startTestProvider, type TestProvider } from '../../../test/oidc-provider.ts';
import {
  BEN,
  ISLA,
  PASSWORD,
  northfieldWithCamdenMembers,
  personIdOf,
} from '../../../test/story.ts';
import { redirectUriOf } from '../../app/accounts/identity-provider-of.ts';
import { issueOneTimeLink } from '../../app/accounts/one-time-links.ts';
import { registerIdentityProvider } from '../../app/accounts/register-identity-provider.ts';
import type { AppContext } from '../../app/common/context.ts';
import type { OpenDatabase } from '../../db/database.ts';
import { ORIGIN } from '../../../test/http-client.ts';
import { createHttpApp } from '../app.tsx';

const SLUG = 'northfield-movement';
let provider: TestProvider;

beforeAll(async () => {
  provider = await startTestProvider([redirectUriOf(ORIGIN, SLUG)]);
});
afterAll(() => provider.close());

/** A browser on the in-process app, keeping every cookie it is given (and dropping cleared ones). */
function browser(ctx: AppContext) {
  const app = createHttpApp({
    ctx,
    secureCookies: false,
    signInAttemptsPer15Min: 10,
    checkAnswers: true,
    oidcAllowHttp: true,
  });
  const jar = new Map<string, string>();
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await app.request(`${ORIGIN}${path}`, { ...init, headers });
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const at = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, at), pair!.slice(at + 1)];
      if (value && !/max-age=0/i.test(set)) jar.set(name, value);
      else jar.delete(name);
    }
    return res;
  };
  return {
    jar,
    request,
    form: (path: string, fields: Record<string, string>) =>
      request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        body: new URLSearchParams(fields).toString(),
      }),
    /** Starts a sign-in with the provider and follows it there and back to the redirect URI. */
    async toProviderAndBack(next = '/') {
      const start = await request(`/sign-in/oidc/${SLUG}?next=${encodeURIComponent(next)}`);
      expect(start.status).toBe(303);
      const back = await provider.follow(
        start.headers.get('location')!,
        redirectUriOf(ORIGIN, SLUG),
      );
      return back.pathname + back.search;
    },
  };
}

/** Northfield with Isla and Ben on Camden's register, and its provider registered by the admin. */
async function northfieldWithProvider(
  ctx: AppContext,
  more: Partial<Parameters<typeof registerIdentityProvider>[1]> = {},
) {
  const story = await northfieldWithCamdenMembers(ctx, [ISLA, BEN]);
  await registerIdentityProvider(ctx, {
    actor: story.admin,
    slug: SLUG,
    name: 'Northfield ID',
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    matchBy: 'email',
    memberNumberClaim: '',
    groupsClaim: 'groups',
    roleMappings: 'branch-secretaries = secretary @ camden-town-group',
    passwordSignIn: true,
    allowHttp: true,
    ...more,
  });
  return story;
}

const counts = async (open: OpenDatabase) => ({
  people: (await open.db.selectFrom('people').select('id').execute()).length,
  sessions: (await open.db.selectFrom('sessions').select('id_hash').execute()).length,
  memberships: (await open.db.selectFrom('memberships').select('id').execute()).length,
});

const isla = { sub: 'isla-at-provider', email: ISLA[0], email_verified: true };

describeEachDatabase("signing in with the organisation's OpenID provider", (database) => {
  it('reads the provider’s discovery document once for two sign-ins, and again after a failed one', async () => {
    // A provider of its own, at a new address: nothing of it is cached yet.
    const shared = provider;
    provider = await startTestProvider([redirectUriOf(ORIGIN, SLUG)]);
    try {
      const ctx = testContext(database());
      await northfieldWithProvider(ctx);
      for (const person of [
        isla,
        { sub: 'ben-at-provider', email: BEN[0], email_verified: true },
      ]) {
        provider.signInAs(person);
        const phone = browser(ctx);
        const answer = await phone.request(await phone.toProviderAndBack('/bodies'));
        expect(answer.headers.get('location')).toBe('/bodies');
        expect(phone.jar.has('seconded_session')).toBe(true);
      }
      expect(provider.requestsTo('/.well-known/openid-configuration')).toBe(1);
      // A code the provider never gave is refused at its token endpoint, and the configuration
      // forgotten: it is read again at the next sign-in.
      const phone = browser(ctx);
      const back = await phone.toProviderAndBack('/bodies');
      const forged = await phone.request(back.replace(/code=[^&]+/, 'code=forged-code'));
      expect(forged.status).toBeGreaterThanOrEqual(400);
      provider.signInAs(isla);
      const again = browser(ctx);
      const answer = await again.request(await again.toProviderAndBack('/bodies'));
      expect(answer.headers.get('location')).toBe('/bodies');
      expect(provider.requestsTo('/.well-known/openid-configuration')).toBe(2);
    } finally {
      await provider.close();
      provider = shared;
    }
  });

  it('matches the member by verified email, gives the secretary role the groups claim maps, and signs them in', async () => {
    const ctx = testContext(database());
    const story = await northfieldWithProvider(ctx);
    const phone = browser(ctx);
    const signInPage = await (await phone.request('/sign-in')).text();
    expect(signInPage).toContain('Sign in with Northfield ID');

    provider.signInAs({ ...isla, groups: ['/branch-secretaries', 'everyone'] });
    const back = await phone.toProviderAndBack('/bodies');
    const answer = await phone.request(back);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/bodies');
    expect(phone.jar.has('seconded_session')).toBe(true);
    expect(phone.jar.has('seconded_oidc_state')).toBe(false);

    const islaId = await personIdOf(ctx, ISLA[0]);
    const roles = await ctx.db
      .selectFrom('memberships')
      .select(['role', 'left_on'])
      .where('person_id', '=', islaId)
      .where('body_id', '=', story.camdenId)
      .orderBy('role')
      .execute();
    expect(roles).toEqual([
      { role: 'member', left_on: null },
      { role: 'secretary', left_on: null },
    ]);
    // The session is the database's, as with a password: the member's own pages open.
    expect((await phone.request(`/bodies/${story.camdenId}/members`)).status).toBe(200);

    // Out of the group at the provider, out of the role at the next sign-in.
    const laptop = browser(ctx);
    provider.signInAs({ ...isla, groups: ['everyone'] });
    expect((await laptop.request(await laptop.toProviderAndBack())).status).toBe(303);
    const secretary = await ctx.db
      .selectFrom('memberships')
      .select('left_on')
      .where('person_id', '=', islaId)
      .where('role', '=', 'secretary')
      .executeTakeFirstOrThrow();
    expect(secretary.left_on).not.toBeNull();
    // Both sessions were taken in the database: signing out ends the phone's at once.
    await phone.form('/sign-out', {});
    expect((await phone.request(`/bodies/${story.camdenId}/members`)).status).not.toBe(200);
  });

  it('refuses a forged state, and an answer brought to a browser that did not start it', async () => {
    const ctx = testContext(database());
    await northfieldWithProvider(ctx);
    provider.signInAs(isla);
    const phone = browser(ctx);
    const back = await phone.toProviderAndBack();
    const before = await counts(database());

    const forged = back.replace(/state=[^&]+/, 'state=forged-state-value');
    const refused = await phone.request(forged);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('could not be checked');

    // The genuine answer in someone else's browser (login CSRF): no state cookie there.
    const other = browser(ctx);
    expect((await other.request(back)).status).toBe(401);
    expect(await counts(database())).toEqual(before);
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const ctx = testContext(database());
    await northfieldWithProvider(ctx);
    provider.signInAs(isla);
    const phone = browser(ctx);
    const back = await phone.toProviderAndBack();
    // The nonce kept for this sign-in differs from the one the provider put in the ID token.
    await ctx.db
      .updateTable('external_sign_ins')
      .set({ nonce: 'a-different-nonce-value' })
      .execute();
    const before = await counts(database());
    const refused = await phone.request(back);
    expect(refused.status).toBe(401);
    expect(await counts(database())).toEqual(before);
  });

  it('refuses an email the provider has not verified, and creates nothing', async () => {
    const ctx = testContext(database());
    await northfieldWithProvider(ctx);
    provider.signInAs({ ...isla, email_verified: false, groups: ['branch-secretaries'] });
    const phone = browser(ctx);
    const back = await phone.toProviderAndBack();
    const before = await counts(database());
    const refused = await phone.request(back);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('has not verified your email address');
    expect(await counts(database())).toEqual(before);
    expect(phone.jar.has('seconded_session')).toBe(false);
  });

  it('refuses a verified person who is not a member, with a page that says so, and creates nothing', async () => {
    const ctx = testContext(database());
    await northfieldWithProvider(ctx);
    provider.signInAs({ sub: 'stranger', email: 'stranger@example.org', email_verified: true });
    const phone = browser(ctx);
    const back = await phone.toProviderAndBack();
    const before = await counts(database());
    const refused = await phone.request(back);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('no member of Northfield Movement matches you');
    expect(await counts(database())).toEqual(before);
  });

  it('takes each answer once: a replayed one is refused', async () => {
    const ctx = testContext(database());
    await northfieldWithProvider(ctx);
    provider.signInAs(isla);
    const phone = browser(ctx);
    const back = await phone.toProviderAndBack();
    const state = phone.jar.get('seconded_oidc_state')!;
    expect((await phone.request(back)).status).toBe(303);
    phone.jar.set('seconded_oidc_state', state);
    expect((await phone.request(back)).status).toBe(401);
  });

  it('matches by the member number in a configured claim, never by the email then', async () => {
    const ctx = testContext(database());
    const story = await northfieldWithProvider(ctx, {
      matchBy: 'claim',
      memberNumberClaim: 'member_number',
    });
    const benId = await personIdOf(ctx, BEN[0]);
    await ctx.db
      .updateTable('memberships')
      .set({ member_number: 'NF-0042' })
      .where('person_id', '=', benId)
      .where('body_id', '=', story.camdenId)
      .execute();
    // Isla's verified email, Ben's member number: it is Ben who is signed in.
    provider.signInAs({ ...isla, member_number: 'NF-0042' });
    const phone = browser(ctx);
    expect((await phone.request(await phone.toProviderAndBack())).status).toBe(303);
    const sessions = await ctx.db.selectFrom('sessions').select('person_id').execute();
    expect(sessions).toEqual([{ person_id: benId }]);
  });
});

describeEachDatabase('registering the provider, and password sign-in switched off', (database) => {
  const fields = {
    name: 'Northfield ID',
    issuer: 'https://id.example.org/realms/northfield',
    clientId: 'seconded',
    clientSecret: 'the-very-secret-value-1234',
    matchBy: 'email',
    memberNumberClaim: '',
    groupsClaim: 'groups',
    roleMappings: 'branch-secretaries = secretary @ camden-town-group',
    passwordSignIn: '1',
  };
  const adminBrowser = async (ctx: AppContext) => {
    const admin = browser(ctx);
    expect(
      (await admin.form('/sign-in', { email: 'admin@example.org', password: PASSWORD })).status,
    ).toBe(303);
    return admin;
  };

  it('lists every mistake in the form, and saves nothing', async () => {
    const ctx = testContext(database());
    await northfieldWithCamdenMembers(ctx, [ISLA]);
    const admin = await adminBrowser(ctx);
    const res = await admin.form(`/o/${SLUG}/sign-in-provider`, {
      ...fields,
      issuer: 'ftp://id.example.org',
      clientSecret: '',
      matchBy: 'claim',
      roleMappings: 'branch-secretaries = treasurer\nchairs = chair @ nowhere',
    });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('The issuer must be an https address.');
    expect(page).toContain('Give the client secret');
    expect(page).toContain('Name the claim that holds the member number.');
    expect(page).toContain('branch-secretaries = treasurer');
    expect(await ctx.db.selectFrom('identity_providers').selectAll().execute()).toEqual([]);
    // A body that does not exist, in a form otherwise right.
    const unknownBody = await admin.form(`/o/${SLUG}/sign-in-provider`, {
      ...fields,
      roleMappings: 'chairs = chair @ nowhere',
    });
    expect(unknownBody.status).toBe(400);
    expect(await unknownBody.text()).toContain(
      'No body of Northfield Movement has the address nowhere',
    );
  });

  it('never shows the secret back, keeps it when left blank, and is for administrators only', async () => {
    const ctx = testContext(database());
    await northfieldWithCamdenMembers(ctx, [ISLA]);
    const admin = await adminBrowser(ctx);
    expect(await (await admin.request(`/o/${SLUG}`)).text()).toContain(
      `href="/o/${SLUG}/sign-in-provider"`,
    );
    expect((await admin.form(`/o/${SLUG}/sign-in-provider`, fields)).status).toBe(303);
    const page = await (await admin.request(`/o/${SLUG}/sign-in-provider`)).text();
    expect(page).toContain('https://id.example.org/realms/northfield');
    expect(page).toContain(redirectUriOf(ORIGIN, SLUG));
    expect(page).not.toContain(fields.clientSecret);
    const json = await (
      await admin.request(`/api/v1/organisations/${SLUG}/sign-in-provider`)
    ).text();
    expect(json).toContain('"hasSecret":true');
    expect(json).not.toContain(fields.clientSecret);
    // A refused change does not echo the secret typed either.
    const refused = await admin.form(`/o/${SLUG}/sign-in-provider`, { ...fields, name: '' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).not.toContain(fields.clientSecret);

    const changed = await admin.request(`/api/v1/organisations/${SLUG}/sign-in-provider`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...fields,
        clientSecret: '',
        name: 'Northfield Login',
        passwordSignIn: true,
      }),
    });
    expect(changed.status).toBe(200);
    expect(await changed.text()).not.toContain(fields.clientSecret);
    const row = await ctx.db.selectFrom('identity_providers').selectAll().executeTakeFirstOrThrow();
    expect([row.name, row.client_secret]).toEqual(['Northfield Login', fields.clientSecret]);

    const member = browser(ctx);
    await member.form('/sign-in', { email: ISLA[0], password: PASSWORD });
    expect((await member.request(`/o/${SLUG}/sign-in-provider`)).status).toBe(403);
    expect(await (await member.request(`/o/${SLUG}`)).text()).not.toContain('sign-in-provider');
  });

  it('refuses a member’s password once it is switched off, pointing to the provider; the site administrator keeps theirs', async () => {
    const ctx = testContext(database());
    await northfieldWithCamdenMembers(ctx, [ISLA]);
    const admin = await adminBrowser(ctx);
    const off: Record<string, string> = { ...fields };
    delete off.passwordSignIn;
    expect((await admin.form(`/o/${SLUG}/sign-in-provider`, off)).status).toBe(303);

    const member = browser(ctx);
    const refused = await member.form('/sign-in', { email: ISLA[0], password: PASSWORD });
    expect(refused.status).toBe(403);
    const page = await refused.text();
    expect(page).toContain('Sign in with Northfield ID');
    expect(member.jar.has('seconded_session')).toBe(false);
    const viaApi = await member.request('/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ISLA[0], password: PASSWORD }),
    });
    expect(viaApi.status).toBe(403);
    expect(((await viaApi.json()) as { error: string }).error).toBe('PASSWORD_SIGN_IN_OFF');
    // Nor does a reset link sign them in with a new password; the link stays unused.
    const secret = await issueOneTimeLink(ctx.db, {
      purpose: 'reset',
      personId: await personIdOf(ctx, ISLA[0]),
      createdBy: null,
      now: ctx.now(),
      validForMs: 3_600_000,
    });
    const reset = await member.form(`/reset/${secret}`, { password: 'a new long password' });
    expect(reset.status).toBe(403);
    expect(member.jar.has('seconded_session')).toBe(false);
    // A wrong password is still just wrong: the refusal tells a stranger nothing.
    expect(
      (await member.form('/sign-in', { email: ISLA[0], password: 'wrong guess' })).status,
    ).toBe(401);
    expect((await (await adminBrowser(ctx)).request('/')).status).toBe(200);
  });
});
