import nodemailer from 'nodemailer';

/** What Seconded needs of a mail system: send one plain-text message. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** A stable id (the outbox row's): sent as the Message-ID, so a resend can be recognised. */
  readonly id?: string | undefined;
  /** The one-click address that stops this kind of email (RFC 8058), for notices and reminders. */
  readonly listUnsubscribe?: string | null | undefined;
}

/** Refused by a mailer with no SMTP server: the message stays queued in the outbox. */
export class NoMailServer extends Error {
  constructor() {
    super('no mail server: set SMTP_URL to send the queued mail');
    this.name = 'NoMailServer';
  }
}

/**
 * Sends through any SMTP server (`SMTP_URL`, e.g. `smtp://user:pass@host:587`). With no server
 * configured, mail is never written to the log, which would put members' addresses and one-time
 * links where any operator can read them: in development (`NODE_ENV=development`, as
 * `npm run dev` sets) each message is printed to the console so no mail setup is needed;
 * otherwise sending is refused and the messages wait in the outbox until SMTP_URL is set.
 */
export function createMailer(opts: {
  smtpUrl: string | undefined;
  from: string;
  /** Where development prints whole messages; used only when `development` is true. */
  console: (line: string) => void;
  development: boolean;
}): Mailer {
  if (!opts.smtpUrl) {
    return {
      send(message) {
        if (!opts.development) return Promise.reject(new NoMailServer());
        opts.console(`mail to ${message.to}: ${message.subject}\n${message.text}\n`);
        return Promise.resolve();
      },
    };
  }
  // Timeouts well inside the outbox sender's lease (src/infra/outbox-sender.ts), so a hung server
  // fails the attempt before another sender may take the message over.
  const transport = nodemailer.createTransport({
    url: opts.smtpUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  const domain = /@([^>\s]+)/.exec(opts.from)?.[1] ?? 'seconded.invalid';
  return {
    async send({ id, to, subject, text, listUnsubscribe }) {
      await transport.sendMail({
        from: opts.from,
        to,
        subject,
        text,
        html: htmlOf(text),
        // Every message Seconded sends is written by the machine, not a person: RFC 3834 asks
        // such mail to say so, so vacation responders and auto-forwarders do not answer it.
        // A notice or reminder says how to stop it in one click (RFC 2369, RFC 8058): mail
        // programs show an "Unsubscribe" button, and large providers expect it of bulk mail.
        headers: {
          'Auto-Submitted': 'auto-generated',
          ...(listUnsubscribe
            ? {
                'List-Unsubscribe': `<${listUnsubscribe}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              }
            : {}),
        },
        ...(id ? { messageId: `<${id}@${domain}>` } : {}),
      });
    },
  };
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The HTML part of a message, made from its text: the same words, paragraph for paragraph, every
 * address a link. Mail programs that prefer HTML show it (and let a member tap a link on a
 * phone); the text part stays what is written, for those that read plain text.
 */
export function htmlOf(text: string): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((block) =>
      escapeHtml(block)
        .replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)
        .replace(/\n/g, '<br>\n'),
    )
    .map((block) => `<p>${block}</p>`);
  return `<!doctype html>\n<html><body style="font-family: sans-serif; line-height: 1.4">\n${paragraphs.join('\n')}\n</body></html>\n`;
}
