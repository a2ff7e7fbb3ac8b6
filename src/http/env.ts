import type { PoolStats } from '../db/database.ts';
import type { AppContext } from '../app/common/context.ts';
import type { FederationSeam } from '../infra/federation.ts';
import type { SignedIn } from '../app/accounts/session.ts';

/** Hono's typed context variables for every request. */
export interface HttpEnv {
  Variables: {
    signedIn: SignedIn | null;
    sessionToken: string | undefined;
    /** The client's address: the socket's, or what a trusted proxy says (TRUST_PROXY). */
    clientAddress: string;
    /** This request's id in the access log and in the X-Request-Id header. */
    requestId: string;
  };
}

export interface HttpOptions {
  readonly ctx: AppContext;
  readonly secureCookies: boolean;
  /** Password-reset requests per address and per account in 15 minutes. */
  readonly signInAttemptsPer15Min: number;
  /** Turns on GET /metrics, for a scraper sending it as a bearer token (METRICS_TOKEN). */
  readonly metricsToken?: string;
  /** PostgreSQL: the pool as it stands, for the metrics. */
  readonly poolStats?: () => PoolStats;
  /** Reverse proxies whose `X-Forwarded-For` names the client (TRUST_PROXY); none by default. */
  readonly trustProxy?: readonly string[];
  /** Invitation sends per person per 15 minutes (default 10): no one can flood members' inboxes. */
  readonly invitationsPer15Min?: number;
  /**
   * Tests only: every JSON answer of the API is parsed with its schema and must come back
   * unchanged, or the request fails (api-kit.ts, `checkedAnswer`). Off in production, where it
   * would cost time on every request.
   */
  readonly checkAnswers?: boolean;
  /** Organisations' OpenID providers may be http (config OIDC_ALLOW_HTTP; development, tests). */
  readonly oidcAllowHttp?: boolean;
  /** Fedify mounted (issue 19), when federation is on (FEDERATION_ALLOWED_PEERS). */
  readonly federation?: FederationSeam;
}

export const SESSION_COOKIE = 'seconded_session';
