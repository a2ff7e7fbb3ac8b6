import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, ERROR_CODES } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { HttpEnv } from '../env.ts';
import { asDomainError, inReadersLanguage } from '../errors.tsx';
import { Layout } from './layout.tsx';
import { t } from '../../messages/messages.ts';

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

/** A use case run by a form, with the signed-in actor, the `:id` of its path and its fields. */
export type FormRun<T = unknown> = (
  actor: Actor,
  id: string,
  f: Record<string, string>,
) => Promise<T>;

/**
 * POST `path` (with an `:id`): a form that runs a use case, then goes where `done` says (303);
 * a client mistake renders the form's page again with it (`again`, through attempt). With
 * `pathWins`, the path's own parameters (an agenda item's id) come with the form and win over it.
 */
export function formRoute<T>(
  web: Hono<HttpEnv>,
  path: string,
  opts: {
    run: FormRun<T>;
    again: (
      c: C,
      id: string,
      error: DomainError,
      f: Record<string, string>,
    ) => Response | Promise<Response>;
    done: (id: string, value: T) => string;
    pathWins?: boolean;
  },
) {
  web.post(path, async (c) => {
    const { actor } = requireSignedIn(c);
    const id = c.req.param('id')!;
    const f = opts.pathWins ? { ...(await form(c)), ...c.req.param() } : await form(c);
    const result = await attempt(
      () => opts.run(actor, id, f),
      (e) => opts.again(c, id, e, f),
    );
    if (!result.ok) return result.response;
    return c.redirect(opts.done(id, result.value), 303);
  });
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
