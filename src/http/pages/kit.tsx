import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, ERROR_CODES } from '../../domain/errors.ts';
import type { HttpEnv } from '../env.ts';
import { asDomainError, inReadersLanguage } from '../errors.tsx';
import { Layout } from './layout.tsx';
import { t } from '../messages.ts';

/** Small helpers every page route uses. */
export type C = Context<HttpEnv>;

/** Form fields as strings (files and repeated fields are read where they are expected). */
export async function form(c: C): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(
    Object.entries(body).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])),
  );
}

/**
 * Runs a form's action; a client mistake re-renders the form with the message (in the reader's
 * language), anything else is thrown.
 */
export async function attempt<T>(
  action: () => Promise<T>,
  onMistake: (error: DomainError) => Response | Promise<Response>,
) {
  try {
    return { ok: true as const, value: await action() };
  } catch (error) {
    const known = asDomainError(error);
    // Re-rendering a page the actor may not see throws its own NOT_FOUND or FORBIDDEN again.
    // A refusal of the person (not of what they sent) gets the error page with its message:
    // the form it came from may not be on the page they are allowed to see.
    if (!known || known.code === 'FORBIDDEN' || known.code === 'NOT_SIGNED_IN') throw error;
    const response = await onMistake(inReadersLanguage(known));
    // A page that does not show this person the form (so not the message either) would leave
    // them with no word of what went wrong: the error page says it instead.
    if (!(await response.clone().text()).includes('role="alert"')) throw known;
    return { ok: false as const, response };
  }
}

export const problemFor = (error: DomainError | undefined, path: string) =>
  error?.problems.find((p) => p.path === path)?.message;

export function requireSignedIn(c: C) {
  const signedIn = c.get('signedIn');
  if (!signedIn) throw new DomainError('NOT_SIGNED_IN', 'Sign in to see this page.');
  return signedIn;
}

/** A whole page in the site's frame. */
export const page = (c: C, title: string, body: unknown, status: ContentfulStatusCode = 200) =>
  c.html(
    <Layout title={title} signedIn={c.get('signedIn')}>
      {body as never}
    </Layout>,
    status,
  );

export const statusOf = (e: DomainError) => ERROR_CODES[e.code];

/**
 * The hash of the audit entry that sealed a published result: anyone can compare it with the
 * organisation's chain (`seconded verify` checks the stored result still matches it).
 */
export const SealedBy = ({ hash }: { hash: string | null | undefined }) =>
  hash ? (
    <small class="sealed">
      {t('audit.sealed')}: <code>{hash}</code>
    </small>
  ) : null;
