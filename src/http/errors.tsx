import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import {
  DomainError,
  ERROR_CODES,
  type ErrorCode,
  type ErrorParams,
  type FieldProblem,
} from '../domain/errors.ts';
import type { Logger } from '../app/common/context.ts';
import type { HttpEnv } from './env.ts';
import { formatInstant } from './pages/dates.ts';
import { Layout } from './pages/layout.tsx';
import { chooseLocale, currentLocale, type Locale, t, withLocale } from '../messages/messages.ts';

/** The one JSON shape of every error the API returns. */
export interface ErrorBody {
  ok: false;
  error: ErrorCode | 'INTERNAL';
  message: string;
  problems?: readonly FieldProblem[];
}

export const wantsJson = (c: Context) =>
  c.req.path.startsWith('/api/') || (c.req.header('accept') ?? '').startsWith('application/json');

/**
 * The language of a request: the signed-in person's choice, else their browser's first one we
 * have, else English. Pages and the API's error messages alike follow it.
 */
export const requestLocale = (c: Context<HttpEnv>): Locale =>
  chooseLocale(c.get('signedIn')?.locale, c.req.header('accept-language'));

type Figure = { [C in keyof ErrorParams]: keyof ErrorParams[C] }[keyof ErrorParams];
/** The figures of refusals that are instants, shown as dates in the reader's language. */
const INSTANTS: ReadonlySet<Figure> = new Set(['deadline']);

/**
 * A refusal told in the reader's language. English readers get the message written where the
 * refusal was made, word for word as the API has always returned it; other readers get the
 * catalogue's sentence for its code (`refusal.*` in src/messages), filled with the figures it
 * carries. The code, field problems and figures are kept.
 */
export function inReadersLanguage(error: DomainError): DomainError {
  const lang = currentLocale();
  if (lang === 'en') return error;
  // Instants are shown in the time zone the refusal names (a meeting's), else in UTC.
  const given = (error.params as { timeZone?: unknown } | undefined)?.timeZone;
  const zone = typeof given === 'string' ? given : 'UTC';
  const figures = Object.fromEntries(
    Object.entries(error.params ?? {}).map(([name, value]: [string, string | number]) => [
      name,
      INSTANTS.has(name as Figure) ? formatInstant(String(value), 'dateTime', zone) : value,
    ]),
  );
  return error.retold(t(`refusal.${error.code}`, { timeZone: zone, ...figures }, lang));
}

/** Turns anything thrown into a DomainError where it was a client mistake, else null. */
export function asDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  if (error instanceof ZodError) {
    return new DomainError(
      'VALIDATION_FAILED',
      'The request is not valid: ' +
        error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
      error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  if (error instanceof HTTPException) {
    if (error.status === 413)
      return new DomainError('PAYLOAD_TOO_LARGE', 'That upload is too large.');
    if (error.status < 500)
      return new DomainError(
        'VALIDATION_FAILED',
        error.message || 'The request could not be read.',
      );
  }
  if (error instanceof SyntaxError)
    return new DomainError('VALIDATION_FAILED', 'The request body is not valid JSON.');
  return null;
}

/**
 * The one place errors become responses (STYLE.md convention 7): a stable code and a clear
 * message, as JSON for the API and as a page for people. Anything unexpected is logged (without
 * request bodies, which may hold votes or passwords) and answered with a plain 500.
 */
export function renderError(error: unknown, c: Context<HttpEnv>, log: Logger) {
  // A refusal before the language middleware ran (CSRF, a body too large) is read in it too.
  return withLocale(requestLocale(c), () => renderInLocale(error, c, log));
}

function renderInLocale(error: unknown, c: Context<HttpEnv>, log: Logger) {
  const thrown = asDomainError(error);
  const known = thrown && inReadersLanguage(thrown);
  const status = (known ? ERROR_CODES[known.code] : 500) as ContentfulStatusCode;
  if (!known) {
    // The route's pattern, not the path: a path can hold a one-time secret.
    const where = {
      requestId: c.get('requestId') ?? null,
      method: c.req.method,
      route: routePath(c),
    };
    log.error('a request failed', error, where);
  }
  if (thrown?.code === 'SIGN_IN_DELAYED') {
    c.header(
      'Retry-After',
      String((thrown as DomainError<'SIGN_IN_DELAYED'>).params?.seconds ?? 1),
    );
  }
  const body: ErrorBody = known
    ? {
        ok: false,
        error: known.code,
        message: known.message,
        ...(known.problems.length ? { problems: known.problems } : {}),
      }
    : { ok: false, error: 'INTERNAL', message: t('error.server') };
  if (wantsJson(c)) return c.json(body, status);
  if (known?.code === 'NOT_SIGNED_IN') {
    const next = c.req.method === 'GET' ? c.req.path : '/';
    return c.redirect(`/sign-in?next=${encodeURIComponent(next)}`, 303);
  }
  return c.html(
    <Layout title={t('error.title')} signedIn={c.get('signedIn') ?? null}>
      <h1>{t('error.title')}</h1>
      <p role="alert">{body.message}</p>
      {body.problems?.length ? (
        <ul>
          {body.problems.map((p) => (
            <li>{p.message}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href="/">{t('error.back')}</a>
      </p>
    </Layout>,
    status,
  );
}
