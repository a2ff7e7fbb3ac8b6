import { types } from 'node:util';
import { pino, type DestinationStream } from 'pino';
import type { Logger, LogFields } from '../app/common/context.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'text';

/**
 * What no log line may carry, whatever a library put in an error message (an SMTP server's
 * "550 <someone@example.org>: no such user"): email addresses, and the path of a one-time
 * link with its secret (/setup/…, /reset/…, /invitations/…, /feeds/…).
 */
const EMAIL = /[^\s@<>"'(),;:/]+@[^\s@<>"'(),;:/]+\.[a-z]{2,}/gi;
const SECRET_PATH = /\/(setup|reset|invitations|feeds)\/[A-Za-z0-9_-]{16,}/g;
/** What each of them needs somewhere in a text: most texts (an access-log line's) have neither. */
const MAY_HOLD_SECRET = /@|\/(?:setup|reset|invitations|feeds)\//;
export const redact = (text: string): string =>
  MAY_HOLD_SECRET.test(text)
    ? text.replace(EMAIL, '[email]').replace(SECRET_PATH, '/$1/[secret]')
    : text;

/** The fields with their text redacted; the same object when nothing needed it (most lines). */
function redactFields(fields: LogFields | undefined): LogFields | undefined {
  let changed: Record<string, string | number | boolean | null> | undefined;
  for (const key in fields) {
    const value = fields[key];
    if (typeof value !== 'string') continue;
    const clean = redact(value);
    if (clean !== value) (changed ??= { ...fields })[key] = clean;
  }
  return changed ?? fields;
}

// isNativeError, not instanceof: an error made in another realm (a worker, a vm) is one too.
const errorOf = (error: unknown) =>
  types.isNativeError(error)
    ? { type: error.name, message: redact(error.message), stack: redact(error.stack ?? '') }
    : error === undefined
      ? undefined
      : { message: redact(String(error)) };

/**
 * The server's log, on stderr (stdout is for command output): JSON lines through pino, one
 * object per event with `level`, `time`, `msg` and its fields, for a log collector; or `text`,
 * one readable line per event, for a person at a terminal (`npm run dev`).
 */
export function createLogger(
  level: LogLevel,
  format: LogFormat,
  destination: DestinationStream = writtenEachTurn(2),
): Logger {
  if (format === 'text') return textLogger(level, destination);
  const log = pino(
    {
      level,
      base: undefined,
      timestamp: isoTimeOfTheMillisecond,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return {
    info: (message, fields) => log.info(redactFields(fields) ?? {}, redact(message)),
    warn: (message, fields) => log.warn(redactFields(fields) ?? {}, redact(message)),
    error: (message, error, fields) =>
      log.error({ ...redactFields(fields), error: errorOf(error) }, redact(message)),
  };
}

/**
 * pino's `isoTime` (`,"time":"2026-12-08T02:50:00.000Z"`), made once per millisecond: under load
 * many lines share one, and formatting a date cost each access-log line more than the rest of it.
 */
let timeMs = -1;
let timeField = '';
function isoTimeOfTheMillisecond(): string {
  const now = Date.now();
  if (now !== timeMs) {
    timeMs = now;
    timeField = `,"time":"${new Date(now).toISOString()}"`;
  }
  return timeField;
}

/**
 * A destination that writes the lines of one turn of the event loop together, at its end, in one
 * write (in order, synchronously: nothing waits in memory past the turn, and what is left at exit
 * is written then). Under load a turn answers dozens of requests, each with its access-log line:
 * one write each cost the server a system call per request (issue 21).
 */
export function writtenEachTurn(fd: number): DestinationStream {
  let destination = turnDestinations.get(fd);
  if (!destination) turnDestinations.set(fd, (destination = turnBuffered(fd)));
  return destination;
}

/** One per file descriptor, however many loggers write to it (each server a test starts). */
const turnDestinations = new Map<number, DestinationStream>();

function turnBuffered(fd: number): DestinationStream {
  // minLength: lines gather until flushed, or are written at once past 8 KB (sonic-boom writes at
  // most 16 KB at a time).
  const stream = pino.destination({ fd, sync: true, minLength: 8 * 1024 });
  // The turn's lines are joined here and handed to the stream once: sonic-boom measures its
  // whole buffer again at each write, which cost more than the line itself under load.
  let held = '';
  let due = false;
  const hand = () => {
    const text = held;
    held = '';
    stream.write(text);
  };
  const flush = () => {
    due = false;
    if (held) hand();
    stream.flushSync();
  };
  process.once('exit', () => {
    try {
      if (due) flush();
    } catch {
      // Nowhere left to say it: the descriptor was closed before the process ended.
    }
  });
  return {
    write(line: string) {
      held += line;
      if (held.length >= 8 * 1024) hand();
      if (!due) {
        due = true;
        setImmediate(flush);
      }
    },
  };
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function textLogger(level: LogLevel, destination: DestinationStream): Logger {
  const write = (l: LogLevel, message: string, fields?: LogFields, error?: unknown) => {
    if (LEVELS[l] < LEVELS[level]) return;
    const pairs = Object.entries(redactFields(fields) ?? {}).map(([k, v]) => ` ${k}=${v}`);
    const err = errorOf(error);
    const detail = err ? ` ${'stack' in err && err.stack ? err.stack : err.message}` : '';
    destination.write(
      `${new Date().toISOString()} ${l} ${redact(message)}${pairs.join('')}${detail}\n`,
    );
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, error, fields) => write('error', message, fields, error),
  };
}
