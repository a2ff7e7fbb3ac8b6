import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer } from './mailer.ts';

describe('the mailer', () => {
  let server: SMTPServer | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('delivers through a real SMTP server', async () => {
    const received: string[] = [];
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
        stream.on('end', () => {
          received.push(text);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'Seconded <seconded@example.org>',
      log: () => {},
    });
    await mailer.send({
      to: 'isla@example.org',
      subject: 'You are invited',
      text: 'Set a password: http://x/invite/abc',
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toContain('Subject: You are invited');
    expect(received[0]).toContain('To: isla@example.org');
    expect(received[0]).toContain('http://x/invite/abc');
  });

  it('fails loudly when the server cannot be reached', async () => {
    const mailer = createMailer({
      smtpUrl: 'smtp://127.0.0.1:9',
      from: 'a@example.org',
      log: () => {},
    });
    await expect(mailer.send({ to: 'b@example.org', subject: 's', text: 't' })).rejects.toThrow();
  });

  it('writes mail to the log when no SMTP server is configured', async () => {
    const lines: string[] = [];
    const mailer = createMailer({
      smtpUrl: undefined,
      from: 'a@example.org',
      log: (l) => lines.push(l),
    });
    await mailer.send({ to: 'b@example.org', subject: 'Hello', text: 'Body' });
    expect(lines.join('')).toContain('mail to b@example.org: Hello');
  });
});
