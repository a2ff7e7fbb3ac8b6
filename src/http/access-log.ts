import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../app/common/context.ts';
import type { HttpEnv } from './env.ts';

/**
 * The route that answered, as its pattern (`/meetings/:id`, `/reset/:secret`): never the path
 * itself, which holds ids and one-time secrets. A path no route matched is `unmatched`.
 */
export function routeOf(c: Context): string {
  const matched = routePath(c);
  return c.res.status === 404 && /^\/?\*$/.test(matched) ? 'unmatched' : matched;
}

/** A request id a proxy in front may already have given: short, and only safe characters. */
const GIVEN_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Gives each request an id (the `X-Request-Id` a proxy sent, else a new one), answers with it,
 * and writes one access-log line when the answer is ready: method, route pattern, status and
 * milliseconds. Nothing personal: no address, no person, no path, no query, no browser.
 */
export function accessLog(log: Logger): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const given = c.req.header('x-request-id');
    const requestId = given && GIVEN_ID.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    // Before the handler: a live stream writes its headers itself, straight to the socket.
    c.header('X-Request-Id', requestId);
    const start = performance.now();
    try {
      await next();
    } finally {
      log.info('request', {
        requestId,
        method: c.req.method,
        route: routeOf(c),
        status: c.res.status,
        ms: Math.round((performance.now() - start) * 10) / 10,
      });
    }
  };
}
