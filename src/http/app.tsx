import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { resolveSession } from '../app/accounts/session.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import { accountPages } from './accounts/account-pages.tsx';
import { accountsApi } from './accounts/accounts-api.ts';
import { tasksApi } from './home/tasks-api.ts';
import { signInPages } from './accounts/sign-in-pages.tsx';
import { identityProviderApi } from './accounts/identity-provider-api.ts';
import { identityProviderPages } from './accounts/identity-provider-pages.tsx';
import { openApiDocument, openApiRoutes } from './api-kit.ts';
import { asset } from './assets.ts';
import { ballotsApi } from './ballots/ballots-api.ts';
import { e2eBallotsApi, e2eBoardRoutes } from './ballots/e2e-api.ts';
import { memberPages } from './organisations/member-pages.tsx';
import { organisationPages } from './organisations/organisation-pages.tsx';
import { organisationsApi } from './organisations/organisations-api.ts';
import { ballotRoutes } from './ballots/ballot-pages.tsx';
import { bearerTokens } from './api-tokens.ts';
import { accessLog } from './access-log.ts';
import { compression } from './compression.ts';
import { installMetrics } from './metrics.ts';
import { StreamQuota } from './live/stream-quota.ts';
import { liveRoutes } from './live/live.ts';
import { healthRoutes } from './health.ts';
import { meetingsApi } from './meetings/meetings-api.ts';
import { motionsApi } from './meetings/motions-api.ts';
import { meetingRoutes } from './meetings/meeting-pages.tsx';
import { minutesRoutes } from './meetings/minutes-pages.tsx';
import { motionRoutes } from './meetings/motion-pages.tsx';
import { resolutionsApi } from './resolutions/resolutions-api.ts';
import { conferenceApi } from './conference/conference-api.ts';
import { conferencePages } from './conference/conference-pages.tsx';
import { resolutionRoutes } from './resolutions/resolution-pages.tsx';
import { meetingLiveRoutes } from './live/meeting-live.ts';
import { withLocale } from '../messages/messages.ts';
import { roomRoutes } from './meetings/room-pages.tsx';
import { speakersApi } from './meetings/speakers-api.ts';
import { standingOrdersApi } from './organisations/standing-orders-api.ts';
import { standingOrdersPages } from './organisations/standing-orders-pages.tsx';
import type { HttpEnv, HttpOptions } from './env.ts';
import { federationRoutes } from './federation/federation-routes.ts';
import { renderError, requestLocale } from './errors.tsx';
import { LIVE_JS, SITE_CSS } from './pages/layout.tsx';
import { clientScriptRoutes } from './client-scripts.ts';
import { ATTENDANCE_JS } from './meetings/attendance-pages.tsx';
import {
  csrfProtection,
  RateLimiter,
  clientAddresses,
  readSessionCookie,
  refuseNulCharacters,
  securityHeaders,
} from './security.ts';

/**
 * Uploads beyond this are refused with 413: a 400,000-member register is about 40 MB. A key
 * holder's shuffle or decryption larger than this goes in parts (ballots/e2e-upload-api.ts).
 */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * The whole web application: pages at `/`, the JSON API at `/api/v1`, its description at
 * `/api/openapi.json`. Each request reads top to bottom: headers, size limit, CSRF, session,
 * route; every error goes through `renderError`.
 */
export function createHttpApp(opts: HttpOptions) {
  const { ctx } = opts;
  const app = new Hono<HttpEnv>();
  // Password-reset requests; sign-in failures are throttled by the use case, in the database.
  const limiter = new RateLimiter(
    opts.signInAttemptsPer15Min,
    undefined,
    undefined,
    'Too many password-reset requests. Wait 15 minutes and try again.',
  );

  // One count of open streams for both kinds, so the caps hold whichever a client opens.
  const streams = new StreamQuota();

  app.use(accessLog(ctx.log));
  if (opts.metricsToken) installMetrics(app, { ...opts, streams, token: opts.metricsToken });
  // Outside everything that writes a body, errors included; event streams and PDFs pass by.
  app.use(compression);
  app.use(clientAddresses(opts.trustProxy ?? []));
  app.use(securityHeaders);
  // Server-to-server ActivityPub (issue 19): signed requests, checked there, not sessions.
  if (opts.federation) app.use(federationRoutes(opts.federation));
  app.use(limitBody);
  app.use(csrfProtection(ctx.baseUrl));
  app.use(refuseNulCharacters);
  app.use(async (c, next) => {
    const token = readSessionCookie(c);
    c.set('sessionToken', token);
    c.set('signedIn', await resolveSession(ctx, token));
    await next();
  });
  app.use(bearerTokens(ctx));
  // Every page in the person's language: their choice, else their browser's, else English.
  app.use(async (c, next) => {
    const locale = requestLocale(c);
    c.header('Content-Language', locale);
    c.header('Vary', 'Accept-Language, Cookie');
    await withLocale(locale, next);
  });

  // Each invitation request mails every member not yet signed up: a person may send only so
  // many (per person, so that refused requests from others cannot block the secretary).
  const invitations = new RateLimiter(
    opts.invitationsPer15Min ?? 10,
    undefined,
    undefined,
    'Too many invitations were sent by you just now. Wait 15 minutes and try again.',
  );
  for (const path of ['/bodies/:id/invitations', '/api/v1/bodies/:id/invitations']) {
    app.use(path, async (c, next) => {
      const signedIn = c.get('signedIn');
      if (c.req.method === 'POST' && signedIn) invitations.hit([`by:${signedIn.actor.personId}`]);
      await next();
    });
  }

  asset(app, '/assets/site.css', SITE_CSS, 'text/css');
  asset(app, '/assets/live.js', LIVE_JS, 'text/javascript');
  asset(app, '/assets/attendance.js', ATTENDANCE_JS, 'text/javascript');
  clientScriptRoutes(app);
  app.route('/', healthRoutes(opts));

  // The accounts' pages and API routes count their attempts in one limiter.
  const parts = { ...opts, limiter };
  const api = openApiRoutes({ checkAnswers: opts.checkAnswers });
  for (const part of API_PARTS) part(api, parts);
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(api, ctx.baseUrl)));
  app.route('/api/v1', liveRoutes({ ...opts, streams }));
  app.route('/', meetingLiveRoutes({ ...opts, streams }));
  app.route('/api/v1', api);
  for (const pages of PAGES) app.route('/', pages(parts));

  app.notFound((c) =>
    renderError(notFound(wantsJsonPath(c.req.path) ? 'That API route' : 'That page'), c, ctx.log),
  );
  app.onError((error, c) => renderError(error, c, ctx.log));
  return app;
}

/** Each area's part of the JSON API, declared on the one API in this order. */
const API_PARTS = [
  accountsApi,
  identityProviderApi,
  tasksApi,
  organisationsApi,
  ballotsApi,
  e2eBallotsApi,
  meetingsApi,
  motionsApi,
  resolutionsApi,
  speakersApi,
  standingOrdersApi,
  conferenceApi,
];

/** Each area's pages and their forms, tried in this order. */
const PAGES = [
  ballotRoutes,
  e2eBoardRoutes,
  roomRoutes,
  standingOrdersPages,
  meetingRoutes,
  motionRoutes,
  minutesRoutes,
  resolutionRoutes,
  accountPages,
  identityProviderPages,
  signInPages,
  organisationPages,
  memberPages,
  conferencePages,
];

const streamedLimitOf = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new DomainError(
        'PAYLOAD_TOO_LARGE',
        `That upload is larger than ${maxSize / 1024 / 1024} MB.`,
      );
    },
  });
const streamedBodyLimit = streamedLimitOf(MAX_BODY_BYTES);

/**
 * Refuses bodies over MAX_BODY_BYTES. A declared Content-Length is judged from the header
 * alone; only a body of unknown length (chunked) goes through Hono's bodyLimit, which counts it as it
 * streams. Merely asking Hono's middleware about a body makes the Node adapter build a full web
 * Request with a body stream for every POST, which cost more than the rest of casting a vote.
 */
const limitBody: MiddlewareHandler<HttpEnv> = (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  const length = c.req.header('content-length');
  if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
    if (Number.parseInt(length, 10) > MAX_BODY_BYTES) return streamedBodyLimit(c, next);
    return next();
  }
  return streamedBodyLimit(c, next);
};

const wantsJsonPath = (path: string) => path.startsWith('/api/');
