/**
 * Small pieces of the forms where people draft and cast votes, shared by the ballot pages and
 * the meeting pages.
 */

/** A checkbox with its label beside it: ticked sends `name=1`. */
export const Tick = (props: { name: string; label: string; checked: boolean }) => (
  <div class="field">
    <input type="checkbox" id={props.name} name={props.name} value="1" checked={props.checked} />{' '}
    <label for={props.name} class="inline">
      {props.label}
    </label>
  </div>
);

/** One radio button of a vote or a choice, with its label beside it. */
export const RadioChoice = (props: {
  name: string;
  id: string;
  value: string;
  label: string;
  checked?: boolean;
  required?: boolean;
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
    <label for={props.id} class="inline">
      {props.label}
    </label>
  </div>
);
