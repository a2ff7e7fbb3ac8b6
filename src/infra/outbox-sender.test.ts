import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { MemoryMailer, silentLog, testContext } from '../../test/factories.ts';
import {
  mailerThrough,
  mailHeader as header,
  smtpServerPerTest,
  startSmtpServer,
} from '../../test/smtp.ts';
import { listOutbox } from '../db/queries/outbox.ts';
import type { Mailer } from '../mail/mailer.ts';
import { inTransaction } from '../app/common/context.ts';
import { enqueueMail, mailQueued } from '../app/common/enqueue-mail.ts';
import { deliverDueMail, retryDelayMs, startOutboxSender } from './outbox-sender.ts';

describeEachDatabase('the mail outbox', (database) => {
  const smtpServer = smtpServerPerTest();

  it('keeps 100 notifications while the SMTP server is down and delivers each once when it is back', async () => {
    // A port where an SMTP server was and is no more.
    const gone = await startSmtpServer();
    const port = gone.port;
    await gone.stop();
    let clock = new Date('2026-07-01T12:00:00Z');
    const ctx = testContext(database(), {
      now: () => clock,
      mailer: mailerThrough(port),
    });
    await inTransaction(ctx, async (trx) => {
      for (let i = 0; i < 100; i++) {
        await enqueueMail(
          trx,
          { to: `member${i}@example.org`, subject: `Notice ${i}`, text: `Body ${i}` },
          ctx.now(),
        );
      }
    });

    const down = await deliverDueMail(ctx, { limit: 1000 });
    expect(down).toEqual({ claimed: 100, sent: 0, failed: 100 });
    const waiting = await listOutbox(ctx.db);
    expect(waiting).toHaveLength(100);
    for (const row of waiting) {
      expect(row).toMatchObject({ sent_at: null, attempts: 1, claimed_by: null });
      expect(row.last_error).toBeTruthy();
      expect(row.next_attempt_at > clock.toISOString()).toBe(true);
    }
    // Not due again until the back-off has passed.
    expect((await deliverDueMail(ctx, { limit: 1000 })).claimed).toBe(0);

    const smtp = await smtpServer(port);
    clock = new Date(clock.getTime() + 60 * 60_000);
    // Two senders at once, in small batches, as two server processes would.
    const drain = async () => {
      let sent = 0;
      for (;;) {
        const report = await deliverDueMail(ctx, { limit: 7 });
        sent += report.sent;
        if (!report.claimed) return sent;
      }
    };
    const [a, b] = await Promise.all([drain(), drain()]);
    expect(a + b).toBe(100);

    expect(smtp.received).toHaveLength(100);
    const recipients = smtp.received.map((m) => header(m, 'To'));
    expect(new Set(recipients).size).toBe(100);
    expect(new Set(smtp.received.map((m) => header(m, 'Message-ID'))).size).toBe(100);
    const sent = await listOutbox(ctx.db);
    expect(sent.every((row) => row.sent_at !== null && row.attempts === 2)).toBe(true);
    // The text, which may hold a one-time link, is not kept once sent.
    expect(sent.every((row) => row.text === '')).toBe(true);
    expect(await deliverDueMail(ctx, { limit: 1000 })).toEqual({ claimed: 0, sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(100);
    // The test server waits 100 ms before greeting each connection: about 10 s for 100 messages.
  }, 60_000);

  it('never lets two senders claim the same message', async () => {
    const mailer = new MemoryMailer();
    const ctx = testContext(database(), { mailer });
    await inTransaction(ctx, async (trx) => {
      for (let i = 0; i < 40; i++) {
        await enqueueMail(trx, { to: `m${i}@example.org`, subject: 's', text: 't' }, ctx.now());
      }
    });
    // Six senders start together and all see the same due rows.
    const reports = await Promise.all(
      Array.from({ length: 6 }, () => deliverDueMail(ctx, { limit: 40 })),
    );
    const reports2 = await Promise.all(
      Array.from({ length: 6 }, () => deliverDueMail(ctx, { limit: 40 })),
    );
    const total = [...reports, ...reports2].reduce((n, r) => n + r.sent, 0);
    expect(total).toBe(40);
    expect(mailer.sent).toHaveLength(40);
    expect(new Set(mailer.sent.map((m) => m.to)).size).toBe(40);
  });

  it('leaves a message claimed by a sender that died alone until its lease runs out', async () => {
    let clock = new Date('2026-07-01T12:00:00Z');
    const mailer = new MemoryMailer();
    const ctx = testContext(database(), { mailer, now: () => clock });
    await inTransaction(ctx, (trx) =>
      enqueueMail(trx, { to: 'a@example.org', subject: 's', text: 't' }, ctx.now()),
    );
    // A sender that claims and then never returns (its process died mid-send).
    const hung: Mailer = { send: () => new Promise<void>(() => {}) };
    void deliverDueMail({ ...ctx, mailer: hung });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await deliverDueMail(ctx)).claimed).toBe(0);
    clock = new Date(clock.getTime() + 11 * 60_000);
    expect(await deliverDueMail(ctx)).toMatchObject({ claimed: 1, sent: 1 });
    expect(mailer.sent.map((m) => m.to)).toEqual(['a@example.org']);
  });

  it('queues nothing when the use case fails after queueing', async () => {
    const ctx = testContext(database());
    await expect(
      inTransaction(ctx, async (trx) => {
        await enqueueMail(trx, { to: 'a@example.org', subject: 's', text: 't' }, ctx.now());
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await listOutbox(ctx.db)).toEqual([]);
    await deliverDueMail(ctx);
    expect((ctx.mailer as MemoryMailer).sent).toEqual([]);
  });

  it('keeps retrying a message that keeps failing, and says so loudly', async () => {
    let clock = new Date('2026-07-01T12:00:00Z');
    const errors: string[] = [];
    const ctx = testContext(database(), {
      now: () => clock,
      mailer: { send: () => Promise.reject(new Error('554 no thanks')) },
      log: { ...silentLog, error: (m) => errors.push(m) },
    });
    await inTransaction(ctx, (trx) =>
      enqueueMail(trx, { to: 'a@example.org', subject: 's', text: 't' }, ctx.now()),
    );
    for (let i = 0; i < 12; i++) {
      expect((await deliverDueMail(ctx)).failed).toBe(1);
      clock = new Date(clock.getTime() + 60 * 60_000 + 1);
    }
    const [row] = await listOutbox(ctx.db);
    expect(row).toMatchObject({ attempts: 12, sent_at: null, last_error: '554 no thanks' });
    expect(errors).toHaveLength(3);
  });

  it('sends at once when mail is queued in this process', async () => {
    const mailer = new MemoryMailer();
    const ctx = testContext(database(), { mailer });
    const sender = startOutboxSender(ctx, { intervalMs: 60_000 });
    try {
      await inTransaction(ctx, (trx) =>
        enqueueMail(trx, { to: 'a@example.org', subject: 's', text: 't' }, ctx.now()),
      );
      mailQueued(ctx);
      await expect.poll(() => mailer.sent.length, { timeout: 5000 }).toBe(1);
    } finally {
      await sender.stop();
    }
  });
});

describe('retry back-off', () => {
  it('starts at 30 seconds, doubles, and stops growing at an hour, less up to a fifth', () => {
    expect(retryDelayMs(1, () => 0)).toBe(30_000);
    expect(retryDelayMs(2, () => 0)).toBe(60_000);
    expect(retryDelayMs(3, () => 0)).toBe(120_000);
    expect(retryDelayMs(8, () => 0)).toBe(3_600_000);
    expect(retryDelayMs(500, () => 0)).toBe(3_600_000);
    expect(retryDelayMs(1, () => 1)).toBe(24_000);
  });
});
