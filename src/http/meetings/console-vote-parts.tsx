import type { MeetingView } from '../../app/meetings/view-meeting.ts';
import { t } from '../../messages/messages.ts';
import { Field } from '../pages/layout.tsx';
import { Button } from './meeting-parts.tsx';

/**
 * The console's part for the vote on the question put (console-pages.tsx): a secret ballot's
 * turnout and its closing, or the vote taken in the room, by counts or by name.
 */

interface Props {
  m: MeetingView;
  /** The console's address, where its forms post. */
  base: string;
}

export /** Counts for, against and abstaining, typed by the chair. */
const CountFields = ({ required }: { required?: boolean }) => (
  <>
    <Field name="for" type="number" label={t('console.for')} required={required} />
    <Field name="against" type="number" label={t('console.against')} required={required} />
    <Field
      name="abstain"
      type="number"
      label={t('console.abstain')}
      value="0"
      required={required}
    />
  </>
);

/** The vote on the question put: a secret ballot's turnout, or the vote taken in the room. */
export function TheVote({ m, base }: Props) {
  const put = m.questionPut;
  if (m.status !== 'open' || !put) return null;
  return (
    <section aria-labelledby="vote-heading">
      <h2 id="vote-heading">{t('console.vote', { wording: put.wording })}</h2>
      {put.ballot ? (
        <SecretBallot m={m} base={base} />
      ) : (
        <form method="post" action={`${base}/vote`}>
          <input type="hidden" name="questionId" value={put.id} />
          <input type="hidden" name="mode" value={put.mode} />
          {put.mode === 'show-of-hands' ? <CountFields required /> : <ByName m={m} />}
          {m.rules.tieRule === 'casting-vote' ? (
            <div class="field">
              <label for="castingVote">{t('console.casting')}</label>
              <select id="castingVote" name="castingVote">
                <option value="">{t('console.castingNone')}</option>
                <option value="for">{t('console.for')}</option>
                <option value="against">{t('console.against')}</option>
              </select>
            </div>
          ) : null}
          <button type="submit">{t('console.declare')}</button>
        </form>
      )}
    </section>
  );
}

/** Roll call and card vote: each member present answers by name. */
const ByName = ({ m }: { m: MeetingView }) =>
  m.present.map((p) => (
    <fieldset class="field">
      <legend>{p.name}</legend>
      {(
        [
          ['for', 'console.for'],
          ['against', 'console.against'],
          ['abstain', 'console.abstainOne'],
          ['', 'console.noVote'],
        ] as const
      ).map(([value, label]) => (
        <span class="choice">
          <input
            type="radio"
            id={`choice-${p.personId}-${value || 'none'}`}
            name={`choice.${p.personId}`}
            value={value}
            checked={value === ''}
          />{' '}
          <label for={`choice-${p.personId}-${value || 'none'}`} class="inline">
            {t(label)}
          </label>{' '}
        </span>
      ))}
    </fieldset>
  ));

/** The question put to a secret ballot: its turnout, closing it, the casting vote on a tie. */
function SecretBallot({ m, base }: Props) {
  const put = m.questionPut!;
  const ballot = put.ballot!;
  return (
    <>
      <p>
        {ballot.weighted
          ? t('console.ballotCard')
          : t('console.ballot', { electorate: ballot.electorate })}{' '}
        (<a href={`/ballots/${ballot.id}`}>{t('console.ballotPage')}</a>)
      </p>
      <p
        id="turnout"
        class="notice"
        data-live-ballot={ballot.id}
        data-state={ballot.state}
        data-electorate={String(ballot.electorate)}
        data-template={t('ballot.turnout', { voted: '{voted}', electorate: '{electorate}' })}
        aria-live="polite"
        role="status"
      >
        {t('ballot.turnout', { voted: ballot.voted, electorate: ballot.electorate })}
      </p>
      <script src="/assets/live.js" defer></script>
      {ballot.state === 'open' ? (
        <Button
          action={`${base}/close-ballot`}
          label={t('console.closeBallot')}
          fields={{ ballotId: ballot.id }}
        />
      ) : ballot.counts ? (
        <>
          <p>{t('console.ballotEqual', { ...ballot.counts })}</p>
          {(
            [
              ['for', 'console.castFor'],
              ['against', 'console.castAgainst'],
              ['', 'console.castNone'],
            ] as const
          ).map(([castingVote, label]) => (
            <Button
              action={`${base}/vote`}
              label={t(label)}
              fields={{ questionId: put.id, mode: 'secret-ballot', castingVote }}
            />
          ))}
        </>
      ) : null}
    </>
  );
}
