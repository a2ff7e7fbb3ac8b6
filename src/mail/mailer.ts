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
}

/**
 * Sends through any SMTP server (`SMTP_URL`, e.g. `smtp://user:pass@host:587`), or, with no
 * server configured, writes each message to the log so development needs no mail setup.
 */
export function createMailer(opts: {
  smtpUrl: string | undefined;
  from: string;
  log: (line: string) => void;
}): Mailer {
  if (!opts.smtpUrl) {
    return {
      send(message) {
        opts.log(`mail to ${message.to}: ${message.subject}\n${message.text}\n`);
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
    async send({ id, to, subject, text }) {
      await transport.sendMail({
        from: opts.from,
        to,
        subject,
        text,
        ...(id ? { messageId: `<${id}@${domain}>` } : {}),
      });
    },
  };
}
