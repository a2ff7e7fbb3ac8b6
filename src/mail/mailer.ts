import nodemailer from 'nodemailer';

/** What Seconded needs of a mail system: send one plain-text message. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
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
  const transport = nodemailer.createTransport(opts.smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from: opts.from, ...message });
    },
  };
}
