import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { insertOutboxMessage } from '../../db/queries/outbox.ts';
import type { MailKind } from '../../domain/accounts/mail-kinds.ts';
import { queueBulkMail, type Recipients } from '../../db/queries/member-mail.ts';
import type { MailMessage } from '../../mail/mailer.ts';
import { mailTextsFor, type MailText, type MailTexts } from '../../mail/texts.ts';
import { LOCALES, localeOr } from '../../domain/language.ts';
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

/**
 * Queues a notice or reminder of `kind` to many members at once (all the electors of a ballot),
 * set-based: a few statements whatever their number (src/db/queries/member-mail.ts), so that a
 * ballot of 10,000 opens and closes in a transaction as short as one of ten. `write` writes the
 * email in one language for a reader called `name`; it is called once per language with a
 * stand-in for the name, and the database puts each reader's name in its place. Those who
 * turned `kind` off are skipped; the others' emails carry their one-click unsubscribe address
 * (RFC 8058). Returns how many were queued.
 */
export async function enqueueMailToMany(
  trx: Db,
  ctx: AppContext,
  props: { to: Recipients; kind: MailKind; write: (texts: MailTexts, name: string) => MailText },
): Promise<number> {
  // A stand-in no text can hold by chance: fresh each time, so no member's words can forge it.
  const stand = `\u{E000}${randomUUID()}\u{E000}`;
  const languages = LOCALES.map((lang) => {
    const mail = props.write(mailTextsFor(lang), stand);
    // The language of no choice (English) is also for everyone who chose one we lack.
    return {
      locales: lang === localeOr(null) ? null : [lang],
      subject: mail.subject.split(stand),
      text: mail.text.split(stand),
    };
  });
  return queueBulkMail(trx, {
    to: props.to,
    kind: props.kind,
    at: ctx.now().toISOString(),
    languages,
    unsubscribe: unsubscribeAddress(ctx.baseUrl, stand, props.kind).split(stand),
  });
}

/** Tells a sender in this process that mail was queued; call it after the commit. */
export function mailQueued(ctx: AppContext): void {
  ctx.events.publish(OUTBOX_CHANNEL, { type: 'queued', data: {} });
}
