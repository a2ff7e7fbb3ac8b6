import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach } from 'vitest';
import { createMailer } from '../src/mail/mailer.ts';

/** A real SMTP server in this process, keeping each message it accepts (raw, as sent). */
export async function startSmtpServer(port = 0) {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      stream.on('end', () => {
        received.push(text);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    received,
    port: (server.server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * For a block of tests that each start an SMTP server: registers stopping it after each test
 * and returns what starts it.
 */
export function smtpServerPerTest() {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
  afterEach(async () => {
    await smtp?.stop();
    smtp = undefined;
  });
  return async (port?: number) => (smtp = await startSmtpServer(port));
}

/** Seconded's mailer sending through the SMTP server on `port`, as in production. */
export const mailerThrough = (port: number) =>
  createMailer({
    smtpUrl: `smtp://127.0.0.1:${port}`,
    from: 'Seconded <seconded@example.org>',
    console: () => {},
    development: false,
  });

/** A header of a raw message. */
export const mailHeader = (message: string, name: string) =>
  new RegExp(`^${name}: (.*)$`, 'im').exec(message)?.[1]?.trim();

/** A raw message's body with quoted-printable soft line breaks and escapes undone (ASCII only). */
export const mailBody = (message: string) =>
  message
    .slice(message.search(/\r?\n\r?\n/))
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
