import type { Db } from '../../db/database.ts';
import { recentDataVersion } from '../../db/queries/data-version.ts';
import type { AppContext } from './context.ts';

/**
 * What every reader of a meeting or a ballot is shown alike (its rows, its facts, the names in
 * it), kept once read and used again for as long as the database's version is unchanged: the
 * signed-in pages' answer to the public cache (src/http/caching.ts), which can keep whole pages
 * only because nothing on them depends on the reader.
 *
 * The version (src/db/queries/data-version.ts) is read before what is kept is read, and any
 * write committed since, by this process or another, changes it, so a kept value is never older
 * than the version it is filed under: a reader never sees the state before a committed write.
 * What depends on the reader (their rights, their vote, their session) or on the clock (whether
 * the notice has run, whether a code still works) is never kept here: the use cases work it out
 * for each request from the kept facts. Anything the key's parts do not decide must not be kept.
 *
 * Only reads outside a transaction are kept: a transaction's own writes may yet be rolled back,
 * and SQLite's change counter would not go back with them.
 */
const KEPT_VALUES = 512;
/**
 * Whole pages kept for one reader (keptReaderPageAt): a store of their own, so that many readers'
 * pages never push out the shared values every reader's page is built from.
 */
const KEPT_READER_PAGES = 1024;

interface Kept {
  readonly version: string;
  readonly value: Promise<unknown>;
}

/** Per database handle: the tests open many, each with its own data. */
const stores = new WeakMap<Db, Map<string, Kept>>();
const readerPageStores = new WeakMap<Db, Map<string, Kept>>();

/**
 * The version to read kept values at, or null inside a transaction (nothing is kept there). Read
 * it once per request, before anything it keeps is read.
 */
export const versionFor = (ctx: AppContext): Promise<string | null> =>
  ctx.db.isTransaction ? Promise.resolve(null) : recentDataVersion(ctx.db);

/**
 * The value kept under `key` at `version`, or `build()`'s, kept. Concurrent readers of the same
 * version share one build (its promise is kept); a build that fails is dropped, never kept. The
 * key names the thing and whatever else decides it (the day, for a list of current members).
 */
export function keptAt<T>(
  ctx: AppContext,
  version: string | null,
  key: string,
  build: () => Promise<T>,
): Promise<T> {
  return keptIn(stores, KEPT_VALUES, ctx, version, key, build);
}

/**
 * A signed-in reader's whole page, kept under `key` at `version` like keptAt's values but in a
 * store of its own (KEPT_READER_PAGES). The key must name everything the page is made from
 * besides the database at that version: the reader (their actor, whole), the day, the language,
 * the address asked; see the ballot page (src/http/ballots/ballot-pages.tsx).
 */
export function keptReaderPageAt(
  ctx: AppContext,
  version: string | null,
  key: string,
  build: () => Promise<string>,
): Promise<string> {
  return keptIn(readerPageStores, KEPT_READER_PAGES, ctx, version, key, build);
}

function keptIn<T>(
  stores: WeakMap<Db, Map<string, Kept>>,
  limit: number,
  ctx: AppContext,
  version: string | null,
  key: string,
  build: () => Promise<T>,
): Promise<T> {
  if (version === null) return build();
  let store = stores.get(ctx.db);
  if (!store) stores.set(ctx.db, (store = new Map()));
  const hit = store.get(key);
  if (hit && hit.version === version) {
    // Map order is insertion order: re-inserting marks it most recently used.
    store.delete(key);
    store.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = build();
  const entry: Kept = { version, value };
  store.delete(key);
  store.set(key, entry);
  if (store.size > limit) store.delete(store.keys().next().value!);
  const kept = store;
  value.catch(() => {
    if (kept.get(key) === entry) kept.delete(key);
  });
  return value;
}
