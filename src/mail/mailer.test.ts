import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../../test/smtp.ts';
import { createMailer, NoMailServer } from './mailer.ts';

describe('the mailer', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
  afterEach(async () => {
    await smtp?.stop();
    smtp = undefined;
  });

  it('delivers through a real SMTP server', async () => {
    smtp = await startSmtpServer();
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: 'Seconded <seconded@example.org>',
      console: () => {},
      development: false,
    });
    await mailer.send({
      to: 'isla@example.org',
      subject: 'You are invited',
      text: 'Set a password: http://x/invite/abc',
    });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toContain('Subject: You are invited');
    expect(smtp.received[0]).toContain('To: isla@example.org');
    expect(smtp.received[0]).toContain('http://x/invite/abc');
  });

  it('fails loudly when the server cannot be reached', async () => {
    const mailer = createMailer({
      smtpUrl: 'smtp://127.0.0.1:9',
      from: 'a@example.org',
      console: () => {},
      development: false,
    });
    await expect(mailer.send({ to: 'b@example.org', subject: 's', text: 't' })).rejects.toThrow();
  });

  it('prints whole messages only in development, when no SMTP server is configured', async () => {
    const lines: string[] = [];
    const mailer = createMailer({
      smtpUrl: undefined,
      from: 'a@example.org',
      console: (l) => lines.push(l),
      development: true,
    });
    await mailer.send({ to: 'b@example.org', subject: 'Hello', text: 'Body' });
    expect(lines.join('')).toContain('mail to b@example.org: Hello');
  });

  it('otherwise refuses to send, printing nothing, so the message stays in the outbox', async () => {
    const lines: string[] = [];
    const mailer = createMailer({
      smtpUrl: undefined,
      from: 'a@example.org',
      console: (l) => lines.push(l),
      development: false,
    });
    await expect(mailer.send({ to: 'b@example.org', subject: 'Hi', text: 'x' })).rejects.toThrow(
      NoMailServer,
    );
    expect(lines).toEqual([]);
  });
});
