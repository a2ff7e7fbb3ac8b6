import type { AppContext, Logger } from '../src/app/context.ts';
import { createEventHub } from '../src/app/events.ts';
import { deliverDueMail } from '../src/app/outbox-sender.ts';
import type { DialectName, OpenDatabase } from '../src/db/database.ts';
import type { MailMessage, Mailer } from '../src/mail/mailer.ts';

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
    dialect: open.dialect as DialectName,
    mailer: new MemoryMailer(),
    baseUrl: 'http://seconded.test',
    now: () => new Date('2026-07-01T12:00:00Z'),
    log: silentLog,
    events: createEventHub(),
    ...overrides,
  };
}

/** Sends all mail due now through `ctx.mailer`, as the running server would. */
export async function flushOutbox(ctx: AppContext): Promise<void> {
  while ((await deliverDueMail(ctx, { limit: 500 })).claimed === 500);
}
