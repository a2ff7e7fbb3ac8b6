/**
 * Personal API tokens: what a member gives a script or another tool so it can act as them
 * through the JSON API, limited by scopes, never through the pages. The scopes follow the few
 * things such tools do, as GitHub's and GitLab's personal tokens do:
 *
 * - `read`: read whatever the person may read (every GET);
 * - `vote`: cast the person's own votes in ballots (a question put to a secret vote is one);
 * - `manage`: every other change the person may make (motions, meetings, members, answers).
 *
 * Any token may read. Tokens are made, listed and revoked only from a signed-in session, never
 * with a token, so a leaked token cannot mint others.
 */

export const API_SCOPES = ['read', 'vote', 'manage'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** What a token's secret starts with, so a leaked one is recognisable (and scannable). */
export const TOKEN_PREFIX = 'sec_';

const VOTE = /^\/api\/v1\/ballots\/[^/]+\/votes$/;
const TOKEN_ROUTES = /^\/api\/v1\/me\/tokens(\/|$)/;

/** The scope a request needs, or null when no token may make it. */
export function scopeNeeded(method: string, path: string): ApiScope | null {
  if (!path.startsWith('/api/v1/') || TOKEN_ROUTES.test(path)) return null;
  if (method === 'GET' || method === 'HEAD') return 'read';
  if (method === 'POST' && VOTE.test(path)) return 'vote';
  return 'manage';
}

export const allows = (scopes: readonly ApiScope[], needed: ApiScope): boolean =>
  needed === 'read' || scopes.includes(needed);
