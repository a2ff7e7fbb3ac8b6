import { generateKeyPairSync } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextLike } from 'oidc-provider';

/**
 * A real OpenID provider (oidc-provider, certified) run in-process on 127.0.0.1 at a random port,
 * for the sign-in tests. Whoever signs in at it is `signInAs`'s person: the login step answers
 * itself, and the grant is given without asking, so a test follows the redirects like a browser
 * whose person is already signed in at the provider.
 */
export interface TestProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The claims of the person who signs in next (`sub` is theirs). */
  signInAs(claims: { sub: string } & Record<string, unknown>): void;
  /**
   * Follows the provider's redirects from `url` (its authorization address) until one leaves for
   * `back` (Seconded's redirect URI), which is returned; cookies are kept as a browser would.
   */
  follow(url: string, back: string): Promise<URL>;
  /** How many requests the provider has answered at `path` (its discovery document, its keys). */
  requestsTo(path: string): number;
  close(): Promise<void>;
}

export async function startTestProvider(redirectUris: readonly string[]): Promise<TestProvider> {
  let claims: { sub: string } & Record<string, unknown> = { sub: 'nobody' };
  let handler: RequestListener | null = null;
  const requests = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://provider').pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    handler?.(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'seconded';
  const clientSecret = 'a client secret for tests only, long enough';
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    format: 'jwk',
  });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [...redirectUris],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ ...claims, sub }),
    }),
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'groups', 'member_number'],
    },
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    // The person has agreed to Seconded before: no consent screen.
    loadExistingGrant: async (ctx: KoaContextLike) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client?.clientId,
        accountId: ctx.oidc.session?.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    cookies: { keys: ['test cookie key'] },
    // Set, so that the provider does not warn of its defaults in every test run.
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
    jwks: { keys: [signingKey] },
  });
  const callback = provider.callback();
  handler = (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      void provider
        .interactionFinished(
          req,
          res,
          { login: { accountId: claims.sub } },
          {
            mergeWithLastSubmission: false,
          },
        )
        .catch((error: unknown) => {
          res.statusCode = 500;
          res.end(String(error));
        });
      return;
    }
    callback(req, res);
  };

  const jar = new Map<string, string>();
  async function follow(start: string, back: string): Promise<URL> {
    let url = new URL(start);
    for (let hop = 0; hop < 10; hop++) {
      if (url.href.startsWith(back)) return url;
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
      for (const set of res.headers.getSetCookie()) {
        const [pair] = set.split(';');
        const at = pair!.indexOf('=');
        jar.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
      const location = res.headers.get('location');
      if (!location) throw new Error(`The provider answered ${res.status}: ${await res.text()}`);
      url = new URL(location, url);
    }
    throw new Error('The provider redirected too often.');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (next) => {
      claims = next;
      jar.clear();
    },
    follow,
    requestsTo: (path) => requests.get(path) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
