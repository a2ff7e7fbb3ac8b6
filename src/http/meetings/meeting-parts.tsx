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
