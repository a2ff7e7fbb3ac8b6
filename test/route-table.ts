import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Hono } from 'hono';
import type { AppContext } from '../src/app/common/context.ts';
import type { OpenDatabase } from '../src/db/database.ts';
import { createHttpApp } from '../src/http/app.tsx';
import { ORIGIN } from './http-client.ts';

/** `METHOD /path/:param`, as the app registered it: the key of a route everywhere in the tests. */
export type RouteKey = `${string} /${string}`;

/**
 * Every route the app answers, from Hono's own route table (middleware, registered for ALL
 * methods, is left out). A route added anywhere in the app appears here without a test edit.
 */
export function routeTable(app: Pick<Hono, 'routes'>): RouteKey[] {
  const keys = new Set<RouteKey>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue;
    keys.add(`${r.method} ${r.path}` as RouteKey);
  }
  return [...keys];
}

/** Every route of the app made over `ctx`, as the tests of every route take them. */
export const appRoutes = (ctx: AppContext) =>
  routeTable(createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 }));

export const methodOf = (key: RouteKey) => key.slice(0, key.indexOf(' '));
export const pathOf = (key: RouteKey) => key.slice(key.indexOf(' ') + 1);
export const isApi = (key: RouteKey) => pathOf(key).startsWith('/api/');
export const changesState = (key: RouteKey) => !/^(GET|HEAD|OPTIONS)$/.test(methodOf(key));
/** Whether a route signs in or out, and so changes whose requests a client makes after it. */
export const signsInOrOut = (key: RouteKey) =>
  /session|sign-in$|sign-out$/.test(key) &&
  !key.includes('/meetings/') &&
  // A conference's sessions are its sittings, not a sign-in.
  !key.includes('/conferences/');

/**
 * How a route is requested: a write to the API with a JSON `body`, a write to a page as a form
 * sent from our own origin (as a browser would); a read with no body.
 */
export function requestInit(key: RouteKey, body: string): RequestInit {
  if (!changesState(key)) return { method: methodOf(key) };
  return {
    method: methodOf(key),
    headers: isApi(key)
      ? { 'content-type': 'application/json' }
      : { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    body,
  };
}

/** Fills each `:param` from `values` (by name; `:id` by the segment before it). */
export function fillPath(path: string, values: (param: string, before: string) => string) {
  const parts = path.split('/');
  return parts
    .map((p, i) =>
      p.startsWith(':') ? encodeURIComponent(values(p.slice(1), parts[i - 1] ?? '')) : p,
    )
    .join('/');
}

/**
 * A request to route `key` as a client sends it: its path with each `:param` filled from
 * `values`, and its method, headers and `body`.
 */
export const requestTo = (
  key: RouteKey,
  values: (param: string, before: string) => string,
  body: string,
) => ({ path: fillPath(pathOf(key), values), init: requestInit(key, body) });

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  example?: unknown;
};
export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

/** Anything that requests a path of the app: a test client, or the app itself. */
type HttpRequester = { request(path: string): Response | Promise<Response> };

/** The app's OpenAPI document, as any client gets it. */
export async function openApiDocument(client: HttpRequester) {
  return (await (await client.request('/api/openapi.json')).json()) as OpenApiDocument;
}

/** The paths the app's OpenAPI document describes. */
export async function describedPaths(client: HttpRequester) {
  return Object.keys((await openApiDocument(client)).paths);
}

/** The JSON request body schema of an API route, from the app's own OpenAPI document. */
export function requestSchema(doc: OpenApiDocument, key: RouteKey): Schema | undefined {
  const path = pathOf(key)
    .replace(/^\/api\/v1/, '')
    .replace(/:(\w+)/g, '{$1}');
  return doc.paths[path]?.[methodOf(key).toLowerCase()]?.requestBody?.content?.['application/json']
    ?.schema;
}

/** A small valid value of a schema: required fields only, the first of each choice. */
export function sampleOf(doc: OpenApiDocument, schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 8) return undefined;
  if (schema.$ref) return sampleOf(doc, resolve(doc, schema.$ref), depth + 1);
  if (schema.example !== undefined && typeof schema.example !== 'object') return schema.example;
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  const choice = schema.oneOf ?? schema.anyOf;
  if (choice) return sampleOf(doc, choice.find((s) => s.type !== 'null') ?? choice[0], depth + 1);
  if (schema.allOf)
    return Object.assign({}, ...schema.allOf.map((s) => sampleOf(doc, s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? [])
        out[name] = sampleOf(doc, schema.properties?.[name], depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () =>
        sampleOf(doc, schema.items, depth + 1),
      );
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'email') return 'someone@example.org';
      if (schema.format === 'date') return '2026-07-08';
      if (schema.format === 'date-time') return '2026-07-08T19:00:00.000Z';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    default:
      return undefined;
  }
}

export function resolve(doc: OpenApiDocument, ref: string): Schema | undefined {
  return doc.components?.schemas?.[ref.replace('#/components/schemas/', '')];
}

/**
 * The tables of this database only (Kysely's PostgreSQL introspection reads every schema, and
 * other test files drop theirs meanwhile), less the one a refusal writes on purpose: a failed
 * sign-in is counted in sign_in_failures, and that count is what throttles the next attempt.
 */
async function tablesOf(open: Pick<OpenDatabase, 'db' | 'dialect'>): Promise<string[]> {
  const { rows } =
    open.dialect === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(open.db)
      : await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%'`.execute(open.db);
  return rows.map((r) => r.name).filter((name) => name !== 'sign_in_failures');
}

/**
 * A cheap fingerprint of every row of every table: equal fingerprints mean nothing was written.
 * PostgreSQL hashes each table server-side in one statement; SQLite reads the rows in-process.
 */
export async function fingerprint(open: Pick<OpenDatabase, 'db' | 'dialect'>): Promise<string> {
  const tables = (await tablesOf(open)).sort();
  if (open.dialect === 'postgres') {
    const parts = tables.map(
      (t) =>
        sql`(select count(*) || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') from ${sql.table(t)} x)`,
    );
    const { rows } = await sql<{
      f: string;
    }>`select concat_ws(',', ${sql.join(parts)}) as f`.execute(open.db);
    return rows[0]!.f;
  }
  const hash = createHash('sha1');
  for (const t of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(
      open.db,
    );
    hash.update(t);
    for (const r of rows.map((r) => JSON.stringify(r)).sort()) hash.update(r);
  }
  return hash.digest('hex');
}

/**
 * A cheaper fingerprint for long runs: a row counter bumped by a trigger on every row written
 * to any table, inside the writing transaction (so a write rolled back leaves it as it was).
 * Returns a function reading the counter: equal readings mean no row was inserted, updated or
 * deleted in between. Test databases only; the app's schema is not changed.
 */
export async function installWriteCounter(
  open: Pick<OpenDatabase, 'db' | 'dialect'>,
): Promise<() => Promise<number>> {
  const tables = await tablesOf(open);
  await sql`create table test_writes (n integer not null)`.execute(open.db);
  await sql`insert into test_writes values (0)`.execute(open.db);
  if (open.dialect === 'postgres') {
    await sql`create function test_count_write() returns trigger language plpgsql as $$
      begin update test_writes set n = n + 1; return null; end $$`.execute(open.db);
  }
  for (const t of tables) {
    if (open.dialect === 'postgres') {
      await sql`create trigger ${sql.id(`test_writes_${t}`)} after insert or update or delete on ${sql.table(t)}
        for each row execute function test_count_write()`.execute(open.db);
    } else {
      for (const op of ['insert', 'update', 'delete'])
        await sql`create trigger ${sql.id(`test_writes_${t}_${op}`)} after ${sql.raw(op)} on ${sql.table(t)}
          begin update test_writes set n = n + 1; end`.execute(open.db);
    }
  }
  return async () =>
    Number((await sql<{ n: number }>`select n from test_writes`.execute(open.db)).rows[0]!.n);
}
