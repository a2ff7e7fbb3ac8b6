import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { addMembers, sessionFor, testContext } from '../../test/factories.ts';
import { northfield } from '../../test/story.ts';
import { createHttpApp } from './app.tsx';

const TOKEN = 'a-scraper-token-of-some-length';
const ORIGIN = 'http://seconded.test';

/**
 * Checks text against the Prometheus exposition format 0.0.4: every line a HELP or TYPE comment
 * or a sample `name{label="value",…} number`, every sample of a family whose TYPE came before.
 * Values are read as Prometheus reads them (Go's ParseFloat: NaN and Inf in any case).
 * Returns the samples by their name and labels.
 */
function parsePrometheus(text: string): Map<string, number> {
  const typed = new Set<string>();
  const samples = new Map<string, number>();
  const name = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const labels = `\\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*",?)*\\}`;
  const sample = new RegExp(
    `^(${name})(${labels})? (-?[0-9.e+-]+|[Nn][Aa][Nn]|[+-]?[Ii]nf)( -?\\d+)?$`,
  );
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = new RegExp(`^# TYPE (${name}) (counter|gauge|histogram|summary|untyped)$`).exec(
      line,
    );
    if (type) {
      typed.add(type[1]!);
      continue;
    }
    if (new RegExp(`^# HELP ${name} .*$`).test(line)) continue;
    const m = sample.exec(line);
    if (!m) throw new Error(`not Prometheus text: ${line}`);
    const family = m[1]!.replace(/_(bucket|sum|count|total|created)$/, '');
    if (!typed.has(m[1]!) && !typed.has(family)) throw new Error(`sample before its TYPE: ${line}`);
    samples.set(m[1]! + (m[2] ?? ''), Number(m[3]));
  }
  return samples;
}

describeEachDatabase('Prometheus metrics', (database) => {
  it('are off without METRICS_TOKEN', async () => {
    const ctx = testContext(database());
    const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
    expect((await app.request(`${ORIGIN}/metrics`)).status).toBe(404);
  });

  it('count requests by route, votes cast, streams and mail, behind the token, and parse', async () => {
    const open = database();
    const ctx = testContext(open);
    const story = await northfield(ctx);
    const app = createHttpApp({
      ctx,
      secureCookies: false,
      signInAttemptsPer15Min: 10,
      metricsToken: TOKEN,
      poolStats: open.poolStats,
    });
    const as = (token: string) => (method: string, path: string, body?: unknown) =>
      app.request(`${ORIGIN}${path}`, {
        method,
        headers: { cookie: `seconded_session=${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const admin = as(await sessionFor(ctx, story.adminId));
    const [voter] = await addMembers(ctx, story.camdenId, 1);
    const drafted = await admin('POST', `/api/v1/bodies/${story.camdenId}/ballots`, {
      question: 'That this branch affiliates to the federation.',
    });
    const { ballotId } = (await drafted.json()) as { ballotId: string };
    expect((await admin('POST', `/api/v1/ballots/${ballotId}/open`)).status).toBe(200);
    const cast = await as(voter!.token)('POST', `/api/v1/ballots/${ballotId}/votes`, {
      choice: 'for',
    });
    expect(cast.status).toBe(201);
    // A second vote is refused, and not counted.
    expect(
      (await as(voter!.token)('POST', `/api/v1/ballots/${ballotId}/votes`, { choice: 'for' }))
        .status,
    ).toBe(409);
    await app.request(`${ORIGIN}/no/such/page/${ballotId}`);

    const scrape = (authorization?: string) =>
      app.request(`${ORIGIN}/metrics`, authorization ? { headers: { authorization } } : {});
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN.slice(1)}x`)).status).toBe(401);
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const samples = parsePrometheus(text);

    expect(
      samples.get(
        'seconded_http_requests_total{method="POST",route="/api/v1/ballots/:id/votes",status="201"}',
      ),
    ).toBe(1);
    expect(
      samples.get(
        'seconded_http_requests_total{method="POST",route="/api/v1/ballots/:id/votes",status="409"}',
      ),
    ).toBe(1);
    expect(
      samples.get('seconded_http_requests_total{method="GET",route="unmatched",status="404"}'),
    ).toBe(1);
    expect(samples.get('seconded_ballot_votes_cast_total')).toBe(1);
    expect(samples.get('seconded_event_streams_open')).toBe(0);
    expect(samples.get('seconded_outbox_unsent_messages')).toBeGreaterThanOrEqual(0);
    expect(
      samples.get(
        'seconded_http_request_duration_seconds_count{method="POST",route="/api/v1/ballots/:id/votes"}',
      ),
    ).toBe(2);
    if (open.dialect === 'postgres') {
      expect(samples.has('seconded_db_pool_connections{state="idle"}')).toBe(true);
      expect(samples.has('seconded_db_pool_waiting_queries')).toBe(true);
    }
    expect(samples.has('seconded_process_resident_memory_bytes')).toBe(true);
    // Route patterns only: no id, address or email is kept in a label.
    expect(text).not.toContain(ballotId);
    expect(text).not.toMatch(/@example\.org/);
  });
});
