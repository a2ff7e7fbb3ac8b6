import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { resolveSession } from '../app/session.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import { apiRoutes, openApiDocument } from './api.ts';
import { ballotRoutes } from './ballot-pages.tsx';
import { liveRoutes } from './live.ts';
import { meetingsApiRoutes } from './meetings-api.ts';
import { meetingRoutes } from './meeting-pages.tsx';
import { meetingLiveRoutes } from './meeting-live.ts';
import type { HttpEnv, HttpOptions } from './env.ts';
import { renderError } from './errors.tsx';
import { LIVE_JS, SITE_CSS } from './pages/layout.tsx';
import { csrfProtection, RateLimiter, readSessionCookie, securityHeaders } from './security.ts';
import { webRoutes } from './web.tsx';

/** Uploads beyond this are refused with 413: a 400,000-member register is about 40 MB. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * The whole web application: pages at `/`, the JSON API at `/api/v1`, its description at
 * `/api/openapi.json`. Each request reads top to bottom: headers, size limit, CSRF, session,
 * route; every error goes through `renderError`.
 */
export function createHttpApp(opts: HttpOptions) {
  const { ctx } = opts;
  const app = new Hono<HttpEnv>();
  const limiter = new RateLimiter(opts.signInAttemptsPer15Min);

  app.use(securityHeaders);
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new DomainError(
          'PAYLOAD_TOO_LARGE',
          `That upload is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`,
        );
      },
    }),
  );
  app.use(csrfProtection(ctx.baseUrl));
  app.use(async (c, next) => {
    const token = readSessionCookie(c);
    c.set('sessionToken', token);
    c.set('signedIn', await resolveSession(ctx, token));
    await next();
  });

  app.get('/assets/site.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(SITE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  app.get('/assets/live.js', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(LIVE_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });
  app.get('/healthz', (c) => c.json({ ok: true }));

  const api = apiRoutes({ ...opts, limiter });
  api.route('/', meetingsApiRoutes(opts));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(api, ctx.baseUrl)));
  app.route('/api/v1', liveRoutes(opts));
  app.route('/', meetingLiveRoutes(opts));
  app.route('/api/v1', api);
  app.route('/', ballotRoutes(opts));
  app.route('/', meetingRoutes(opts));
  app.route('/', webRoutes({ ...opts, limiter }));

  app.notFound((c) =>
    renderError(notFound(wantsJsonPath(c.req.path) ? 'That API route' : 'That page'), c, ctx.log),
  );
  app.onError((error, c) => renderError(error, c, ctx.log));
  return app;
}

const wantsJsonPath = (path: string) => path.startsWith('/api/');
