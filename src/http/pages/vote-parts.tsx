import { t } from '../../messages/messages.ts';

/** Pieces of the votes shared by the ballot pages and the meeting pages. */

/**
 * A ballot's turnout, kept current by /assets/live.js over server-sent events (which reads its
 * `data-` attributes); without JavaScript it is as of the page's loading.
 */
export const Turnout = (props: {
  ballot: { id: string; state: string; voted: number; electorate: number };
  class?: string;
}) => (
  <p
    id="turnout"
    class={props.class}
    data-live-ballot={props.ballot.id}
    data-state={props.ballot.state}
    data-electorate={String(props.ballot.electorate)}
    data-template={t('ballot.turnout', { voted: '{voted}', electorate: '{electorate}' })}
    aria-live="polite"
    role="status"
  >
    {t('ballot.turnout', { voted: props.ballot.voted, electorate: props.ballot.electorate })}
  </p>
);
