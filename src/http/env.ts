import type { AppContext } from '../app/shared/context.ts';
import type { SignedIn } from '../app/accounts/session.ts';

/** Hono's typed context variables for every request. */
export interface HttpEnv {
  Variables: {
    signedIn: SignedIn | null;
    sessionToken: string | undefined;
  };
}

export interface HttpOptions {
  readonly ctx: AppContext;
  readonly secureCookies: boolean;
  readonly signInAttemptsPer15Min: number;
  /** Invitation sends per person per 15 minutes (default 10): no one can flood members' inboxes. */
  readonly invitationsPer15Min?: number;
}

export const SESSION_COOKIE = 'seconded_session';
