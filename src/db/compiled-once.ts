import { CompiledQuery, type Compilable } from 'kysely';
import { dialectOf, type DialectName, type Db } from './database.ts';

/** Where a compiled query's parameter comes from: a named argument, or a value of its own. */
type Slot = { readonly name: string } | { readonly value: unknown };

/**
 * A query built and compiled by Kysely once per dialect, then run with each call's arguments in
 * their places: for a query asked on every page (issue 21), where building and compiling it cost
 * more than the database's answer. `build` gets a marker for each argument, and every marker
 * must reach the SQL as a parameter of its own (a value compared or bound), never decide the
 * query's shape (no branch on it, no list from it): the SQL is the first call's for every call.
 * The arguments are strings; Kysely binds any value as a parameter, so each one lands in a slot.
 */
export function compiledOnce<A extends Record<string, string>, R>(
  build: (db: Db, args: A) => Compilable<R>,
) {
  const made = new Map<DialectName, { sql: string; slots: readonly Slot[] }>();
  return async (db: Db, args: A): Promise<R[]> => {
    const dialect = dialectOf(db);
    let compiled = made.get(dialect);
    if (!compiled) {
      const markers = Object.fromEntries(
        Object.keys(args).map((name) => [name, `\u0000${name}\u0000`]),
      ) as A;
      const query = build(db, markers).compile();
      const slots = query.parameters.map((value): Slot => {
        const marker =
          typeof value === 'string' &&
          value.length > 2 &&
          value.startsWith('\u0000') &&
          value.endsWith('\u0000');
        return marker ? { name: value.slice(1, -1) } : { value };
      });
      const used = new Set(slots.flatMap((s) => ('name' in s ? [s.name] : [])));
      const unused = Object.keys(args).filter((name) => !used.has(name));
      // A marker not among the parameters was written into the SQL or dropped: never run that.
      if (unused.length || query.sql.includes('\u0000')) {
        throw new Error(`compiledOnce: ${unused.join(', ') || 'a marker'} is not a parameter`);
      }
      made.set(dialect, (compiled = { sql: query.sql, slots }));
    }
    const parameters = compiled.slots.map((s) => ('name' in s ? args[s.name] : s.value));
    return (await db.executeQuery<R>(CompiledQuery.raw(compiled.sql, parameters))).rows;
  };
}
