import { createContext, useContext, type Child } from 'hono/jsx';
import type { Mistake } from '../action.ts';

/**
 * The pieces every form on the pages is built from, each working without JavaScript: the form
 * that posts one action, and its labelled controls wired for screen readers. A refused form
 * (a `Mistake`, src/http/action.ts) is summed up at its top, and each control inside it shows
 * what was sent and what is wrong with it.
 */

/** The refusal of the form being rendered, which each of its controls shows its part of. */
const FormMistake = createContext<Mistake | undefined>(undefined);

/** A control's own refusal if it was given one, else the refusal of the form around it. */
const mistakeOf = (props: { mistake?: Mistake | undefined }) =>
  props.mistake ?? useContext(FormMistake);

/**
 * A form that sends one action by POST: hidden fields naming what it is about, an optional
 * heading, the refusal summed up when it came back refused (its controls show theirs), a hint,
 * the controls, and the button that sends it (none when it has its own, as `SendButtons`).
 */
export function PostForm(props: {
  action: string;
  submit?: string;
  heading?: string;
  hint?: string;
  fields?: Record<string, string>;
  mistake?: Mistake | undefined;
  id?: string;
  class?: string;
  children?: Child;
}) {
  return (
    <form method="post" action={props.action} id={props.id} class={props.class}>
      <HiddenFields fields={props.fields} />
      {props.heading ? <h2>{props.heading}</h2> : null}
      <ErrorSummary mistake={props.mistake} />
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      <FormMistake.Provider value={props.mistake}>{props.children}</FormMistake.Provider>
      {props.submit ? <button type="submit">{props.submit}</button> : null}
    </form>
  );
}

/** What a form is about, sent with it unseen (the motion, the person, the step). */
const HiddenFields = (props: { fields?: Record<string, string> | undefined }) =>
  Object.entries(props.fields ?? {}).map(([name, value]) => (
    <input type="hidden" name={name} value={value} />
  ));

/**
 * A one-button form that sits in a line of text, its button looking like a link: taking a
 * person off a list, seconding a nomination.
 */
export const LinkButton = (props: {
  action: string;
  label: string;
  fields?: Record<string, string>;
}) => (
  <form method="post" action={props.action} class="inline">
    <HiddenFields fields={props.fields} />
    <button type="submit" class="link">
      {props.label}
    </button>
  </form>
);

/** The buttons that send one form, each with its own value of `name`: which way to send it. */
export const SendButtons = (props: {
  name: string;
  choices: readonly (readonly [value: string, words: string])[];
}) =>
  props.choices.map(([value, words], i) => (
    <>
      {i ? ' ' : null}
      <button type="submit" name={props.name} value={value}>
        {words}
      </button>
    </>
  ));

/** The ids of what describes a control (its hint, its problem), and whether it is refused. */
const describedBy = (id: string, hint: unknown, error: unknown) => ({
  'aria-describedby':
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined,
  'aria-invalid': error ? ('true' as const) : undefined,
});

/** A control's label, then its hint and its problem, with the ids `describedBy` names. */
export function Labelled(props: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children?: Child;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

/** What a refused form's control shows: its problem, and what was sent (never a password). */
function refusedAs(props: {
  name: string;
  type?: string;
  value?: string | undefined;
  error?: string | undefined;
  mistake?: Mistake | undefined;
}) {
  const mistake = mistakeOf(props);
  return {
    error: mistake?.problem(props.name) ?? props.error,
    value: mistake && props.type !== 'password' ? mistake.value(props.name) : props.value,
  };
}

/**
 * A labelled input with its hint and error, wired for screen readers; with `rows`, a box for a
 * paragraph of words.
 */
export function Field(props: {
  name: string;
  label: string;
  type?: string;
  value?: string | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  autocomplete?: string;
  rows?: number;
  /** A refused form: the field shows what was typed and its problem. */
  mistake?: Mistake | undefined;
}) {
  const { error, value } = refusedAs(props);
  const control = {
    id: props.name,
    name: props.name,
    required: props.required,
    ...describedBy(props.name, props.hint, error),
  };
  return (
    <Labelled id={props.name} label={props.label} hint={props.hint} error={error}>
      {props.rows ? (
        <textarea {...control} rows={props.rows}>
          {value ?? ''}
        </textarea>
      ) : (
        <input
          {...control}
          type={props.type ?? 'text'}
          value={value}
          autocomplete={props.autocomplete}
        />
      )}
    </Labelled>
  );
}

/** A labelled box for a paragraph of words (three lines unless it says), as a `Field`. */
export const TextArea = (props: Omit<Parameters<typeof Field>[0], 'type' | 'autocomplete'>) => (
  <Field {...props} rows={props.rows ?? 3} />
);

/** A labelled choice of one of a few values, each with its words. */
export function Choice(props: {
  name: string;
  label: string;
  options: readonly (readonly [string, string])[];
  selected?: string | null | undefined;
  /** The control's id where it differs from its name (two forms on a page send the same name). */
  id?: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** A refused form: the choice shows what was chosen and its problem. */
  mistake?: Mistake | undefined;
  /** Nothing is chosen until the person chooses: a blank first option with these words. */
  choose?: string;
}) {
  const mistake = mistakeOf(props);
  const error = mistake?.problem(props.name) ?? props.error;
  const selected = mistake?.value(props.name) ?? props.selected;
  const id = props.id ?? props.name;
  return (
    <Labelled id={id} label={props.label} hint={props.hint} error={error}>
      <select
        id={id}
        name={props.name}
        required={props.choose !== undefined}
        {...describedBy(id, props.hint, error)}
      >
        {props.choose !== undefined ? <option value="">{props.choose}</option> : null}
        {props.options.map(([value, words]) => (
          <option value={value} selected={value === selected}>
            {words}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

/** A checkbox with its label after it; sent as "1" when ticked. */
export function Tick(props: {
  name: string;
  label: string;
  id?: string;
  checked?: boolean;
  mistake?: Mistake | undefined;
}) {
  const id = props.id ?? props.name;
  const mistake = mistakeOf(props);
  const checked = mistake ? mistake.value(props.name) === '1' : props.checked;
  return (
    <div class="field">
      <input type="checkbox" id={id} name={props.name} value="1" checked={checked} />{' '}
      <label for={id} class="inline">
        {props.label}
      </label>
    </div>
  );
}

/** One radio button of a vote or a choice, with its label beside it. */
export const RadioChoice = (props: {
  name: string;
  id: string;
  value: string;
  label: string;
  checked?: boolean;
  required?: boolean;
  /** The language of the label, where it is not the page's (a language's own name). */
  lang?: string | undefined;
}) => (
  <div class="choice">
    <input
      type="radio"
      id={props.id}
      name={props.name}
      value={props.value}
      checked={props.checked}
      required={props.required}
    />{' '}
    <label for={props.id} class="inline" lang={props.lang}>
      {props.label}
    </label>
  </div>
);

/** A radio button's value, its words, and where they differ from the default its id and language. */
export type RadioOption = readonly [
  value: string,
  words: string,
  more?: { id?: string; lang?: string | undefined },
];

/** A choice of one of a few values shown all at once: radio buttons under a legend. */
export function RadioGroup(props: {
  name: string;
  legend: string;
  options: readonly RadioOption[];
  selected?: string | undefined;
  hint?: string | undefined;
  mistake?: Mistake | undefined;
}) {
  const mistake = mistakeOf(props);
  const selected = mistake?.value(props.name) ?? props.selected;
  const error = mistake?.problem(props.name);
  return (
    <fieldset class="field">
      <legend>{props.legend}</legend>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      {error ? <p class="error">{error}</p> : null}
      {props.options.map(([value, words, more]) => (
        <RadioChoice
          name={props.name}
          id={more?.id ?? `${props.name}-${value}`}
          value={value}
          label={words}
          lang={more?.lang}
          checked={value === selected}
        />
      ))}
    </fieldset>
  );
}

/** The summary at the top of a form that failed, linking to each field. */
export function ErrorSummary(props: {
  message?: string | undefined;
  problems?: readonly { path: string; message: string }[] | undefined;
  /** A refused form (src/http/action.ts): shown here, so the form route knows it was seen. */
  mistake?: Mistake | undefined;
}) {
  props.mistake?.markShown();
  const message = props.mistake?.error.message ?? props.message;
  const problems = props.mistake?.error.problems ?? props.problems;
  if (!message) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <p>{message}</p>
      {problems?.length ? (
        <ul>
          {problems.map((p) => (
            <li>
              <a href={`#${p.path}`}>{p.message}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
