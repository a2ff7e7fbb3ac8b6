import { randomUUID } from 'node:crypto';
import type { AppContext, Logger } from '../src/app/common/context.ts';
import { createEventHub } from '../src/app/common/events.ts';
import { deliverDueMail } from '../src/infra/outbox-sender.ts';
import { hashSecret, newSecret } from '../src/app/common/secrets.ts';
import type { OpenDatabase } from '../src/db/database.ts';
import type { MailMessage, Mailer } from '../src/mail/mailer.ts';
import { DomainError } from '../src/domain/errors.ts';

/** A mailer that keeps what it was asked to send, for tests that read the mail. */
export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  send(message: MailMessage) {
    this.sent.push(message);
    return Promise.resolve();
  }
  /** The first link in the last message to `to`. */
  linkTo(to: string): string {
    const message = [...this.sent].reverse().find((m) => m.to === to);
    const link = message?.text.match(/https?:\/\/\S+/)?.[0];
    if (!link) throw new Error(`no link was mailed to ${to}`);
    return link;
  }
}

export const silentLog: Logger = { info() {}, warn() {}, error() {} };

/** An app context over a test database, with a fixed clock unless one is given. */
export function testContext(
  open: OpenDatabase,
  overrides: Partial<Omit<AppContext, 'db' | 'dialect'>> = {},
): AppContext & { mailer: MemoryMailer | Mailer } {
  return {
    db: open.db,
    mailer: new MemoryMailer(),
    baseUrl: 'http://seconded.test',
    now: () => new Date('2026-07-01T12:00:00Z'),
    log: silentLog,
    events: createEventHub(),
    ...overrides,
  };
}

/**
 * A test context whose clock stands at `start` (by default 1 July 2026, 09:00, when notice of
 * the July meetings is given) until the test moves it with `setNow`.
 */
export function movableContext(
  open: OpenDatabase,
  overrides: Partial<Omit<AppContext, 'db' | 'dialect' | 'now'>> = {},
  start = '2026-07-01T09:00:00Z',
) {
  let now = new Date(start);
  return Object.assign(testContext(open, { ...overrides, now: () => now }), {
    setNow: (iso: string) => (now = new Date(iso)),
  });
}

/** Sends all mail due now through `ctx.mailer`, as the running server would. */
export async function flushOutbox(ctx: AppContext): Promise<void> {
  while ((await deliverDueMail(ctx, { limit: 500 })).claimed === 500);
}

/** Gives a member of a body a card of `weight` votes (the register's vote weight). */
export async function giveCard(
  ctx: Pick<AppContext, 'db'>,
  member: { bodyId: string; personId: string },
  weight: number,
) {
  await ctx.db
    .updateTable('memberships')
    .set({ vote_weight: weight })
    .where('body_id', '=', member.bodyId)
    .where('person_id', '=', member.personId)
    .execute();
}

/** A session row for a person; a year long, longer than any test moves its clock on. */
function sessionRow(personId: string, token: string, now: Date) {
  return {
    id_hash: hashSecret(token),
    person_id: personId,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + 365 * 86_400_000).toISOString(),
  };
}

/** A session for a person, made directly (no password, no argon2); returns the cookie token. */
export async function sessionFor(ctx: Pick<AppContext, 'db' | 'now'>, personId: string) {
  const token = newSecret();
  await ctx.db
    .insertInto('sessions')
    .values(sessionRow(personId, token, ctx.now()))
    .execute();
  return token;
}

/**
 * Adds `count` members to a body ("Member 001", "Member 002", …), each with a session, written
 * directly in one transaction (no passwords, no argon2: fast enough for 10,000). Returns their
 * person ids, names and session tokens.
 */
export async function addMembers(
  ctx: Pick<AppContext, 'db' | 'now'>,
  bodyId: string,
  count: number,
) {
  const now = ctx.now();
  const at = now.toISOString();
  const members = Array.from({ length: count }, (_, i) => ({
    personId: randomUUID(),
    name: `Member ${String(i + 1).padStart(3, '0')}`,
    token: newSecret(),
  }));
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < members.length; i += 500) {
      const chunk = members.slice(i, i + 500);
      await trx
        .insertInto('people')
        .values(
          chunk.map((m) => ({
            id: m.personId,
            name: m.name,
            email: `member-${m.personId}@example.org`,
            created_at: at,
          })),
        )
        .execute();
      await trx
        .insertInto('memberships')
        .values(
          chunk.map((m) => ({
            id: randomUUID(),
            body_id: bodyId,
            person_id: m.personId,
            role: 'member',
            member_number: null,
            joined_on: null,
            left_on: null,
            vote_weight: null,
            created_at: at,
          })),
        )
        .execute();
      await trx
        .insertInto('sessions')
        .values(chunk.map((m) => sessionRow(m.personId, m.token, now)))
        .execute();
    }
  });
  return members;
}

/**
 * Gives people accounts directly (a placeholder password hash: nobody signs in with it), as
 * accepting an invitation would: with one, a member present votes online in a secret ballot of
 * those present; without, on paper (src/domain/ballots/paper.ts).
 */
export async function giveAccounts(
  ctx: Pick<AppContext, 'db' | 'now'>,
  personIds: readonly string[],
) {
  if (!personIds.length) return;
  const at = ctx.now().toISOString();
  await ctx.db
    .insertInto('accounts')
    .values(
      personIds.map((id) => ({
        person_id: id,
        password_hash: 'test',
        is_site_admin: 0,
        created_at: at,
      })),
    )
    .onConflict((oc) => oc.column('person_id').doNothing())
    .execute();
}

/** What a use case came to: 'ok', or the code of its refusal (anything else, as text). */
export const outcomeOf = (attempt: Promise<unknown>): Promise<string> =>
  attempt.then(
    () => 'ok',
    (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
  );
