import type { MeetingView } from '../../app/meetings/view-meeting.ts';
import { t } from '../../messages/messages.ts';
import { Choice, Field, PostForm } from '../pages/forms.tsx';
import { asking, DangerButton } from '../pages/confirm.tsx';
import { Turnout } from '../pages/vote-parts.tsx';
import type { Mistake } from '../action.ts';
import { Button } from './meeting-parts.tsx';
import { RecordVote } from './schema.ts';

/**
 * The console's part for the vote on the question put (console-pages.tsx): a secret ballot's
 * turnout and its closing, or the vote taken in the room, by counts or by name.
 */

/** For and against in the console's words, offered by the vote by name and the casting vote. */
const SIDES = [
  ['for', 'console.for'],
  ['against', 'console.against'],
] as const;

interface Props {
  m: MeetingView;
  /** The console's address, where its forms post. */
  base: string;
  /** A refused vote, its figures shown again as typed (its message is at the top of the page). */
  mistake?: Mistake | undefined;
}

export /**
 * Counts for, against and abstaining, typed by the chair; after a refusal (more votes than
 * present, say), as they were typed, so one figure is corrected rather than three retyped.
 */
const CountFields = ({
  required,
  mistake,
}: {
  required?: boolean;
  mistake?: Mistake | undefined;
}) => (
  <>
    <Field
      name="for"
      type="number"
      label={t('console.for')}
      required={required}
      mistake={mistake}
    />
    <Field
      name="against"
      type="number"
      label={t('console.against')}
      required={required}
      mistake={mistake}
    />
    <Field
      name="abstain"
      type="number"
      label={t('console.abstain')}
      value="0"
      required={required}
      mistake={mistake}
    />
  </>
);

/** The vote on the question put: a secret ballot's turnout, or the vote taken in the room. */
export function TheVote({ m, base, mistake }: Props) {
  const put = m.questionPut;
  if (m.status !== 'open' || !put) return null;
  return (
    <section aria-labelledby="vote-heading">
      <h2 id="vote-heading">{t('console.vote', { wording: put.wording })}</h2>
      {put.ballot ? (
        <SecretBallot m={m} base={base} />
      ) : (
        <PostForm
          action={`${base}/vote`}
          fields={{ questionId: put.id, mode: put.mode }}
          submit={t('console.declare')}
        >
          {put.mode === 'show-of-hands' ? (
            <CountFields required mistake={mistake?.from(RecordVote)} />
          ) : (
            <ByName m={m} />
          )}
          {m.rules.tieRule === 'casting-vote' ? (
            <Choice
              name="castingVote"
              label={t('console.casting')}
              options={[
                ['', t('console.castingNone')],
                ...SIDES.map(([side, label]) => [side, t(label)] as const),
              ]}
            />
          ) : null}
        </PostForm>
      )}
    </section>
  );
}

/** What a member may answer in a vote by name: a side, abstaining, or no vote (the default). */
const ANSWERS_BY_NAME = [
  ...SIDES,
  ['abstain', 'console.abstainOne'],
  ['', 'console.noVote'],
] as const;

/**
 * Roll call and card vote: each member present answers by name, and for each member away whose
 * proxy they hold, named "X, by proxy held by Y".
 */
const ByName = ({ m }: { m: MeetingView }) =>
  [
    ...m.present.map((p) => ({ personId: p.personId, legend: p.name })),
    ...m.byProxy.map((p) => ({
      personId: p.personId,
      legend: t('console.byProxy', { name: p.name, holder: p.holderName }),
    })),
  ].map((p) => (
    <fieldset class="field">
      <legend>{p.legend}</legend>
      {ANSWERS_BY_NAME.map(([value, label]) => (
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
      <Turnout ballot={ballot} class="notice" />
      <script src="/assets/live.js" defer></script>
      {ballot.state === 'open' && ballot.paper ? (
        <PaperVoters ballotId={ballot.id} paper={ballot.paper} base={base} />
      ) : null}
      {ballot.state === 'open' ? (
        <DangerButton
          action={`${base}/close-ballot`}
          label={t('console.closeBallot')}
          fields={{ ballotId: ballot.id }}
          // Drawn now, said when the chair closes: the dialog leads with the turnout as it is
          // then; the page the server asks on (without JavaScript) counts it afresh.
          confirm={asking('closeBallot')}
          liveFrom="turnout"
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

type PaperSide = NonNullable<
  NonNullable<NonNullable<MeetingView['questionPut']>['ballot']>['paper']
>;

/**
 * Who votes how in a secret ballot of those present (src/domain/ballots/paper.ts): the numbers
 * online and on paper, marking members without a phone as voting on paper, issuing and printing
 * the numbered papers, and the tellers' count.
 */
function PaperVoters({
  ballotId,
  paper,
  base,
}: {
  ballotId: string;
  paper: PaperSide;
  base: string;
}) {
  const { turnout, electors } = paper;
  const onPaper = electors.filter((e) => e.paper);
  const markable = electors.filter((e) => !e.paper && !e.votedOnline);
  const toIssue = turnout.paper.electors - turnout.paper.issued;
  const counted = turnout.paper.returned !== null;
  return (
    <section aria-labelledby="paper-heading" id="paper">
      <h3 id="paper-heading">{t('paper.onPaper')}</h3>
      <p>
        {t('paper.turnout', {
          electorate: turnout.electorate,
          online: turnout.online.electors,
          voted: turnout.online.voted,
          paper: turnout.paper.electors,
        })}
      </p>
      {onPaper.length ? <p>{onPaper.map((e) => e.name).join(', ')}</p> : null}
      <p>
        {t('paper.issuedLine', { issued: turnout.paper.issued, paper: turnout.paper.electors })}{' '}
        {counted ? t('paper.returnedLine', { returned: turnout.paper.returned ?? 0 }) : null}
      </p>
      {toIssue > 0 && !counted ? (
        <Button
          action={`${base}/issue-papers`}
          label={t('paper.issue', { count: toIssue })}
          fields={{ ballotId }}
        />
      ) : null}
      {turnout.paper.issued > 0 ? (
        <p>
          <a href={`/ballots/${ballotId}/papers`}>{t('paper.print')}</a>
          {/* The tellers' count is the secretary's or a scrutineer's to enter, not the chair's. */}
          {paper.canCount ? (
            <>
              {' · '}
              <a href={`/ballots/${ballotId}/paper-count`}>{t('paper.countLink')}</a>
            </>
          ) : null}
        </p>
      ) : null}
      {markable.length && !counted ? (
        <PostForm action={`${base}/paper-voters`} fields={{ ballotId }} submit={t('paper.mark')}>
          <fieldset class="field">
            <legend>{t('paper.markHeading')}</legend>
            {markable.map((e) => (
              <span class="choice">
                <input
                  type="checkbox"
                  id={`paper-${e.personId}`}
                  name="personId"
                  value={e.personId}
                />{' '}
                <label for={`paper-${e.personId}`} class="inline">
                  {e.name}
                </label>{' '}
              </span>
            ))}
          </fieldset>
        </PostForm>
      ) : null}
    </section>
  );
}
