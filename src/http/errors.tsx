import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { DomainError, ERROR_CODES, type ErrorCode, type FieldProblem } from '../domain/errors.ts';
import type { Logger } from '../app/context.ts';
import type { HttpEnv } from './env.ts';
import { Layout } from './pages/layout.tsx';
import { t } from './messages.ts';

/** The one JSON shape of every error the API returns. */
export interface ErrorBody {
  ok: false;
  error: ErrorCode | 'INTERNAL';
  message: string;
  problems?: readonly FieldProblem[];
}

export const wantsJson = (c: Context) =>
  c.req.path.startsWith('/api/') || (c.req.header('accept') ?? '').startsWith('application/json');

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
  const known = asDomainError(error);
  const status = (known ? ERROR_CODES[known.code] : 500) as ContentfulStatusCode;
  if (!known) log.error(`${c.req.method} ${c.req.path} failed`, error);
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
