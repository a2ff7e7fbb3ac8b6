import { Hono } from 'hono';
import { castBallot } from '../../app/ballots/cast-ballot.ts';
import { closeBallot } from '../../app/ballots/close-ballot.ts';
import { createBallot } from '../../app/ballots/create-ballot.ts';
import { nominate, secondNomination } from '../../app/ballots/nominate.ts';
import { openBallot } from '../../app/ballots/open-ballot.ts';
import {
  checkReceipt,
  listBallots,
  publishedBox,
  viewBallot,
  type BallotView,
  type BallotForViewer,
} from '../../app/ballots/view-ballot.ts';
import { viewBody } from '../../app/organisations/view-organisation.ts';
import {
  BALLOT_KINDS,
  type BallotOptions,
  type BallotResult,
} from '../../domain/ballots/ballot.ts';
import type { DomainError } from '../../domain/errors.ts';
import { METHOD_NAMES } from '../../domain/tally/count.ts';
import type { MethodName } from '../../domain/tally/types.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { t, type MessageKey } from '../../messages/messages.ts';
import {
  attempt,
  form,
  page,
  problemFor,
  requireSignedIn,
  SealedBy,
  statusOf,
  type C,
} from '../pages/kit.tsx';
import { CountView } from '../pages/count-view.tsx';
import { ErrorSummary, Field } from '../pages/layout.tsx';
import { formatInstant } from '../pages/dates.ts';

/**
 * Ballot pages: list and draft a body's ballots; the ballot itself, with a voting form that
 * works on a small phone, without JavaScript and with a screen reader; receipts; results. With
 * JavaScript, /assets/live.js keeps the turnout current and shows the result when it closes.
 */
export function ballotRoutes({ ctx }: HttpOptions) {
  const web = new Hono<HttpEnv>();

  const listPage = async (
    c: C,
    bodyId: string,
    values: Record<string, string> = {},
    error?: DomainError,
  ) => {
    const { actor } = requireSignedIn(c);
    const [{ ballots, canRun }, body] = await Promise.all([
      listBallots(ctx, { actor, bodyId }),
      viewBody(ctx, { actor, bodyId }),
    ]);
    return page(
      c,
      t('ballots.title', { body: body.body.name }),
      <>
        <p>
          <a href={`/bodies/${bodyId}`}>{body.body.name}</a>
        </p>
        <h1>{t('ballots.title', { body: body.body.name })}</h1>
        {ballots.length ? (
          <ul>
            {ballots.map((b) => (
              <li>
                <a href={`/ballots/${b.id}`}>{b.question}</a>{' '}
                <span class="kind">{t(`ballot.state.${b.state}`)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('ballots.none')}</p>
        )}
        {canRun ? (
          <form method="post" action={`/bodies/${bodyId}/ballots`}>
            <h2>{t('ballots.new')}</h2>
            <ErrorSummary message={error?.message} problems={error?.problems} />
            <Field
              name="question"
              label={t('ballots.question')}
              hint={t('ballots.questionHint')}
              value={values.question}
              error={problemFor(error, 'question')}
              required
            />
            <fieldset class="field">
              <legend>{t('ballots.kind')}</legend>
              {BALLOT_KINDS.map((k) => (
                <div>
                  <input
                    type="radio"
                    id={`kind-${k}`}
                    name="kind"
                    value={k}
                    checked={(values.kind ?? 'yes-no') === k}
                  />{' '}
                  <label for={`kind-${k}`} class="inline">
                    {t(`ballots.kind.${k}`)}
                  </label>
                </div>
              ))}
            </fieldset>
            <div class="field">
              <label for="options">{t('ballots.options')}</label>
              <p class="hint" id="options-hint">
                {t('ballots.optionsHint')}
              </p>
              {problemFor(error, 'options') || problemFor(error, 'candidates') ? (
                <p class="error">
                  {problemFor(error, 'options') ?? problemFor(error, 'candidates')}
                </p>
              ) : null}
              <textarea id="options" name="options" rows={5} aria-describedby="options-hint">
                {values.options ?? ''}
              </textarea>
            </div>
            <Field
              name="seats"
              type="number"
              label={t('ballots.seats')}
              value={values.seats ?? '1'}
              error={problemFor(error, 'seats')}
            />
            <div class="field">
              <label for="method">{t('ballots.method')}</label>
              <select id="method" name="method">
                {METHOD_NAMES.map((m) => (
                  <option value={m} selected={(values.method ?? 'scottish-stv') === m}>
                    {m}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <input
                type="checkbox"
                id="secret"
                name="secret"
                value="1"
                checked={values.secret !== undefined ? values.secret === '1' : true}
              />{' '}
              <label for="secret" class="inline">
                {t('ballots.secret')}
              </label>
            </div>
            <div class="field">
              <input
                type="checkbox"
                id="weighted"
                name="weighted"
                value="1"
                checked={values.weighted === '1'}
              />{' '}
              <label for="weighted" class="inline">
                {t('ballots.weighted')}
              </label>
            </div>
            <button type="submit">{t('ballots.create')}</button>
          </form>
        ) : null}
      </>,
      error ? statusOf(error) : 200,
    );
  };
  web.get('/bodies/:id/ballots', (c) => listPage(c, c.req.param('id')));
  web.post('/bodies/:id/ballots', async (c) => {
    const { actor } = requireSignedIn(c);
    const bodyId = c.req.param('id');
    const f = await form(c);
    const lines = (f.options ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const kind = (BALLOT_KINDS as readonly string[]).includes(f.kind ?? '')
      ? (f.kind as BallotOptions['kind'])
      : 'yes-no';
    const options: BallotOptions =
      kind === 'yes-no'
        ? { kind }
        : kind === 'choice'
          ? { kind, options: lines }
          : {
              kind,
              candidates: lines,
              seats: Number(f.seats || 1),
              method: (f.method ?? 'scottish-stv') as MethodName,
            };
    const result = await attempt(
      () =>
        createBallot(ctx, {
          actor,
          bodyId,
          question: f.question ?? '',
          options,
          secret: f.secret === '1',
          weighted: f.weighted === '1',
        }),
      (e) => listPage(c, bodyId, { ...f, secret: f.secret ?? '0' }, e),
    );
    if (!result.ok) return result.response;
    return c.redirect(`/ballots/${result.value.ballotId}`, 303);
  });

  const ballotPage = async (
    c: C,
    ballotId: string,
    state: {
      error?: DomainError;
      receipt?: string;
      check?: { found: boolean; counted: boolean };
    } = {},
  ) => {
    const { actor } = requireSignedIn(c);
    const b = await viewBallot(ctx, { actor, ballotId });
    const { error } = state;
    return page(
      c,
      b.question,
      <>
        <p>
          <a href={`/bodies/${b.bodyId}/ballots`}>{t('body.ballots')}</a>
        </p>
        <h1>{b.question}</h1>
        <p class="kind">
          {t(`ballot.state.${b.state}`)} · {b.secret ? t('ballot.secret') : t('ballot.open')}
        </p>
        {b.meeting ? (
          <p>
            {t('ballot.ofMeeting')}{' '}
            <a href={`/meetings/${b.meeting.meetingId}`}>{t('ballot.toMeeting')}</a>
            {b.meeting.declared ? (
              <>
                {' '}
                <strong>{t('ballot.declaredAtMeeting', { declared: b.meeting.declared })}</strong>
              </>
            ) : null}
          </p>
        ) : null}
        {b.state !== 'draft' ? (
          <p
            id="turnout"
            data-live-ballot={b.id}
            data-state={b.state}
            data-electorate={String(b.electorate)}
            data-template={t('ballot.turnout', { voted: '{voted}', electorate: '{electorate}' })}
            aria-live="polite"
            role="status"
          >
            {t('ballot.turnout', { voted: b.voted, electorate: b.electorate })}
          </p>
        ) : null}
        {b.closesAt && b.state === 'open' ? (
          <p>{t('ballot.closes', { when: formatInstant(b.closesAt, 'dateTime') })}</p>
        ) : null}
        <ErrorSummary message={error?.message} />
        {state.receipt ? (
          <div class="notice" role="status">
            <p>
              <strong>{t('ballot.recorded')}</strong>
            </p>
            <p>{t('ballot.receipt', { receipt: state.receipt })}</p>
            <p class="hint">{t('ballot.receiptHint')}</p>
          </div>
        ) : b.state === 'open' && b.me.voted ? (
          <p class="notice">{t('ballot.alreadyVoted')}</p>
        ) : b.state === 'open' && !b.me.eligible ? (
          <p>{t('ballot.notElector')}</p>
        ) : b.state === 'open' ? (
          <VoteForm ballot={b} />
        ) : null}
        {b.kind === 'ranked' && b.state === 'draft' ? (
          <Nominations ballot={b} error={error} />
        ) : null}
        {b.result ? <ResultView result={b.result} options={b.options} /> : null}
        <SealedBy hash={b.resultHash} />
        {b.namedVotes ? (
          <ul>
            {b.namedVotes.map((v) => (
              <li>
                {v.name}: {choiceLabel(b.options, v.choice)}
                {b.weighted ? ` (${v.weight})` : ''}
              </li>
            ))}
          </ul>
        ) : null}
        {b.state === 'closed' ? (
          <p>
            <a href={`/ballots/${b.id}/box.json`}>{t('ballot.box')}</a>
            {b.kind === 'ranked' ? (
              <>
                {' · '}
                <a href={`/ballots/${b.id}/box.blt`}>{t('ballot.boxBlt')}</a>
              </>
            ) : null}
          </p>
        ) : null}
        {b.canRun && b.state !== 'closed' ? (
          <form method="post" action={`/ballots/${b.id}/${b.state === 'draft' ? 'open' : 'close'}`}>
            <button type="submit">
              {b.state === 'draft' ? t('ballot.openIt') : t('ballot.closeIt')}
            </button>
          </form>
        ) : null}
        {b.state !== 'draft' && b.secret ? (
          <form method="post" action={`/ballots/${b.id}/receipt`}>
            <h2>{t('ballot.checkReceipt')}</h2>
            {state.check ? (
              <p role="status" class="notice">
                {state.check.counted
                  ? t('ballot.receiptCounted')
                  : state.check.found
                    ? t('ballot.receiptFound')
                    : t('ballot.receiptMissing')}
              </p>
            ) : null}
            <Field name="receipt" label={t('ballot.receiptCode')} required />
            <button type="submit">{t('ballot.check')}</button>
          </form>
        ) : null}
        <script src="/assets/live.js" defer></script>
      </>,
      error ? statusOf(error) : 200,
    );
  };

  web.get('/ballots/:id', (c) => ballotPage(c, c.req.param('id')));
  web.post('/ballots/:id/vote', async (c) => {
    const { actor } = requireSignedIn(c);
    const ballotId = c.req.param('id');
    const body = await c.req.parseBody({ all: true });
    // A ranking arrives as one select per candidate: rank.<candidate> = preference number.
    const ranks = Object.entries(body)
      .flatMap(([k, v]) =>
        k.startsWith('rank.') && typeof v === 'string' && v
          ? [[Number(k.slice(5)), Number(v)] as const]
          : [],
      )
      .sort((a, b) => a[1] - b[1]);
    const duplicate = ranks.some((r, i) => i > 0 && ranks[i - 1]![1] === r[1]);
    const choice = ranks.length
      ? duplicate
        ? [ranks[0]![0], ranks[0]![0]]
        : ranks.map((r) => r[0])
      : body.choice;
    const result = await attempt(
      () => castBallot(ctx, { actor, ballotId, choice }),
      (e) => ballotPage(c, ballotId, { error: e }),
    );
    if (!result.ok) return result.response;
    return ballotPage(c, ballotId, { receipt: result.value.receipt });
  });
  web.post('/ballots/:id/nominations', async (c) => {
    const { actor } = requireSignedIn(c);
    const ballotId = c.req.param('id');
    const f = await form(c);
    const result = await attempt(
      () => nominate(ctx, { actor, ballotId, candidate: f.candidate ?? '' }),
      (e) => ballotPage(c, ballotId, { error: e }),
    );
    return result.ok ? c.redirect(`/ballots/${ballotId}`, 303) : result.response;
  });
  web.post('/ballots/:id/nominations/:nomination/second', async (c) => {
    const { actor } = requireSignedIn(c);
    const ballotId = c.req.param('id');
    const result = await attempt(
      () => secondNomination(ctx, { actor, nominationId: c.req.param('nomination') }),
      (e) => ballotPage(c, ballotId, { error: e }),
    );
    return result.ok ? c.redirect(`/ballots/${ballotId}`, 303) : result.response;
  });
  web.post('/ballots/:id/open', async (c) => {
    const { actor } = requireSignedIn(c);
    const ballotId = c.req.param('id');
    const result = await attempt(
      () => openBallot(ctx, { actor, ballotId }),
      (e) => ballotPage(c, ballotId, { error: e }),
    );
    return result.ok ? c.redirect(`/ballots/${ballotId}`, 303) : result.response;
  });
  web.post('/ballots/:id/close', async (c) => {
    const { actor } = requireSignedIn(c);
    const ballotId = c.req.param('id');
    const result = await attempt(
      () => closeBallot(ctx, { actor, ballotId }),
      (e) => ballotPage(c, ballotId, { error: e }),
    );
    return result.ok ? c.redirect(`/ballots/${ballotId}`, 303) : result.response;
  });
  web.post('/ballots/:id/receipt', async (c) => {
    const { actor } = requireSignedIn(c);
    const ballotId = c.req.param('id');
    const f = await form(c);
    const check = await checkReceipt(ctx, { actor, ballotId, receipt: f.receipt ?? '' });
    return ballotPage(c, ballotId, { check });
  });
  web.get('/ballots/:id/box.json', async (c) => {
    const { actor } = requireSignedIn(c);
    const box = await publishedBox(ctx, { actor, ballotId: c.req.param('id') });
    c.header('Content-Disposition', `attachment; filename="ballot-${box.ballotId}.json"`);
    return c.json(box);
  });
  web.get('/ballots/:id/box.blt', async (c) => {
    const { actor } = requireSignedIn(c);
    const box = await publishedBox(ctx, { actor, ballotId: c.req.param('id') });
    c.header('Content-Disposition', `attachment; filename="ballot-${box.ballotId}.blt"`);
    return c.body(box.blt ?? '', 200, { 'Content-Type': 'text/plain; charset=utf-8' });
  });
  return web;
}

function Nominations({
  ballot,
  error,
}: {
  ballot: BallotForViewer;
  error?: DomainError | undefined;
}) {
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
      {ballot.nominations.length ? (
        <ul>
          {ballot.nominations.map((n) => (
            <li>
              <strong>{n.candidate}</strong>, {t('nominations.proposedBy', { name: n.proposer })},{' '}
              {n.seconder
                ? t('nominations.secondedBy', { name: n.seconder })
                : t('nominations.unseconded')}
              {!n.seconder && !n.involved && ballot.me.member ? (
                <form
                  method="post"
                  action={`/ballots/${ballot.id}/nominations/${n.id}/second`}
                  class="inline"
                >
                  {' '}
                  <button type="submit" class="link">
                    {t('nominations.second', { name: n.candidate })}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('nominations.none')}</p>
      )}
      <form method="post" action={`/ballots/${ballot.id}/nominations`}>
        <h3>{t('nominations.nominate')}</h3>
        <Field
          name="candidate"
          label={t('nominations.candidate')}
          hint={t('nominations.candidateHint')}
          error={error?.code === 'NOMINATION_INVALID' ? error.message : undefined}
          required
        />
        <button type="submit">{t('nominations.submit')}</button>
      </form>
    </section>
  );
}

function VoteForm({ ballot }: { ballot: BallotView }) {
  const o = ballot.options;
  return (
    <form method="post" action={`/ballots/${ballot.id}/vote`}>
      <fieldset>
        <legend>{t('ballot.yourVote')}</legend>
        {o.kind === 'yes-no' ? (
          (
            [
              ['for', 'ballot.voteFor'],
              ['against', 'ballot.voteAgainst'],
              ['abstain', 'ballot.voteAbstain'],
            ] as const
          ).map(([value, label]) => (
            <div class="choice">
              <input type="radio" id={`choice-${value}`} name="choice" value={value} required />{' '}
              <label for={`choice-${value}`} class="inline">
                {t(label)}
              </label>
            </div>
          ))
        ) : o.kind === 'choice' ? (
          o.options.map((label, i) => (
            <div class="choice">
              <input type="radio" id={`choice-${i}`} name="choice" value={String(i)} required />{' '}
              <label for={`choice-${i}`} class="inline">
                {label}
              </label>
            </div>
          ))
        ) : (
          <>
            <p class="hint">{t('ballot.rankHint')}</p>
            {o.candidates.map((name, i) => (
              <div class="field">
                <label for={`rank-${i}`}>{name}</label>
                <select id={`rank-${i}`} name={`rank.${i}`}>
                  <option value="">{t('ballot.notRanked')}</option>
                  {o.candidates.map((_, p) => (
                    <option value={String(p + 1)}>{t('ballot.preference', { n: p + 1 })}</option>
                  ))}
                </select>
              </div>
            ))}
          </>
        )}
      </fieldset>
      <button type="submit">{t('ballot.castVote')}</button>
    </form>
  );
}

function choiceLabel(options: BallotOptions, choice: string): string {
  if (options.kind === 'yes-no')
    return t(`ballot.vote${choice[0]!.toUpperCase()}${choice.slice(1)}` as MessageKey);
  if (options.kind === 'choice') return options.options[Number(choice)] ?? choice;
  return choice
    .split(' ')
    .map((c) => options.candidates[Number(c)] ?? c)
    .join(' > ');
}

function ResultView({ result, options }: { result: BallotResult; options: BallotOptions }) {
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
        <table>
          <thead>
            <tr>
              <th scope="col">{t('ballot.count.option')}</th>
              <th scope="col">{t('ballot.count.votes')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, n]) => (
              <tr>
                <td>{label}</td>
                <td>{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p>{t('ballot.turnout', { voted: result.votes, electorate: result.electorate })}</p>
      {result.kind === 'ranked' ? <CountView count={result.count} /> : null}
    </section>
  );
}
