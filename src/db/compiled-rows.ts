import { CompiledQuery, type Compilable } from 'kysely';
import { dialectOf, type Db } from './database.ts';

/** Where a compiled insert's parameter comes from: one row's value of one column. */
type Cell = readonly [row: number, column: string];

const MARK = '\u0000';

/**
 * A statement over a list of rows (an insert of them), built and compiled by Kysely once per
 * dialect and number of rows, then run with each call's values in their places: casting a batch
 * of votes (issue 21) built the same three inserts for every batch, and building and compiling
 * them cost more CPU per vote than SQLite took to write it. `build` gets a marker in every
 * cell, and each marker must reach the SQL as a parameter of its own, exactly once (checked on
 * the first call for each count); every row must give every one of `columns`, none undefined
 * (Kysely would leave an undefined value out of the statement, changing its shape).
 */
export function compiledPerRowCount<Row extends object, R>(
  columns: readonly (keyof Row & string)[],
  build: (db: Db, rows: Row[]) => Compilable<R>,
) {
  const made = new Map<string, { sql: string; cells: readonly Cell[] }>();
  const compile = (db: Db, count: number) => {
    const markers = Array.from({ length: count }, (_, row) =>
      Object.fromEntries(columns.map((column) => [column, `${MARK}${row}${MARK}${column}${MARK}`])),
    ) as unknown as Row[];
    const query = build(db, markers).compile();
    const seen = new Set<string>();
    const cells = query.parameters.map((value): Cell => {
      const parts = typeof value === 'string' ? value.split(MARK) : [];
      const [before, row, column, after] = parts;
      if (parts.length !== 4 || before !== '' || after !== '' || seen.has(value as string))
        throw new Error('compiledPerRowCount: a parameter is not one cell of the rows');
      seen.add(value as string);
      return [Number(row), column!];
    });
    // A marker not among the parameters was written into the SQL or dropped: never run that.
    if (cells.length !== count * columns.length || query.sql.includes(MARK))
      throw new Error('compiledPerRowCount: not every cell of the rows is a parameter');
    return { sql: query.sql, cells };
  };
  return async (db: Db, rows: readonly Row[]): Promise<R[]> => {
    const key = `${dialectOf(db)} ${rows.length}`;
    let compiled = made.get(key);
    if (!compiled) made.set(key, (compiled = compile(db, rows.length)));
    const parameters = compiled.cells.map(([row, column]) => {
      const value = (rows[row] as Record<string, unknown>)[column];
      if (value === undefined) throw new Error(`compiledPerRowCount: no ${column} in a row`);
      return value;
    });
    return (await db.executeQuery<R>(CompiledQuery.raw(compiled.sql, parameters))).rows;
  };
}
