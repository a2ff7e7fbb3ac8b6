import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { insertOutboxMessage } from '../../db/queries/outbox.ts';
import type { MailKind } from '../../domain/accounts/mail-kinds.ts';
import type { MailMessage } from '../../mail/mailer.ts';
import { mailPreferencesOf, unsubscribeAddress } from '../accounts/mail-preferences-support.ts';
import type { AppContext } from './context.ts';

/** The event channel a running outbox sender listens on to send without waiting for its tick. */
export const OUTBOX_CHANNEL = 'outbox';

/**
 * Queues one message in the caller's transaction: it is sent if and only if that transaction
 * commits, and it stays queued until the mail server takes it (src/infra/outbox-sender.ts).
 * Returns the message's id.
 */
export async function enqueueMail(trx: Db, message: MailMessage, now: Date): Promise<string> {
  const id = randomUUID();
  const at = now.toISOString();
  await insertOutboxMessage(trx, {
    id,
    to: message.to,
    subject: message.subject,
    text: message.text,
    created_at: at,
    next_attempt_at: at,
    list_unsubscribe: message.listUnsubscribe ?? null,
  });
  return id;
}

/**
 * Queues a notice or reminder of `kind` to a member, unless they turned that kind off; it carries
 * the one-click address that turns it off (List-Unsubscribe, RFC 8058). Returns whether it was
 * queued, so a count of those told is true.
 */
export async function enqueueMemberMail(
  trx: Db,
  ctx: AppContext,
  to: { personId: string; kind: MailKind },
  message: MailMessage,
): Promise<boolean> {
  const prefs = await mailPreferencesOf(trx, to.personId, ctx.now().toISOString());
  if (prefs.off.includes(to.kind)) return false;
  const listUnsubscribe = unsubscribeAddress(ctx.baseUrl, prefs.token, to.kind);
  await enqueueMail(trx, { ...message, listUnsubscribe }, ctx.now());
  return true;
}

/** Tells a sender in this process that mail was queued; call it after the commit. */
export function mailQueued(ctx: AppContext): void {
  ctx.events.publish(OUTBOX_CHANNEL, { type: 'queued', data: {} });
}
