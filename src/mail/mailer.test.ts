import { describe, expect, it } from 'vitest';
import { mailerThrough, mailHeader, smtpServerPerTest } from '../../test/smtp.ts';
import { createMailer, htmlOf, NoMailServer } from './mailer.ts';

/** A mailer with no SMTP server configured, and the lines it prints to the console. */
function mailerWithoutServer(development: boolean) {
  const lines: string[] = [];
  const mailer = createMailer({
    smtpUrl: undefined,
    from: 'a@example.org',
    console: (l) => lines.push(l),
    development,
  });
  return { mailer, lines };
}

describe('the mailer', () => {
  const startSmtpServer = smtpServerPerTest();

  it('delivers through a real SMTP server', async () => {
    const smtp = await startSmtpServer();
    const mailer = mailerThrough(smtp.port);
    await mailer.send({
      to: 'isla@example.org',
      subject: 'You are invited',
      text: 'Set a password: http://x/invite/abc',
    });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toContain('Subject: You are invited');
    expect(smtp.received[0]).toContain('To: isla@example.org');
    expect(smtp.received[0]).toContain('http://x/invite/abc');
    // RFC 3834: machine-written mail says so, so out-of-office replies do not answer it.
    expect(smtp.received[0]).toContain('Auto-Submitted: auto-generated');
    // A plain-text part and an HTML part with the same words, the address a link.
    expect(smtp.received[0]).toContain('multipart/alternative');
    expect(smtp.received[0]).toContain('Content-Type: text/plain');
    expect(smtp.received[0]).toContain('Content-Type: text/html');
  });

  it('offers the one-click way to stop a notice or reminder (RFC 8058), and nothing on other mail', async () => {
    const smtp = await startSmtpServer();
    const mailer = mailerThrough(smtp.port);
    const stop = 'http://x/mail/t0ken/unsubscribe/meetings';
    await mailer.send({
      to: 'isla@example.org',
      subject: 'Notice',
      text: 'A meeting',
      listUnsubscribe: stop,
    });
    await mailer.send({ to: 'isla@example.org', subject: 'Reset', text: 'http://x/reset/s' });
    expect(mailHeader(smtp.received[0]!, 'List-Unsubscribe')).toBe(`<${stop}>`);
    expect(mailHeader(smtp.received[0]!, 'List-Unsubscribe-Post')).toBe(
      'List-Unsubscribe=One-Click',
    );
    expect(mailHeader(smtp.received[1]!, 'List-Unsubscribe')).toBeUndefined();
  });

  it('writes the HTML part from the text: escaped, paragraph for paragraph, each address a link', () => {
    expect(htmlOf('Dear Ada <& Co>,\n\nSet a password:\nhttp://x/invite/a?b=1&c=2\n')).toContain(
      '<p>Dear Ada &lt;&amp; Co&gt;,</p>\n<p>Set a password:<br>\n<a href="http://x/invite/a?b=1&amp;c=2">http://x/invite/a?b=1&amp;c=2</a><br>\n</p>',
    );
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
    const { mailer, lines } = mailerWithoutServer(true);
    await mailer.send({ to: 'b@example.org', subject: 'Hello', text: 'Body' });
    expect(lines.join('')).toContain('mail to b@example.org: Hello');
  });

  it('otherwise refuses to send, printing nothing, so the message stays in the outbox', async () => {
    const { mailer, lines } = mailerWithoutServer(false);
    await expect(mailer.send({ to: 'b@example.org', subject: 'Hi', text: 'x' })).rejects.toThrow(
      NoMailServer,
    );
    expect(lines).toEqual([]);
  });
});
