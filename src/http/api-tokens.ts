import type { MiddlewareHandler } from 'hono';
import { authenticateApiToken } from '../app/accounts/authenticate-api-token.ts';
import type { AppContext } from '../app/common/context.ts';
import { allows, scopeNeeded } from '../domain/accounts/api-tokens.ts';
import { DomainError } from '../domain/errors.ts';
import type { HttpEnv } from './env.ts';

/**
 * Signs in a request to the JSON API that carries a personal API token (`Authorization: Bearer
 * sec_…`), as far as the token's scopes allow (src/domain/accounts/api-tokens.ts). A token
 * that is not in force is refused, never read as no one: a script should hear that its token
 * was revoked. Pages and the token routes themselves never take a token.
 */
export function bearerTokens(ctx: AppContext): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header || !/^Bearer\s/i.test(header)) return next();
    const needed = scopeNeeded(c.req.method, c.req.path);
    if (!needed) {
      throw new DomainError(
        'FORBIDDEN',
        'An API token opens only the JSON API, and cannot make or revoke tokens: sign in for that.',
      );
    }
    const found = await authenticateApiToken(ctx, header.replace(/^Bearer\s+/i, '').trim());
    if (!found) {
      throw new DomainError(
        'NOT_SIGNED_IN',
        'That API token is not in force: it may have been revoked.',
      );
    }
    if (!allows(found.scopes, needed)) {
      throw new DomainError(
        'FORBIDDEN',
        `This API token does not allow that: it needs the “${needed}” scope.`,
      );
    }
    c.set('signedIn', found.signedIn);
    c.set('sessionToken', undefined);
    await next();
  };
}
