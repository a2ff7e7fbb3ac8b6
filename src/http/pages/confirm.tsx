import type { Context } from 'hono';
import { t } from '../../messages/messages.ts';
import type { Confirmation, FormFields } from '../action.ts';
import type { HttpEnv } from '../env.ts';
import { pageAddress, titledPage } from './kit.tsx';

/**
 * Steps that cannot be undone (cancelling a meeting, removing a member, inviting everyone) ask
 * before they act. Without JavaScript the server asks: a form route given `confirm` (action.ts)
 * answers a post without `confirm=yes` with the confirmation page below, which restates the step
 * and its consequence and sends the same fields again with `confirm=yes`. With JavaScript the
 * button's own form asks in a native <dialog> (src/client/confirm.ts) from the words it carries,
 * and sends `confirm=yes` itself, so the page is never needed. Either way, one tap never acts.
 */

/** The steps that ask, each with its words in the catalogues (`confirm.<step>.*`). */
export type Asking =
  | 'cancelMeeting'
  | 'closeMeeting'
  | 'removeItem'
  | 'invite'
  | 'redraft'
  | 'removeMember'
  | 'closeBallot'
  | 'closeBallotWaiting';

/** The words of a step's confirmation, in the reader's language. */
export const asking = (step: Asking, vars: Record<string, string | number> = {}): Confirmation => ({
  title: t(`confirm.${step}.title`, vars),
  consequence: t(`confirm.${step}.consequence`, vars),
  yes: t(`confirm.${step}.yes`, vars),
});

/**
 * The words before a ballot closes: with anyone yet to vote (online, or a paper not yet counted),
 * how many, so the chair closes early knowingly (the close refuses otherwise, CLOSE_NOT_CONFIRMED).
 */
export const closeBallotAsks = (ballot: {
  voted: number;
  electorate: number;
  paper?: { turnout: { notVoted: number; electorate: number } } | null | undefined;
}): Confirmation => {
  const { notVoted, electorate } = ballot.paper?.turnout ?? {
    notVoted: Math.max(0, ballot.electorate - ballot.voted),
    electorate: ballot.electorate,
  };
  return notVoted > 0
    ? asking('closeBallotWaiting', { notVoted, electorate })
    : asking('closeBallot');
};

/**
 * The button of a step that cannot be undone: styled as danger, set apart from the others, and
 * carrying the words its dialog asks with (the same the server's confirmation page says).
 */
export const DangerButton = (props: {
  action: string;
  label: string;
  confirm: Confirmation;
  fields?: Record<string, string>;
  /**
   * The id of a live element whose text, as it stands when the dialog opens, goes before the
   * consequence (a ballot's turnout, which rises after the page was drawn).
   */
  liveFrom?: string;
}) => (
  <form
    method="post"
    action={props.action}
    class="inline danger-zone"
    data-confirm={props.confirm.title}
    data-consequence={props.confirm.consequence}
    data-live-from={props.liveFrom}
    data-yes={props.confirm.yes}
    data-back={t('confirm.back')}
  >
    {Object.entries(props.fields ?? {}).map(([name, value]) => (
      <input type="hidden" name={name} value={value} />
    ))}
    <button type="submit" class="danger">
      {props.label}
    </button>
    <script type="module" src="/assets/confirm.js"></script>
  </form>
);

/**
 * The page that asks before a step that cannot be undone: what it is, what follows, "Yes, …"
 * (the same form again, with every field sent and `confirm=yes`) and the way back to the page the
 * form came from, which does nothing.
 */
export function confirmationPage(c: Context<HttpEnv>, words: Confirmation, sent: FormFields) {
  const fields = Object.entries(sent).flatMap(([name, value]) =>
    name === 'confirm' ? [] : (typeof value === 'string' ? [value] : value).map((v) => [name, v]),
  );
  return titledPage(
    c,
    words.title,
    <>
      <p class="warning" id="consequence">
        {words.consequence}
      </p>
      <form method="post" action={c.req.path} class="confirm">
        {fields.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" class="danger">
          {words.yes}
        </button>{' '}
        <a href={pageAddress(c)} class="back">
          {t('confirm.back')}
        </a>
      </form>
    </>,
  );
}
