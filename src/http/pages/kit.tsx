import type { z } from '@hono/zod-openapi';
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { HtmlEscapedCallbackPhase, resolveCallback } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, ERROR_CODES } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import {
  formRoute,
  Mistake,
  type Action,
  type Confirmation,
  type FormFields,
  type SignedInFormCall,
} from '../action.ts';
import type { HttpEnv } from '../env.ts';
import { ColumnHeadings, Layout, type PublicMeta } from './layout.tsx';
import { sameSitePath } from '../security.ts';
import { currentLocale, t } from '../../messages/messages.ts';

/** Small helpers and parts every page route uses. */
export type C = Context<HttpEnv>;

/**
 * Pages declared in groups of routes (signing in, the setup link, …), each group given the same
 * app and options.
 */
export function routeGroups<O>(
  opts: O,
  ...groups: readonly ((web: Hono<HttpEnv>, opts: O) => void)[]
) {
  const web = new Hono<HttpEnv>();
  for (const group of groups) group(web, opts);
  return web;
}

/**
 * The forms posted from one page, which come back to it: each runs its action (formRoute), then
 * goes `back`; a refusal shows the page again with it. (A meeting's pages use meetingForms, which
 * also names the meeting.)
 */
export function pageForms(
  web: Hono<HttpEnv>,
  show: (c: C, mistake: Mistake) => Response | Promise<Response>,
  back: (call: SignedInFormCall) => string,
) {
  return <S extends z.ZodType>(
    path: string,
    action: Action<S>,
    run: (call: SignedInFormCall, input: z.infer<S>) => Promise<unknown>,
    complete?: (call: SignedInFormCall, fields: FormFields) => Promise<FormFields>,
    /** A step that cannot be undone: what it asks before it acts (action.ts `confirm`). */
    confirm?: (call: SignedInFormCall) => Confirmation | Promise<Confirmation>,
  ) =>
    formRoute(web, path, action, {
      run,
      done: back,
      again: show,
      ...(complete ? { complete } : {}),
      ...(confirm ? { confirm } : {}),
    });
}

/**
 * GET `path`: a page; and the forms posted from it (pageForms), which come back to it, to the
 * same address with its `:id` filled in.
 */
export function pageWithForms(
  web: Hono<HttpEnv>,
  path: string,
  show: (c: C, mistake?: Mistake) => Response | Promise<Response>,
) {
  web.get(path, (c) => show(c));
  return pageForms(web, show, ({ params }) => path.replace(':id', params.id!));
}

export function requireSignedIn(c: C) {
  const signedIn = c.get('signedIn');
  if (!signedIn) throw new DomainError('NOT_SIGNED_IN', 'Sign in to see this page.');
  return signedIn;
}

/**
 * Who asks, and about what, as most use cases behind a page or a form take it: the person signed
 * in as the actor, and the thing the path's `:id` names, under the use case's word for it
 * (`bodyId`, `ballotId`, `meetingId`). A form adds its input: `{ ...actorOn(c, 'bodyId'), ...input }`.
 */
export function actorOn<K extends string>(c: C, key: K) {
  const { actor } = requireSignedIn(c);
  return { actor, [key]: c.req.param('id')! } as { actor: Actor } & Record<K, string>;
}

export const statusOf = (e: DomainError) => ERROR_CODES[e.code];

/**
 * A whole page in the site's frame. A page showing a refused form is answered with the refusal's
 * status, so that a client that reads only the status still knows the form was refused.
 */
export const page = (
  c: C,
  title: string,
  body: unknown,
  status: ContentfulStatusCode | Mistake | undefined = 200,
  meta?: PublicMeta,
) => {
  // A signed-in page shows live state (a vote form, the console): going back must fetch it
  // afresh, never show a copy from before the vote.
  if (c.get('signedIn')) c.header('Cache-Control', 'no-store');
  return c.html(
    <Layout
      title={title}
      signedIn={c.get('signedIn')}
      page={pageAddress(c)}
      {...(meta ? { meta } : {})}
    >
      {body as never}
    </Layout>,
    status instanceof Mistake ? statusOf(status.error) : (status ?? 200),
  );
};

/** Pages kept rendered (keptPage), most recently used last, and the largest inputs worth it. */
const KEPT_PAGES = 256;
const KEPT_INPUT_CHARS = 64 * 1024;
const keptPages = new Map<string, string>();

/**
 * Every input a kept page's rendering reads, as one string: JSON, so plain data only. A Map, a
 * Set or a function says less in JSON than it holds (`{}`, nothing), and two different pages
 * could share a key. JSON.stringify with a replacer to refuse them cost more than the rendering
 * it saves, so the views stay plain data by rule, and the tests check it: under Vitest every
 * key is made with the replacer, which throws on anything but plain data (and on undefined in
 * an array, which JSON would write as null).
 */
function inputsKey(inputs: unknown): string | undefined {
  try {
    return CHECKED ? JSON.stringify(inputs, onlyPlainData) : JSON.stringify(inputs);
  } catch (error) {
    if (CHECKED) throw error;
    return undefined;
  }
}
const CHECKED = process.env.VITEST !== undefined;
function onlyPlainData(this: unknown, _key: string, value: unknown) {
  if (value === undefined && Array.isArray(this)) throw new TypeError('undefined in an array');
  if (typeof value === 'function') throw new TypeError("a function in a kept page's inputs");
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null)
      throw new TypeError(`a ${(value as object).constructor?.name} in a kept page's inputs`);
  }
  return value;
}

/**
 * `page`, kept rendered for as long as what it is rendered from is the same (issue 21): a
 * signed-in reader's meeting or ballot page is built from a view worked out for each request
 * (their rights, their vote, the clock's part), but rendering it with hono/jsx cost more than
 * working it out. `inputs` is everything `body` reads besides the language, the reader's being
 * signed in and the page's address (which are in the key too): the view itself, not an id, so
 * the key changes whenever anything shown would. Rendering must read nothing else (no clock, no
 * request): the key is the whole of what decides the page. Only a GET's 200 is kept, never a
 * page showing a refused form.
 */
export async function keptPage(c: C, inputs: unknown, title: string, body: () => unknown) {
  const signedIn = c.get('signedIn');
  const address = pageAddress(c);
  const data = c.req.method === 'GET' ? inputsKey(inputs) : undefined;
  if (data === undefined || data.length > KEPT_INPUT_CHARS) return page(c, title, body());
  const key = `${currentLocale()} ${signedIn ? 1 : 0} ${address} ${title}\u0000${data}`;
  if (signedIn) c.header('Cache-Control', 'no-store');
  let html = keptPages.get(key);
  if (html === undefined) {
    const node = (
      <Layout title={title} signedIn={signedIn} page={address}>
        {body() as never}
      </Layout>
    );
    html = await resolveCallback(
      await node.toString(),
      HtmlEscapedCallbackPhase.Stringify,
      false,
      {},
    );
  }
  keptPages.delete(key);
  keptPages.set(key, html);
  if (keptPages.size > KEPT_PAGES) keptPages.delete(keptPages.keys().next().value!);
  return c.html(html);
}

/**
 * The address that shows this page by GET, for live updates to reload: its own for a GET; for
 * the answer to a form, the page the form was on (the Referer, which our Referrer-Policy keeps
 * to our own pages; CSRF protection already refused posts from elsewhere), else home.
 */
export function pageAddress(c: C): string {
  if (c.req.method === 'GET') {
    const url = new URL(c.req.url);
    return url.pathname + url.search;
  }
  const referer = c.req.header('referer');
  if (!referer) return '/';
  try {
    const from = new URL(referer);
    return sameSitePath(from.pathname + from.search);
  } catch {
    return '/';
  }
}

/** A page whose heading is its title (a page that is one form, a list with nothing above it). */
export const titledPage = (
  c: C,
  title: string,
  body: unknown,
  status?: ContentfulStatusCode | Mistake,
  meta?: PublicMeta,
) =>
  page(
    c,
    title,
    <>
      <h1>{title}</h1>
      {body as never}
    </>,
    status,
    meta,
  );

/** A table of rows under its column headings, scrolled sideways on a narrow screen. */
export const Table = (props: {
  headings: readonly string[];
  caption?: Child;
  children?: Child;
}) => (
  <div class="table-wrap">
    <table>
      {props.caption}
      <ColumnHeadings headings={props.headings} />
      <tbody>{props.children}</tbody>
    </table>
  </div>
);

/** A list of things, each drawn by `item` (numbered if `numbered`), or the words saying there is none. */
export function ListOrNone<T>(props: {
  items: readonly T[];
  none: string;
  numbered?: boolean;
  item: (item: T, index: number) => Child;
}) {
  if (!props.items.length) return <p>{props.none}</p>;
  const items = props.items.map((item, i) => <li>{props.item(item, i)}</li>);
  return props.numbered ? <ol>{items}</ol> : <ul>{items}</ul>;
}

/** A list of things, each a link with a short note beside it, or the words saying there is none. */
export function Listing<T>(props: {
  items: readonly T[];
  none: string;
  entry: (item: T) => { href: string; name: string; note: Child };
}) {
  return (
    <ListOrNone
      items={props.items}
      none={props.none}
      item={(item) => {
        const { href, name, note } = props.entry(item);
        return (
          <>
            <a href={href}>{name}</a> <span class="kind">{note}</span>
          </>
        );
      }}
    />
  );
}

/** Terms and what each is, as a definition list. */
export const Terms = (props: { terms: readonly (readonly [term: string, words: Child])[] }) => (
  <dl>
    {props.terms.map(([term, words]) => (
      <>
        <dt>{term}</dt>
        <dd>{words}</dd>
      </>
    ))}
  </dl>
);

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
