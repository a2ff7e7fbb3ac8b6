import { types } from 'node:util';
import { pino, stdTimeFunctions, type DestinationStream } from 'pino';
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
// Each pattern needs its one character: most fields (ids, routes' words, statuses) have neither,
// and the address pattern, tried at every position of a string without `@`, was a tenth of an
// access-log line's cost.
export const redact = (text: string): string => {
  const mailed = text.includes('@') ? text.replace(EMAIL, '[email]') : text;
  return mailed.includes('/') ? mailed.replace(SECRET_PATH, '/$1/[secret]') : mailed;
};

const redactFields = (fields: LogFields | undefined) =>
  fields &&
  Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? redact(v) : v]),
  );

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
  destination: DestinationStream = pino.destination(2),
): Logger {
  if (format === 'text') return textLogger(level, destination);
  const log = pino(
    {
      level,
      base: undefined,
      timestamp: stdTimeFunctions.isoTime,
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
