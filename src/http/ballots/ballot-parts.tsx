import type { BallotForViewer, BallotView } from '../../app/ballots/view-ballot.ts';
import {
  BALLOT_KINDS,
  type BallotKind,
  type BallotOptions,
  type BallotResult,
} from '../../domain/ballots/ballot.ts';
import { METHOD_NAMES } from '../../domain/tally/count.ts';
import { t, type MessageKey } from '../../messages/messages.ts';
import type { Mistake } from '../action.ts';
import { CountView } from '../pages/count-view.tsx';
import { ListOrNone, Table } from '../pages/kit.tsx';
import { ClauseList } from '../pages/motion-text.tsx';
import {
  Choice,
  Field,
  LinkButton,
  PostForm,
  RadioChoice,
  RadioGroup,
  TextArea,
  Tick,
} from '../pages/forms.tsx';
import { CreateBallot, Nominate } from './schema.ts';

/**
 * The parts of the ballot pages: the form that drafts a ballot, the nominations of an election,
 * the voting form, and the result.
 */

/** What every draft ballot asks: the question, its kind, and its options or candidates. */
export const QuestionFields = (props: {
  kinds: readonly BallotKind[];
  optionsError?: string | undefined;
  optionsHint?: string | undefined;
}) => (
  <>
    <Field
      name="question"
      label={t('ballots.question')}
      hint={t('ballots.questionHint')}
      required
    />
    <RadioGroup
      name="kind"
      legend={t('ballots.kind')}
      options={props.kinds.map((k) => [k, t(`ballots.kind.${k}`)] as const)}
      selected="yes-no"
    />
    <TextArea
      name="options"
      label={t('ballots.options')}
      hint={props.optionsHint ?? t('ballots.optionsHint')}
      error={props.optionsError}
      rows={5}
    />
  </>
);

/**
 * When a draft opens and closes by itself: local times in the time zone given (both optional:
 * left empty, its officers open and close it by hand).
 */
export const TimetableFields = ({ mistake }: { mistake?: Mistake | undefined }) => (
  <>
    <Field
      name="opensAt"
      type="datetime-local"
      label={t('ballots.opensAt')}
      hint={t('ballots.opensAtHint')}
      mistake={mistake}
    />
    <Field
      name="closesAt"
      type="datetime-local"
      label={t('ballots.closesAt')}
      hint={t('ballots.closesAtHint')}
      mistake={mistake}
    />
    <Field name="timeZone" label={t('ballots.timeZone')} value="Europe/London" mistake={mistake} />
  </>
);

/** Drafting a ballot; a refused draft comes back with what was typed and what is wrong. */
export function DraftBallotForm({ bodyId, mistake }: { bodyId: string; mistake?: Mistake }) {
  const refused = mistake?.from(CreateBallot);
  return (
    <PostForm
      action={`/bodies/${bodyId}/ballots`}
      heading={t('ballots.new')}
      mistake={refused}
      submit={t('ballots.create')}
    >
      <QuestionFields kinds={BALLOT_KINDS} optionsError={refused?.problem('candidates')} />
      <Field name="seats" type="number" label={t('ballots.seats')} value="1" />
      <Choice
        name="method"
        label={t('ballots.method')}
        options={METHOD_NAMES.map((m) => [m, t(`method.${m}`)] as const)}
        selected="scottish-stv"
      />
      <Tick name="secret" label={t('ballots.secret')} checked />
      <Tick name="weighted" label={t('ballots.weighted')} />
      <TimetableFields mistake={refused} />
    </PostForm>
  );
}

/** The candidates of an election in draft, its nominations, seconding and nominating. */
export function Nominations({ ballot, mistake }: { ballot: BallotForViewer; mistake?: Mistake }) {
  const refused = mistake?.from(Nominate);
  return (
    <section aria-labelledby="nominations-heading">
      <h2 id="nominations-heading">{t('nominations.title')}</h2>
      <p class="hint">{t('nominations.rule')}</p>
      {ballot.options.kind === 'ranked' && ballot.options.candidates.length ? (
        <ul>
          {ballot.options.candidates.map((name) => (
            <li>{name}</li>
          ))}
        </ul>
      ) : null}
      <ListOrNone
        items={ballot.nominations}
        none={t('nominations.none')}
        item={(n) => (
          <>
            <strong>{n.candidate}</strong>, {t('nominations.proposedBy', { name: n.proposer })},{' '}
            {n.seconder
              ? t('nominations.secondedBy', { name: n.seconder })
              : t('nominations.unseconded')}
            {!n.seconder && !n.involved && ballot.me.member ? (
              <>
                {' '}
                <LinkButton
                  action={`/ballots/${ballot.id}/nominations/${n.id}/second`}
                  label={t('nominations.second', { name: n.candidate })}
                />
              </>
            ) : null}
          </>
        )}
      />
      <PostForm action={`/ballots/${ballot.id}/nominations`} submit={t('nominations.submit')}>
        <h3>{t('nominations.nominate')}</h3>
        <Field
          name="candidate"
          label={t('nominations.candidate')}
          hint={t('nominations.candidateHint')}
          error={refused?.error.code === 'NOMINATION_INVALID' ? refused.error.message : undefined}
          mistake={refused}
          required
        />
      </PostForm>
    </section>
  );
}

const YES_NO_LABELS = [
  ['for', 'ballot.voteFor'],
  ['against', 'ballot.voteAgainst'],
  ['abstain', 'ballot.voteAbstain'],
] as const;

/** The voting form: radio buttons for a question or a choice, one select per candidate to rank. */
export function VoteForm({
  ballot,
  behalf,
}: {
  ballot: BallotView;
  /** A vote cast with a proxy (proxies.ts): the giver, named in the form and sent unseen. */
  behalf?: { readonly giverId: string; readonly giverName: string; readonly n: number };
}) {
  const o = ballot.options;
  // Each form on the page has its own ids: the holder's own, and one per proxy.
  const pre = behalf ? `p${behalf.n}-` : '';
  return (
    <PostForm
      action={`/ballots/${ballot.id}/vote`}
      submit={behalf ? t('proxy.castFor', { name: behalf.giverName }) : t('ballot.castVote')}
      {...(behalf ? { fields: { onBehalfOf: behalf.giverId } } : {})}
    >
      <fieldset>
        <legend>
          {behalf ? t('proxy.voteFor', { name: behalf.giverName }) : t('ballot.yourVote')}
        </legend>
        {o.kind === 'yes-no' ? (
          YES_NO_LABELS.map(([value, label]) => (
            <RadioChoice
              name="choice"
              id={`${pre}choice-${value}`}
              value={value}
              label={t(label)}
              required
            />
          ))
        ) : o.kind === 'choice' ? (
          o.options.map((label, i) => (
            <RadioChoice
              name="choice"
              id={`${pre}choice-${i}`}
              value={String(i)}
              label={label}
              required
            />
          ))
        ) : (
          <>
            <p class="hint">{t('ballot.rankHint')}</p>
            {o.candidates.map((name, i) => (
              <Choice
                name={`rank.${i}`}
                id={`${pre}rank-${i}`}
                label={name}
                options={[
                  ['', t('ballot.notRanked')],
                  ...o.candidates.map(
                    (_, p) => [String(p + 1), t('ballot.preference', { n: p + 1 })] as const,
                  ),
                ]}
              />
            ))}
          </>
        )}
      </fieldset>
    </PostForm>
  );
}

/** A stored choice as people read it: for/against/abstain, an option, or a ranking of names. */
export function choiceLabel(options: BallotOptions, choice: string): string {
  if (options.kind === 'yes-no')
    return t(`ballot.vote${choice[0]!.toUpperCase()}${choice.slice(1)}` as MessageKey);
  if (options.kind === 'choice') return options.options[Number(choice)] ?? choice;
  return choice
    .split(' ')
    .map((c) => options.candidates[Number(c)] ?? c)
    .join(' > ');
}

/** The declared result: the outcome or those elected, the votes, and an election's count. */
export function ResultView({ result, options }: { result: BallotResult; options: BallotOptions }) {
  const rows: [string, number][] =
    result.kind === 'yes-no'
      ? [
          [t('ballot.voteFor'), result.for],
          [t('ballot.voteAgainst'), result.against],
          [t('ballot.voteAbstain'), result.abstain],
        ]
      : result.kind === 'choice' && options.kind === 'choice'
        ? options.options.map((label, i) => [label, result.counts[i] ?? 0])
        : [];
  return (
    <section aria-labelledby="result-heading">
      <h2 id="result-heading">{t('ballot.result')}</h2>
      {result.kind === 'yes-no' ? (
        <p class="notice">
          <strong>{t(`ballot.outcome.${result.outcome}`)}</strong> (
          {t(`threshold.${result.threshold}`)})
        </p>
      ) : null}
      {result.kind === 'ranked' && options.kind === 'ranked' ? (
        <p class="notice">
          <strong>
            {t('ballot.elected', {
              names: result.count.winners.map((w) => options.candidates[w]).join(', '),
            })}
          </strong>
        </p>
      ) : null}
      {rows.length ? (
        <Table headings={[t('ballot.count.option'), t('ballot.count.votes')]}>
          {rows.map(([label, n]) => (
            <tr>
              <td>{label}</td>
              <td>{n}</td>
            </tr>
          ))}
        </Table>
      ) : null}
      <p>{t('ballot.turnout', { voted: result.votes, electorate: result.electorate })}</p>
      {result.kind === 'ranked' ? <CountView count={result.count} /> : null}
    </section>
  );
}

/** The top of a ballot's page: back to the body's ballots, the question, what is voted on. */
export const BallotHeading = ({ ballot: b }: { ballot: BallotForViewer }) => (
  <>
    <p>
      <a href={`/bodies/${b.bodyId}/ballots`}>{t('body.ballots')}</a>
    </p>
    <h1>{b.question}</h1>
    {b.meeting?.motionText ? (
      <section aria-labelledby="motion-text-heading">
        <h2 id="motion-text-heading">{t('ballot.motionText')}</h2>
        <ClauseList text={b.meeting.motionText} titled />
      </section>
    ) : null}
  </>
);
