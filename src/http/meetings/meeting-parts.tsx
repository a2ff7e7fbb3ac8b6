import { formatInstant } from '../pages/dates.ts';
import { PostForm } from '../pages/forms.tsx';

/** Pieces the meeting, motion and minutes pages share. */

/** An instant in the meeting's time zone, in full. */
export const when = (iso: string, timeZone: string) => formatInstant(iso, 'fullDateTime', timeZone);

/** A one-button form: an action on the page that needs no other input. */
export const Button = (props: {
  action: string;
  label: string;
  fields?: Record<string, string>;
}) => (
  <>
    <PostForm
      action={props.action}
      fields={props.fields}
      submit={props.label}
      class="inline"
    />{' '}
  </>
);
