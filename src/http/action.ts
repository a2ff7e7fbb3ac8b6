import { z } from '@hono/zod-openapi';
import type { Context, Hono } from 'hono';
import type { SignedIn } from '../app/accounts/session.ts';
import { DomainError } from '../domain/errors.ts';
import type { HttpEnv } from './env.ts';
import { asDomainError, inReadersLanguage } from './errors.tsx';
import { confirmationPage } from './pages/confirm.tsx';

/**
 * One thing a person can do (schedule a meeting, second a motion), named once with the one zod
 * schema that checks what they send, whether it comes as JSON to the API or as an HTML form
 * (after OpenSlides' `@register_action` and Outline's per-resource `schema.ts`). The JSON route
 * takes the schema as its request body; the form route reads its flat fields into the same shape
 * (`fromForm`, which only arranges, never judges) and validates with the same schema, so the two
 * cannot disagree about what is allowed.
 */
export interface Action<S extends z.ZodType = z.ZodType> {
  /** A stable name, `area.verb` style; also the schema's name in the OpenAPI document. */
  readonly name: string;
  readonly schema: S;
  /** The form's fields in the schema's shape: strings read as numbers, ticks as booleans. */
  readonly fromForm: (fields: FormFields) => unknown;
  /** The form field where a problem at a schema path is shown (default: the path itself). */
  readonly fieldOf: (path: string) => string;
  /** What a refusal by the schema says above the field problems (default: each problem). */
  readonly refusal?: string;
}

/** An HTML form's fields; a name sent more than once keeps every value. */
export type FormFields = Readonly<Record<string, string | readonly string[]>>;

/** The first value of a form field (a text box, a select), or undefined when it was not sent. */
export const field = (fields: FormFields, name: string): string | undefined => {
  const value = fields[name];
  return typeof value === 'string' ? value : value?.[0];
};

/** Every value of a form field (a list of checkboxes). */
export const fieldValues = (fields: FormFields, name: string): string[] => {
  const value = fields[name];
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
};

/**
 * A number typed into a form. Empty is not zero: it stays NaN so that the schema refuses it with
 * the field's name, instead of a blank count being taken as 0.
 */
export const formNumber = (value: string | undefined): number =>
  value === undefined || value.trim() === '' ? NaN : Number(value);

/** A checkbox: ticked when sent with the value "1" (or "on", the browser's default). */
export const formTick = (value: string | undefined): boolean => value === '1' || value === 'on';

/** The lines of a textarea, each trimmed, blank ones left out (options, key holders). */
export const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The fields of a form that sends nothing but the button. */
export const NoFields = z.object({});

/**
 * Declares an action. Without `fromForm` the form's fields are taken as they are (single values),
 * which suits a schema of strings.
 */
export function action<S extends z.ZodType>(
  name: string,
  schema: S,
  opts: {
    fromForm?: (fields: FormFields) => unknown;
    fieldOf?: (path: string) => string;
    refusal?: string;
  } = {},
): Action<S> {
  return {
    name,
    schema: named(schema, name),
    fromForm: opts.fromForm ?? singleValues,
    fieldOf: opts.fieldOf ?? ((path) => path),
    ...(opts.refusal ? { refusal: opts.refusal } : {}),
  };
}

/**
 * The schema under its name in the OpenAPI document. Zod 4 gives each schema its methods when it
 * is made, so a schema the domain made before @hono/zod-openapi was first imported has no
 * `.openapi`; the method is borrowed from the prototype the library extended.
 */
function named<S extends z.ZodType>(schema: S, name: string): S {
  const openapi = z.ZodType.prototype.openapi as (this: S, refId: string) => S;
  return openapi.call(schema, name);
}

const singleValues = (fields: FormFields) =>
  Object.fromEntries(Object.keys(fields).map((k) => [k, field(fields, k)]));

/**
 * Checks input against an action's schema; a refusal names each field that is wrong (as the form
 * calls it) with what is wrong with it, and nothing runs.
 */
export function validate<S extends z.ZodType>(
  action: Action<S>,
  input: unknown,
  fieldOf: (path: string) => string = (p) => p,
): z.infer<S> {
  const result = action.schema.safeParse(input);
  if (result.success) return result.data;
  const refused = asDomainError(result.error)!;
  throw new DomainError(
    'VALIDATION_FAILED',
    action.refusal ?? refused.message,
    refused.problems.map((p) => ({ ...p, path: fieldOf(p.path) })),
  );
}

/** The request body of an action's JSON route, described by its schema (for `createRoute`). */
export const actionBody = <S extends z.ZodType>(action: Action<S>, required = true) => ({
  body: { content: { 'application/json': { schema: action.schema } }, required },
});

/**
 * A form that was refused: the error (in the reader's language) and what the person typed, for
 * the page to show again. The page marks it shown by rendering <ErrorSummary mistake={…} />; a
 * page that does not (it does not offer this person the form) leaves them the error page instead,
 * so a refusal is never silent.
 */
export class Mistake {
  private seen = false;
  constructor(
    /** The name of the action whose form was refused. */
    readonly action: string,
    readonly error: DomainError,
    readonly fields: FormFields,
  ) {}
  /** This mistake if it was made in `action`'s form (a page with several forms shows it there). */
  from(action: Action): Mistake | undefined {
    return action.name === this.action ? this : undefined;
  }
  /** The message for one form field, if it has a problem. */
  problem(name: string): string | undefined {
    return this.error.problems.find((p) => p.path === name)?.message;
  }
  /** What the person typed in a field, to put back. */
  value(name: string): string | undefined {
    return field(this.fields, name);
  }
  markShown() {
    this.seen = true;
  }
  get shown() {
    return this.seen;
  }
}

/** Who is asking and the parameters of the path, for a form's use case. */
export interface FormCall {
  readonly c: Context<HttpEnv>;
  readonly signedIn: SignedIn | null;
  readonly params: Readonly<Record<string, string>>;
}

/** A form call made by someone signed in. */
export interface SignedInFormCall extends FormCall {
  readonly signedIn: SignedIn;
}

interface FormRouteOptions<S extends z.ZodType, T, Call extends FormCall> {
  /** Runs the use case with the validated input. */
  run: (call: Call, input: z.infer<S>) => Promise<T>;
  /** Where to go after it succeeded (answered 303, so a reload never sends the form again). */
  done: (call: Call, value: T) => string;
  /** The page again, showing the mistake and what was typed. */
  again: (c: Context<HttpEnv>, mistake: Mistake) => Response | Promise<Response>;
  /** Whether a person must be signed in (default true); sign-in, reset and invitation say no. */
  signedIn?: boolean;
  /** The path's own parameters (a one-time link's secret) come with the fields and win over them. */
  pathWins?: boolean;
  /** How the fields are read (default `readForm`); an upload reads its file into a field here. */
  readFields?: (c: Context<HttpEnv>) => Promise<FormFields>;
  /**
   * A form that changes part of something stored: the fields it did not send, filled in from
   * what is stored, before they are read into the action's shape.
   */
  complete?: (call: Call, fields: FormFields) => Promise<FormFields>;
  /**
   * A step that cannot be undone (cancelling a meeting, removing a member): sent without
   * `confirm=yes`, nothing runs and the answer is a page that restates the step and its
   * consequence and asks (pages/confirm.tsx), so a single tap never does it. With JavaScript the
   * page's <dialog> asks first and sends `confirm=yes` itself.
   */
  confirm?: (call: Call, fields: FormFields) => Confirmation | Promise<Confirmation>;
}

/** What the confirmation of a step that cannot be undone says. */
export interface Confirmation {
  /** The question, as the page's heading: "Cancel the meeting?" */
  readonly title: string;
  /** What follows and cannot be taken back: "38 members will be emailed." */
  readonly consequence: string;
  /** The button that does it: "Yes, cancel the meeting". */
  readonly yes: string;
}

/** Whether a form says yes to a step that cannot be undone (see `confirm`). */
export const confirmed = (fields: FormFields) =>
  field(fields, 'confirm') === 'yes' || formTick(field(fields, 'confirm'));

/** A form that answers with a page (a report, a notice) instead of going elsewhere. */
type FormPageOptions<S extends z.ZodType, T, Call extends FormCall> = Omit<
  FormRouteOptions<S, T, Call>,
  'done'
> & {
  /** The page that says what was done. */
  present: (call: Call, value: T) => Response | Promise<Response>;
};

/** Form routes and the actions they validate with, for the test that pairs them with the API. */
const FORM_ACTIONS = new Map<string, string>();

/** `POST path` → the name of the action its form validates with, for every form route declared. */
export const formActions = (): ReadonlyMap<string, string> => FORM_ACTIONS;

/**
 * POST `path`: an HTML form that runs an action. The route reads top to bottom: who is asking,
 * the fields read into the action's shape and validated by its schema, the use case run, then a
 * redirect (303) where `done` says. A client mistake (a field the schema refuses, a step the rules
 * refuse) renders the page again with the mistake and the person's input; a person the page is
 * not for gets the error page.
 */
export function formRoute<S extends z.ZodType, T>(
  web: Hono<HttpEnv>,
  path: string,
  action: Action<S>,
  opts: FormRouteOptions<S, T, SignedInFormCall>,
): void;
export function formRoute<S extends z.ZodType, T>(
  web: Hono<HttpEnv>,
  path: string,
  action: Action<S>,
  opts: FormRouteOptions<S, T, FormCall> & { signedIn: false },
): void;
export function formRoute<S extends z.ZodType, T>(
  web: Hono<HttpEnv>,
  path: string,
  action: Action<S>,
  opts: FormRouteOptions<S, T, SignedInFormCall>,
) {
  postForm(web, path, action, opts, (c, call, value) => c.redirect(opts.done(call, value), 303));
}

/**
 * POST `path`: a form that runs an action like `formRoute`, but answers with a page (`present`)
 * instead of a redirect, for a step whose outcome is shown only once and must not go into an
 * address (an import's report, a vote's receipt).
 */
export function formPageRoute<S extends z.ZodType, T>(
  web: Hono<HttpEnv>,
  path: string,
  action: Action<S>,
  opts: FormPageOptions<S, T, SignedInFormCall>,
): void;
export function formPageRoute<S extends z.ZodType, T>(
  web: Hono<HttpEnv>,
  path: string,
  action: Action<S>,
  opts: FormPageOptions<S, T, FormCall> & { signedIn: false },
): void;
export function formPageRoute<S extends z.ZodType, T>(
  web: Hono<HttpEnv>,
  path: string,
  action: Action<S>,
  opts: FormPageOptions<S, T, SignedInFormCall>,
) {
  postForm(web, path, action, opts, (_c, call, value) => opts.present(call, value));
}

function postForm<S extends z.ZodType, T>(
  web: Hono<HttpEnv>,
  path: string,
  action: Action<S>,
  opts: Omit<FormRouteOptions<S, T, SignedInFormCall>, 'done'>,
  answer: (c: Context<HttpEnv>, call: SignedInFormCall, value: T) => Response | Promise<Response>,
) {
  FORM_ACTIONS.set(`POST ${path}`, action.name);
  web.post(path, async (c) => {
    const signedIn = c.get('signedIn');
    if (opts.signedIn !== false && !signedIn) {
      throw new DomainError('NOT_SIGNED_IN', 'Sign in to do that.');
    }
    const call = { c, signedIn: signedIn!, params: c.req.param() as Record<string, string> };
    const read = await (opts.readFields ?? readForm)(c);
    const sent = opts.pathWins ? { ...read, ...call.params } : read;
    if (opts.confirm && !confirmed(sent)) {
      return confirmationPage(c, await opts.confirm(call, sent), sent);
    }
    const fields = opts.complete ? await opts.complete(call, sent) : sent;
    let value: T;
    try {
      value = await opts.run(call, validate(action, action.fromForm(fields), action.fieldOf));
    } catch (error) {
      return refused(c, action, error, fields, opts.again);
    }
    return answer(c, call, value);
  });
}

/** Every field of a url-encoded or multipart form (uploads are read where they are expected). */
export async function readForm(c: Context<HttpEnv>): Promise<FormFields> {
  const body = await c.req.parseBody({ all: true });
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    const strings = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string',
    );
    if (strings.length === 1) fields[name] = strings[0]!;
    else if (strings.length > 1) fields[name] = strings;
  }
  return fields;
}

async function refused(
  c: Context<HttpEnv>,
  action: Action,
  error: unknown,
  fields: FormFields,
  again: (c: Context<HttpEnv>, mistake: Mistake) => Response | Promise<Response>,
): Promise<Response> {
  const known = asDomainError(error);
  // A refusal of the person (not of what they sent) gets the error page: the form it came from
  // may not be on any page they are allowed to see.
  if (!known || known.code === 'FORBIDDEN' || known.code === 'NOT_SIGNED_IN') throw error;
  const mistake = new Mistake(action.name, inReadersLanguage(known), fields);
  const response = await again(c, mistake);
  if (!mistake.shown) throw known;
  return response;
}
