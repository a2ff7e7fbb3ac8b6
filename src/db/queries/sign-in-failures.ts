import type { Db } from '../database.ts';

/** A failure count as stored (see src/domain/accounts/sign-in-throttle.ts). */
export interface FailureCountRow {
  readonly failures: number;
  readonly lastFailureAt: Date;
}

const toCount = (row: { failures: number | string; last_failure_at: string }): FailureCountRow => ({
  failures: Number(row.failures),
  lastFailureAt: new Date(row.last_failure_at),
});

export async function findFailureCounts(
  db: Db,
  keys: readonly string[],
): Promise<Map<string, FailureCountRow>> {
  const rows = await db
    .selectFrom('sign_in_failures')
    .selectAll()
    .where('key', 'in', keys)
    .execute();
  return new Map(rows.map((r) => [r.key, toCount(r)]));
}

/**
 * Adds one failure under a key in one statement, so that attempts racing each other on any
 * process each count; a count last touched before `forgetBefore` starts again at one. Returns
 * the count after this failure.
 */
export async function addFailure(
  db: Db,
  key: string,
  now: string,
  forgetBefore: string,
): Promise<FailureCountRow> {
  const row = await db
    .insertInto('sign_in_failures')
    .values({ key, failures: 1, last_failure_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('sign_in_failures.last_failure_at', '<', forgetBefore)
          .then(1)
          .else(eb('sign_in_failures.failures', '+', 1))
          .end(),
        last_failure_at: now,
      })),
    )
    .returning(['failures', 'last_failure_at'])
    .executeTakeFirstOrThrow();
  return toCount(row);
}

/** Takes `n` failures off a key's count, never below zero. */
export const forgiveFailures = (db: Db, key: string, n: number) =>
  db
    .updateTable('sign_in_failures')
    .set((eb) => ({
      failures: eb
        .case()
        .when('failures', '>', n)
        .then(eb('failures', '-', n))
        .else(0)
        .end(),
    }))
    .where('key', '=', key)
    .execute();

export const clearFailures = (db: Db, key: string) =>
  db.deleteFrom('sign_in_failures').where('key', '=', key).execute();

/** Forgets counts with no failure since `before`: they no longer hold anyone. */
export const forgetFailuresBefore = (db: Db, before: string) =>
  db.deleteFrom('sign_in_failures').where('last_failure_at', '<', before).execute();
