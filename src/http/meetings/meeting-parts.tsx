import { formatInstant } from '../pages/dates.ts';

/** Pieces the meeting, motion and minutes pages share. */

/** An instant in the meeting's time zone, in full. */
export const when = (iso: string, timeZone: string) => formatInstant(iso, 'fullDateTime', timeZone);

/** A one-button form: an action on the page that needs no other input. */
export function Button(props: { action: string; label: string; fields?: Record<string, string> }) {
  return (
    <form method="post" action={props.action} class="inline">
      {Object.entries(props.fields ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit">{props.label}</button>{' '}
    </form>
  );
}

/** A labelled box for a paragraph of words, with its problem above it when it has one. */
export function TextArea(props: {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  rows?: number;
  required?: boolean;
}) {
  const errorId = props.error ? `${props.name}-error` : undefined;
  return (
    <div class="field">
      <label for={props.name}>{props.label}</label>
      {props.error ? (
        <p class="error" id={errorId}>
          {props.error}
        </p>
      ) : null}
      <textarea
        id={props.name}
        name={props.name}
        rows={props.rows ?? 3}
        required={props.required}
        aria-describedby={errorId}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}
