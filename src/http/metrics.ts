import { timingSafeEqual } from 'node:crypto';
import type { Hono, MiddlewareHandler } from 'hono';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolStats } from '../db/database.ts';
import { countUnsentMail } from '../db/queries/outbox.ts';
import { routeOf } from './access-log.ts';
import type { HttpEnv, HttpOptions } from './env.ts';
import type { StreamQuota } from './live/stream-quota.ts';

/** The routes that cast a ballot's vote, and the status each answers when the vote is in. */
const CASTS = new Map([
  ['POST /api/v1/ballots/:id/votes', 201],
  ['POST /ballots/:id/vote', 200],
]);

/**
 * Prometheus metrics (text exposition format 0.0.4) at GET /metrics, for an operator's scraper:
 * requests and their latencies by route (the route's pattern, never the ids in the path, so
 * the number of series stays small and no one's ids are kept), open event streams, the mail
 * outbox backlog, ballot votes cast, the PostgreSQL pool, and Node's own (memory, event-loop
 * lag, GC). Off unless METRICS_TOKEN is set; then the scraper sends it as a bearer token.
 */
export function installMetrics(
  app: Hono<HttpEnv>,
  opts: HttpOptions & { streams: StreamQuota; token: string; poolStats?: () => PoolStats },
) {
  const register = new Registry();
  collectDefaultMetrics({ register, prefix: 'seconded_' });
  const requests = new Counter({
    name: 'seconded_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [register],
  });
  const latency = new Histogram({
    name: 'seconded_http_request_duration_seconds',
    help: 'Time to answer an HTTP request (to the first byte of a stream), by method and route.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [register],
  });
  const votes = new Counter({
    name: 'seconded_ballot_votes_cast_total',
    help: 'Ballot votes cast and durably recorded through this process.',
    registers: [register],
  });
  new Gauge({
    name: 'seconded_event_streams_open',
    help: 'Live event streams (screens following a meeting or ballot) open in this process.',
    registers: [register],
    collect() {
      this.set(opts.streams.openStreams);
    },
  });
  new Gauge({
    name: 'seconded_outbox_unsent_messages',
    help: 'Mail in the outbox not yet sent (waiting, retrying or held without SMTP_URL).',
    registers: [register],
    async collect() {
      this.set(await countUnsentMail(opts.ctx.db));
    },
  });
  const { poolStats } = opts;
  if (poolStats) {
    new Gauge({
      name: 'seconded_db_pool_connections',
      help: 'PostgreSQL pool connections, by state.',
      labelNames: ['state'] as const,
      registers: [register],
      collect() {
        const stats = poolStats();
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'in_use' }, stats.total - stats.idle);
      },
    });
    new Gauge({
      name: 'seconded_db_pool_waiting_queries',
      help: 'Queries waiting for a PostgreSQL pool connection.',
      registers: [register],
      collect() {
        this.set(poolStats().waiting);
      },
    });
  }

  const measure: MiddlewareHandler<HttpEnv> = async (c, next) => {
    const stop = latency.startTimer();
    try {
      await next();
    } finally {
      const route = routeOf(c);
      const method = c.req.method;
      stop({ method, route });
      requests.inc({ method, route, status: String(c.res.status) });
      if (CASTS.get(`${method} ${route}`) === c.res.status) votes.inc();
    }
  };
  app.use(measure);

  const expected = Buffer.from(`Bearer ${opts.token}`);
  app.get('/metrics', async (c) => {
    const given = Buffer.from(c.req.header('authorization') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      return c.text('Send METRICS_TOKEN as a bearer token.\n', 401);
    }
    c.header('Cache-Control', 'no-store');
    return c.body(await register.metrics(), 200, { 'Content-Type': register.contentType });
  });
}
