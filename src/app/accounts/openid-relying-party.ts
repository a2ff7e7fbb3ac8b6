import * as client from 'openid-client';
import { DomainError } from '../../domain/errors.ts';

/**
 * The one seam to OpenID providers, typed by what Seconded uses of them: the authorization
 * request of the code flow with PKCE (RFC 7636), state and nonce, and the redemption of its answer.
 * openid-client (a certified relying party) makes every check of the answer: the state, the
 * issuer, the ID token's signature, audience, expiry and nonce, and the PKCE verifier at the
 * token endpoint. http issuers are refused unless the server's configuration allows them for
 * development (OIDC_ALLOW_HTTP), never by default.
 */

export interface ProviderClient {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** What the person's browser is sent to the provider with. */
export interface AuthorizationRequest {
  readonly redirectUri: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** Secrets for one sign-in: state, nonce and the PKCE code verifier. */
export const newAuthorizationSecrets = () => ({
  state: client.randomState(),
  nonce: client.randomNonce(),
  codeVerifier: client.randomPKCECodeVerifier(),
});

const TIMEOUT_SECONDS = 10;

/**
 * How long a provider's discovery document is kept before it is read again. Providers change
 * their metadata rarely (OpenID Connect Discovery 1.0 §4 leaves caching to the relying party), and
 * reading it on every sign-in adds a round trip to the provider. The ID token of the code flow
 * comes straight from the token endpoint over TLS, the client authenticated, so openid-client
 * needs no signing keys for it (OpenID Connect Core 1.0 §3.1.3.7, item 6); where it does fetch
 * them, it keeps them with the configuration (its JWKS cache: 5 minutes, fetched again at once
 * for a key id it does not know, as after the provider rotates its keys, §10.1.1). Any redemption
 * that fails forgets the configuration, so that a provider that moved an endpoint or rotated a
 * key is read afresh at the next sign-in.
 */
const DISCOVERY_LIFETIME_MS = 60 * 60 * 1000;

/** Configurations by issuer and client, each with the instant it must be read again. */
const configurations = new Map<
  string,
  { readonly config: Promise<client.Configuration>; readonly until: number }
>();

const cacheKey = (provider: ProviderClient, allowHttp: boolean) =>
  JSON.stringify([provider.issuer, provider.clientId, provider.clientSecret, allowHttp]);

/** The provider's configuration: read from its discovery document at most once an hour. */
function configure(provider: ProviderClient, allowHttp: boolean): Promise<client.Configuration> {
  const key = cacheKey(provider, allowHttp);
  const now = Date.now();
  const cached = configurations.get(key);
  if (cached && cached.until > now) return cached.config;
  // The promise is kept, so that sign-ins arriving together share one read; a failed read is
  // never kept.
  const config = discover(provider, allowHttp);
  configurations.set(key, { config, until: now + DISCOVERY_LIFETIME_MS });
  config.catch(() => {
    if (configurations.get(key)?.config === config) configurations.delete(key);
  });
  return config;
}

/** Forgets a provider's configuration (its keys with it): the next sign-in reads it again. */
function forget(provider: ProviderClient, allowHttp: boolean) {
  configurations.delete(cacheKey(provider, allowHttp));
}

async function discover(provider: ProviderClient, allowHttp: boolean) {
  try {
    return await client.discovery(
      new URL(provider.issuer),
      provider.clientId,
      undefined,
      client.ClientSecretBasic(provider.clientSecret),
      {
        timeout: TIMEOUT_SECONDS,
        ...(allowHttp ? { execute: [client.allowInsecureRequests] } : {}),
      },
    );
  } catch (error) {
    throw refused('its discovery document could not be read', error);
  }
}

/** The address at the provider where the person signs in. */
export async function authorizationUrl(
  provider: ProviderClient,
  request: AuthorizationRequest,
  allowHttp: boolean,
): Promise<URL> {
  const config = await configure(provider, allowHttp);
  return client.buildAuthorizationUrl(config, {
    redirect_uri: request.redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    state: request.state,
    nonce: request.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(request.codeVerifier),
    code_challenge_method: 'S256',
  });
}

/**
 * Redeems the provider's answer (`answer`: the redirect address with its query) for the claims
 * it vouches for: the ID token's, with the UserInfo endpoint's added where it has one (many
 * providers put email_verified and groups only there), for the same subject.
 */
export async function redeem(
  provider: ProviderClient,
  answer: URL,
  request: AuthorizationRequest,
  allowHttp: boolean,
): Promise<Record<string, unknown>> {
  const config = await configure(provider, allowHttp);
  let tokens;
  try {
    tokens = await client.authorizationCodeGrant(
      config,
      answer,
      {
        expectedState: request.state,
        expectedNonce: request.nonce,
        pkceCodeVerifier: request.codeVerifier,
        idTokenExpected: true,
      },
      { redirect_uri: request.redirectUri },
    );
  } catch (error) {
    forget(provider, allowHttp);
    throw refused('its answer did not pass the checks', error);
  }
  const idClaims = tokens.claims();
  if (!idClaims) throw refused('it sent no ID token');
  if (!config.serverMetadata().userinfo_endpoint) return { ...idClaims };
  try {
    const userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    return { ...userInfo, ...idClaims };
  } catch (error) {
    forget(provider, allowHttp);
    throw refused('its UserInfo endpoint did not answer', error);
  }
}

function refused(why: string, cause?: unknown): DomainError {
  const error = new DomainError(
    'EXTERNAL_SIGN_IN_FAILED',
    `The sign-in with your organisation’s provider could not be checked (${why}). Start again from the sign-in page.`,
  );
  if (cause) error.cause = cause;
  return error;
}
