import type { Db } from '../database.ts';
import type { OutboxTable } from '../schema.ts';

export type OutboxRow = OutboxTable;

export const insertOutboxMessage = (
  db: Db,
  row: Pick<
    OutboxRow,
    'id' | 'to' | 'subject' | 'text' | 'created_at' | 'next_attempt_at' | 'list_unsubscribe'
  >,
) =>
  db
    .insertInto('outbox')
    .values({ ...row, attempts: 0 })
    .execute();

/**
 * Claims up to `limit` due, unsent messages for one sender until `leaseUntil`, and returns them.
 * The claim is a conditional update: a row another sender holds (its lease not yet expired), has
 * sent, or has put off is left alone, so on either database each message has one holder at a
 * time (PostgreSQL re-checks the conditions on the row it locks; SQLite runs one writer at once).
 */
export async function claimDueMail(
  db: Db,
  opts: { claimant: string; now: string; leaseUntil: string; limit: number },
): Promise<OutboxRow[]> {
  const candidates = await db
    .selectFrom('outbox')
    .select('id')
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', opts.now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', opts.now)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(opts.limit)
    .execute();
  if (!candidates.length) return [];
  const ids = candidates.map((c) => c.id);
  await db
    .updateTable('outbox')
    .set({ claimed_by: opts.claimant, claimed_until: opts.leaseUntil })
    .where('id', 'in', ids)
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', opts.now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', opts.now)]))
    .execute();
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('id', 'in', ids)
    .where('claimed_by', '=', opts.claimant)
    .where('sent_at', 'is', null)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .execute();
}

/** Records a message as sent and erases its text, which may hold a one-time link. */
export const markMailSent = (db: Db, id: string, claimant: string, at: string) =>
  db
    .updateTable('outbox')
    .set((eb) => ({
      sent_at: at,
      text: '',
      attempts: eb('attempts', '+', 1),
      last_error: null,
      claimed_by: null,
      claimed_until: null,
    }))
    .where('id', '=', id)
    .where('claimed_by', '=', claimant)
    .execute();

/** Records a failed attempt and when to try again, releasing the claim. */
export const markMailFailed = (
  db: Db,
  id: string,
  claimant: string,
  failure: { attempts: number; error: string; nextAttemptAt: string },
) =>
  db
    .updateTable('outbox')
    .set({
      attempts: failure.attempts,
      last_error: failure.error,
      next_attempt_at: failure.nextAttemptAt,
      claimed_by: null,
      claimed_until: null,
    })
    .where('id', '=', id)
    .where('claimed_by', '=', claimant)
    .execute();

/** Every message, for tests and the operator: what is waiting and why. */
export const listOutbox = (db: Db) =>
  db.selectFrom('outbox').selectAll().orderBy('created_at').orderBy('id').execute();

/** Deletes the unsent messages to one mail domain; returns how many. */
export async function discardUnsentMailTo(db: Db, domain: string): Promise<number> {
  const result = await db
    .deleteFrom('outbox')
    .where('sent_at', 'is', null)
    .where('to', 'like', `%@${domain}`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Messages not yet sent, however often tried: the backlog an operator watches. */
export async function countUnsentMail(db: Db): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('sent_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
