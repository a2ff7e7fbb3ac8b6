import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { everyRouteAsEveryRole, ROLES } from '../../test/roles.ts';
import {
  fingerprint,
  installWriteCounter,
  isApi,
  requestTo,
  signsInOrOut,
  type RouteKey,
} from '../../test/route-table.ts';

/** How many requests per database; FUZZ_RUNS=100000 for a longer hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

/** Every form field name the pages read or render, so forms get fields they look at. */
const FORM_FIELDS = (() => {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const names = new Set<string>();
  const pages = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  for (const file of pages.filter((f) => f.endsWith('.tsx'))) {
    const text = readFileSync(dir + file, 'utf8');
    for (const m of text.matchAll(/name="([A-Za-z_-]+)"|\bf\.([A-Za-z_]+)\b/g))
      names.add((m[1] ?? m[2])!);
  }
  return [...names];
})();

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  "' OR '1'='1' --",
  '; drop table people; --',
  '../../../../etc/passwd',
  '\u0000',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '👩🏽‍⚖️🗳️',
  '{{7*7}}${7*7}',
  'NaN',
  '-1',
  '1e309',
  '9007199254740993',
  '2026-02-30',
  '',
  ' ',
  'null',
  '__proto__',
  'constructor',
];

describeEachDatabase('fuzzing every route with hostile requests', (database) => {
  it(`answers ${RUNS} generated requests with a clear 4xx or a success, never a 5xx, and a refused request changes nothing`, async () => {
    const open = database();
    const ctx = testContext(open);
    const { fixture, routes, sampleBody } = await everyRouteAsEveryRole(ctx);
    const realIds = [...Object.values(fixture.ids), ...fixture.otherIds];

    const short = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
      { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    );
    // Huge strings, up to 100,000 characters, in bodies (an address that long is refused early).
    const text = fc.oneof(
      { weight: 9, arbitrary: short },
      {
        weight: 1,
        arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'ä<'.repeat(n / 2)),
      },
    );
    const id = fc.oneof(fc.constantFrom(...realIds), fc.uuid(), short);
    const scalar = fc.oneof(
      text,
      id,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant([]),
      fc.constant({}),
    );
    /** A request body: the route's own valid sample with one field made hostile, or worse. */
    const apiBody = (key: RouteKey) => {
      const sample = sampleBody(key);
      const fields =
        sample && typeof sample === 'object' && !Array.isArray(sample) ? Object.keys(sample) : [];
      return fc.oneof(
        {
          weight: 5,
          arbitrary: fields.length
            ? fc
                .tuple(fc.constantFrom(...fields), scalar)
                .map(([f, v]) => JSON.stringify({ ...(sample as object), [f]: v }))
            : fc.jsonValue().map((v) => JSON.stringify(v)),
        },
        { weight: 1, arbitrary: fc.constant(JSON.stringify(sample ?? {})) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
        // Malformed JSON: cut short, or not JSON at all.
        { weight: 1, arbitrary: fc.nat(20).map((n) => JSON.stringify(sample ?? {}).slice(0, n)) },
        { weight: 1, arbitrary: text },
      );
    };
    const formBody = fc
      .dictionary(fc.constantFrom(...FORM_FIELDS), fc.oneof(text, id, fc.integer().map(String)), {
        maxKeys: 6,
      })
      .map((fields) => new URLSearchParams(fields).toString());

    const request = fc.constantFrom(...routes).chain((key) =>
      fc.record({
        key: fc.constant(key),
        role: fc.constantFrom(...ROLES),
        params: fc.array(id, { minLength: 3, maxLength: 3 }),
        body: isApi(key) ? apiBody(key) : formBody,
      }),
    );

    // Every row written anywhere bumps this counter (a trigger per table, in the same
    // transaction); the full fingerprint of every table is compared at the start and the end.
    const writes = await installWriteCounter(open);
    const before = await fingerprint(open);
    let baseline = await writes();
    let changedBySuccess = 0;
    const seen = { requests: 0, refused: 0, succeeded: 0 };
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ key, role, params, body }) => {
        // Signing in and out would change whose requests a client makes: those go anonymously.
        const who = signsInOrOut(key) ? 'anonymous' : role;
        let n = 0;
        const { path, init } = requestTo(key, () => String(params[n++ % params.length]), body);
        const res = await fixture.clients[who].request(path, init);
        const type = res.headers.get('content-type') ?? '';
        const answer = type.startsWith('text/event-stream')
          ? (await res.body?.cancel(), '')
          : await res.text();
        seen.requests += 1;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const what = `${init.method} ${path.slice(0, 120)} as ${who}`;
        expect(res.status, `${what} answered ${answer.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) {
          seen.refused += 1;
          if (type.startsWith('application/json')) {
            const error = JSON.parse(answer) as { ok: boolean; error: string; message: string };
            expect(error.ok, what).toBe(false);
            expect(error.error, what).toMatch(/^[A-Z_]+$/);
            expect(error.message.length, what).toBeGreaterThan(5);
          } else expect(answer, what).toContain('role="alert"');
          expect(await writes(), `${what} was refused but wrote to the database`).toBe(baseline);
        } else {
          seen.succeeded += 1;
          const now = await writes();
          if (now !== baseline) changedBySuccess += 1;
          baseline = now;
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    console.log(
      `fuzz [${open.dialect}]: ${JSON.stringify(seen)}, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    expect(seen.requests).toBe(RUNS);
    // The counter sees writes: if no success wrote anything, the tables must be as they were.
    if (changedBySuccess === 0) expect(await fingerprint(open)).toBe(before);
    else expect(await fingerprint(open)).not.toBe(before);
    // A fuzzer that only ever hears "not found" proves little: most requests reach a handler.
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.succeeded).toBeGreaterThan(0);
  }, 600_000);
});
