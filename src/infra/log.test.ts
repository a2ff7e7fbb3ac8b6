import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, redact, writtenEachTurn } from './log.ts';

const capture = () => {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
};

describe('the server log', () => {
  it('writes one JSON object per event, with its level, time, message and fields', () => {
    const { lines, destination } = capture();
    const log = createLogger('info', 'json', destination);
    log.info('request', { requestId: 'r1', route: '/meetings/:id', status: 200 });
    log.warn('SMTP_URL is not set');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        msg: 'request',
        requestId: 'r1',
        route: '/meetings/:id',
        status: 200,
      },
      { level: 'warn', time: expect.any(String), msg: 'SMTP_URL is not set' },
    ]);
  });

  it('keeps errors with their type, message and stack, and drops what is below its level', () => {
    const { lines, destination } = capture();
    const log = createLogger('warn', 'json', destination);
    log.info('not written');
    log.error('a request failed', new TypeError('boom'), { route: '/x' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'error',
      msg: 'a request failed',
      route: '/x',
      error: {
        type: 'TypeError',
        message: 'boom',
        stack: expect.stringContaining('TypeError: boom'),
      },
    });
  });

  it('never carries an email address or a one-time link, wherever a library put it', () => {
    for (const format of ['json', 'text'] as const) {
      const { lines, destination } = capture();
      const log = createLogger('info', format, destination);
      log.warn('mail not sent: 550 <ada.admin@example.org>: no such user', {
        to: 'Ada <ada.admin@example.org>',
      });
      log.error('delivery failed', new Error('RCPT TO:<ben@branch.example.co.uk> refused'));
      log.info('a link: http://localhost:3000/reset/Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA');
      const all = lines.join('\n');
      expect(all, format).not.toMatch(/@example|@branch|Zm9vYmFy/);
      expect(all, format).toContain('[email]');
      expect(all, format).toContain('/reset/[secret]');
    }
  });

  it('redacts addresses of every usual shape, and leaves other text alone', () => {
    expect(redact('to: first.last+tag@sub.example.org, x@y.fr')).toBe('to: [email], [email]');
    expect(redact('/invitations/abcdefghijklmnopqrstuvwxyz012345?x')).toBe(
      '/invitations/[secret]?x',
    );
    expect(redact('GET /meetings/:id 200 in 12 ms')).toBe('GET /meetings/:id 200 in 12 ms');
  });

  it('writes the lines of a turn of the event loop together at its end, in order, all of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seconded-log-'));
    const file = join(dir, 'log');
    const fd = openSync(file, 'w');
    try {
      const log = createLogger('info', 'json', writtenEachTurn(fd));
      for (let i = 0; i < 500; i++) log.info('request', { n: i });
      // More than the 8 KB a turn holds back: the first lines are written at once.
      const early = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      expect(early.length).toBeGreaterThan(0);
      expect(early.length).toBeLessThan(500);
      await new Promise((resolve) => setImmediate(resolve));
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      expect(lines.map((l) => (JSON.parse(l) as { n: number }).n)).toEqual(
        Array.from({ length: 500 }, (_, i) => i),
      );
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves text without an @ or a one-time path as it is, and still finds both', () => {
    expect(redact('request /ballots/:id/votes 201')).toBe('request /ballots/:id/votes 201');
    expect(redact('a@b.org')).toBe('[email]');
    expect(redact('/feeds/abcdefghijklmnopqrstuvwxyz012345')).toBe('/feeds/[secret]');
  });
});
