import type { Hono } from 'hono';
import { closeE2eBallot } from '../../app/ballots/close-e2e-ballot.ts';
import { createE2eBallot } from '../../app/ballots/create-e2e-ballot.ts';
import { openE2eBallot } from '../../app/ballots/open-e2e-ballot.ts';
import { listBallots, type BallotForViewer } from '../../app/ballots/view-ballot.ts';
import { forbidden } from '../../domain/errors.ts';
import { viewE2eBallot } from '../../app/ballots/view-e2e-ballot.ts';
import { YES_NO } from '../../domain/ballots/ballot.ts';
import { THRESHOLDS } from '../../domain/organisations/standing-orders.ts';
import { METHOD_NAMES } from '../../domain/tally/count.ts';
import type { TrusteeSetup, VerifySetup, VoteSetup } from '../../client/setups.ts';
import { t } from '../../messages/messages.ts';
import { formRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import {
  Choice,
  ErrorSummary,
  Field,
  PostForm,
  RadioGroup,
  TextArea,
  Tick,
} from '../pages/forms.tsx';
import {
  actorOn,
  keptPage,
  page,
  type pageForms,
  requireSignedIn,
  SealedBy,
  Table,
  titledPage,
  type C,
} from '../pages/kit.tsx';
import {
  BallotHeading,
  choiceLabel,
  QuestionFields,
  ResultView,
  TimetableFields,
} from './ballot-parts.tsx';
import { CloseE2eBallot, CreateE2eBallot, e2eDraftOf, OpenE2eBallot } from './e2e-schema.ts';
import { MixHelp, mixSetup, RankingForm, stageWords } from './e2e-ranked-parts.tsx';
import { holdWords } from './proxy-pages.tsx';

type Ctx = HttpOptions['ctx'];
export type E2eView = Awaited<ReturnType<typeof viewE2eBallot>>;

/**
 * Pages of end-to-end verifiable ballots (docs/e2e-protocol.md): drafting one with its key
 * holders; opening and closing it. The ballot page itself is `e2eBallotPage`, which the ballot
 * page shows for such a ballot.
 */
export function e2eBallotPageRoutes(
  web: Hono<HttpEnv>,
  ctx: Ctx,
  ballotForm: ReturnType<typeof pageForms>,
) {
  const draftPage = (c: C, mistake?: Mistake) =>
    titledPage(
      c,
      t('e2e.draft.title'),
      <DraftE2eBallotForm bodyId={c.req.param('id')!} mistake={mistake} />,
      mistake,
    );
  web.get('/bodies/:id/verifiable-ballots', async (c) => {
    // The form is for those who run the body's ballots; others are refused as drafting would be.
    const { canRun } = await listBallots(ctx, {
      actor: requireSignedIn(c).actor,
      bodyId: c.req.param('id')!,
    });
    if (!canRun) throw forbidden();
    return draftPage(c);
  });
  formRoute(web, '/bodies/:id/verifiable-ballots', CreateE2eBallot, {
    run: ({ c }, input) => createE2eBallot(ctx, { ...actorOn(c, 'bodyId'), ...e2eDraftOf(input) }),
    done: (_call, { ballotId }) => `/ballots/${ballotId}`,
    again: draftPage,
  });
  web.get('/ballots/:id/verify', (c) => verifyPage(ctx, c));
  ballotForm('/ballots/:id/verifiable/open', OpenE2eBallot, ({ c }) =>
    openE2eBallot(ctx, actorOn(c, 'ballotId')),
  );
  ballotForm('/ballots/:id/verifiable/close', CloseE2eBallot, ({ c }) =>
    closeE2eBallot(ctx, actorOn(c, 'ballotId')),
  );
}

function DraftE2eBallotForm({ bodyId, mistake }: { bodyId: string; mistake?: Mistake }) {
  const refused = mistake?.from(CreateE2eBallot);
  return (
    <>
      <p>{t('e2e.about')}</p>
      <PostForm
        action={`/bodies/${bodyId}/verifiable-ballots`}
        mistake={refused}
        submit={t('e2e.draft.create')}
      >
        <QuestionFields
          kinds={['yes-no', 'choice', 'ranked']}
          optionsHint={t('e2e.draft.candidatesHint')}
          optionsError={refused?.problem('candidates')}
        />
        <ElectionFields />
        <TextArea
          name="trustees"
          label={t('e2e.draft.trustees')}
          hint={t('e2e.draft.trusteesHint')}
          error={refused?.problem('trustees')}
          rows={3}
          required
        />
        <Field
          name="needed"
          type="number"
          label={t('e2e.draft.needed')}
          hint={t('e2e.draft.neededHint')}
          error={refused?.problem('needed')}
        />
        <Choice
          name="threshold"
          label={t('e2e.draft.rule')}
          options={THRESHOLDS.map((r) => [r, t(`threshold.${r}`)] as const)}
          selected="simple-majority-of-votes-cast"
        />
        <Tick name="weighted" label={t('ballots.weighted')} />
        <TimetableFields mistake={refused} />
      </PostForm>
    </>
  );
}

/**
 * What an election under end-to-end secrecy asks beyond its candidates (docs/mixnet-protocol.md
 * section 4): the seats, the counting rule and how many preferences a voter may give. A refused
 * form shows what was typed and each problem (the PostForm's mistake).
 */
const ElectionFields = () => (
  <>
    <Field name="seats" type="number" label={t('ballots.seats')} value="1" />
    <Choice
      name="method"
      label={t('ballots.method')}
      options={METHOD_NAMES.map((m) => [m, t(`method.${m}`)] as const)}
      selected="scottish-stv"
    />
    <Field
      name="preferences"
      type="number"
      label={t('e2e.draft.preferences')}
      hint={t('e2e.draft.preferencesHint')}
    />
  </>
);

/**
 * An end-to-end ballot's page: its key holders and where the keys stand; the key holder's own
 * part, done by their browser; the voter's sealed vote, done by theirs; opening and closing for
 * whoever runs it; the result and the board anyone can check it from.
 */
export function e2eBallotPage(c: C, b: BallotForViewer, e: E2eView, mistake?: Mistake) {
  // The board's address names the host the reader asked: an input of the page like the views.
  const board = boardUrl(c, b.id);
  const body = () => (
    <>
      <BallotHeading ballot={b} />
      <p class="kind">
        {t(`ballot.state.${b.state}`)} · {t('e2e.kind')}
      </p>
      <p class="hint">{t('e2e.about')}</p>
      <ErrorSummary mistake={mistake} />
      <p role="status">
        <strong>{stageWords(e)}</strong>
      </p>
      <KeyHolders e2e={e} />
      {e.me.trustee !== null && e.stage !== 'counted' ? <TrusteePart e2e={e} /> : null}
      <VotePart e2e={e} labels={labelsOf(b)} />
      {b.result ? <ResultView result={b.result} options={b.options} /> : null}
      <SealedBy hash={b.resultHash} />
      {b.canRun && e.stage === 'ready' ? (
        <PostForm action={`/ballots/${b.id}/verifiable/open`} submit={t('ballot.openIt')} />
      ) : null}
      {b.canRun && e.stage === 'open' ? (
        <PostForm action={`/ballots/${b.id}/verifiable/close`} submit={t('e2e.closeIt')} />
      ) : null}
      <p>
        <a href={`/ballots/${b.id}/board`}>{t('e2e.board')}</a> ·{' '}
        <a href={`/ballots/${b.id}/verify`}>{t('e2e.verify.link')}</a>
      </p>
      <p class="hint">{t('e2e.verifyHint', { command: `npx seconded verify-ballot ${board}` })}</p>
    </>
  );
  return mistake
    ? page(c, b.question, body(), mistake)
    : keptPage(c, { b, e, board }, b.question, body);
}

/** What each choice of the ballot is called, in the reader's language. */
const labelsOf = (b: BallotForViewer) =>
  b.options.kind === 'yes-no'
    ? YES_NO.map((choice) => choiceLabel(b.options, choice))
    : b.options.kind === 'choice'
      ? b.options.options
      : b.options.candidates;

const boardUrl = (c: C, ballotId: string) =>
  `${new URL(c.req.url).origin}/ballots/${ballotId}/board`;

function KeyHolders({ e2e }: { e2e: E2eView }) {
  const tick = (done: boolean) => (done ? t('e2e.done') : '—');
  const n = e2e.trustees.length;
  return (
    <section aria-labelledby="key-holders">
      <h2 id="key-holders">{t('e2e.keyHolders')}</h2>
      <p>
        {e2e.needed === n
          ? t('e2e.allNeeded', { n: String(n) })
          : t('e2e.someNeeded', { needed: String(e2e.needed), n: String(n) })}
      </p>
      <Table
        headings={[t('e2e.keyHolder'), t('e2e.keyMade'), t('e2e.keyChecked'), t('e2e.decrypted')]}
      >
        {e2e.trustees.map((x) => (
          <tr>
            <td>{x.name}</td>
            <td>{tick(x.key && x.polynomial)}</td>
            <td>{tick(x.verified)}</td>
            <td>{tick(x.decrypted)}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

/** The key holder's browser does their steps; the page only gives it the addresses and words. */
function TrusteePart({ e2e }: { e2e: E2eView }) {
  const base = `/api/v1/ballots/${e2e.ballotId}/verifiable`;
  const setup: TrusteeSetup = {
    ballotId: e2e.ballotId,
    trustee: e2e.me.trustee!,
    boardUrl: `/api/v1/ballots/${e2e.ballotId}/board`,
    urls: {
      key: `${base}/key`,
      polynomial: `${base}/polynomial`,
      verification: `${base}/verification`,
      decryption: `${base}/decryption`,
      shuffle: `${base}/shuffle`,
    },
    mix: e2e.ranked ? mixSetup() : null,
    words: {
      makeKey: t('e2e.trustee.makeKey'),
      saveKey: t('e2e.trustee.saveKey'),
      keyMade: t('e2e.trustee.keyMade'),
      loadKey: t('e2e.trustee.loadKey'),
      waitKeys: t('e2e.trustee.waitKeys'),
      waitPolynomials: t('e2e.trustee.waitPolynomials'),
      waitVerifications: t('e2e.trustee.waitVerifications'),
      ready: t('e2e.trustee.ready'),
      decrypt: t('e2e.trustee.decrypt'),
      decrypted: t('e2e.trustee.decrypted'),
      waitClose: t('e2e.trustee.waitClose'),
      counted: t('e2e.trustee.counted'),
      failed: t('e2e.failed'),
    },
  };
  return (
    <section aria-labelledby="trustee-part" data-e2e-trustee={JSON.stringify(setup)}>
      <h2 id="trustee-part">{t('e2e.trustee.title')}</h2>
      <p class="hint">{t('e2e.trustee.hint')}</p>
      {e2e.ranked && (e2e.stage === 'open' || e2e.stage === 'decrypting') ? (
        <MixHelp e2e={e2e} positions={e2e.ranked.positions} />
      ) : (
        <p class="notice" data-without-script>
          {t('e2e.needsScript')}
        </p>
      )}
      <div role="status" aria-live="polite"></div>
      <script type="module" src="/assets/e2e-trustee.js"></script>
    </section>
  );
}

/**
 * The voter's browser seals the vote; without a script the page says how to vote on paper. A
 * holder of proxies seals one ballot for each vote they hold: their own, and one under each
 * giver's pseudonym (docs/e2e-protocol.md, "Proxies"), each with its own tracker.
 */
function VotePart({ e2e, labels }: { e2e: E2eView; labels: readonly string[] }) {
  if (e2e.stage !== 'open') return null;
  if (!e2e.me.pseudonym || !e2e.openHash || !e2e.electionKey)
    return <p>{t('ballot.notElector')}</p>;
  const proxies = e2e.me.proxies;
  const open = { openHash: e2e.openHash, electionKey: e2e.electionKey };
  return (
    <>
      {e2e.me.voted ? (
        <p class="notice">{t('e2e.voted')}</p>
      ) : (
        <SealVote e2e={e2e} open={open} labels={labels} pseudonym={e2e.me.pseudonym} />
      )}
      {proxies.length ? (
        <section aria-labelledby="proxies-held">
          <h2 id="proxies-held">{holdWords(proxies.length)}</h2>
          {proxies.map((p, n) =>
            p.voted ? (
              <p class="notice">{t('proxy.cast', { name: p.giverName })}</p>
            ) : (
              <SealVote
                e2e={e2e}
                open={open}
                labels={labels}
                pseudonym={p.pseudonym}
                behalf={{ ...p, n }}
              />
            ),
          )}
        </section>
      ) : null}
      <script type="module" src="/assets/e2e-vote.js"></script>
    </>
  );
}

/** One vote to seal and cast: the viewer's own, or one they hold by proxy (`behalf`). */
function SealVote({
  e2e,
  open,
  labels,
  pseudonym,
  behalf,
}: {
  e2e: E2eView;
  open: { openHash: string; electionKey: string };
  labels: readonly string[];
  pseudonym: string;
  behalf?: { giverId: string; giverName: string; instruction: string | null; n: number };
}) {
  // Each vote on the page has its own ids: the holder's own, and one per proxy.
  const pre = behalf ? `p${behalf.n}-` : '';
  const heading = behalf ? `proxy-vote-${behalf.n}` : 'your-vote';
  const ranked = e2e.ranked;
  const setup: VoteSetup = {
    ...open,
    shape: e2e.shape,
    pseudonym,
    ...(behalf ? { onBehalfOf: behalf.giverId } : {}),
    idPrefix: pre,
    castUrl: `/api/v1/ballots/${e2e.ballotId}/verifiable/ballots`,
    boardUrl: `/ballots/${e2e.ballotId}/board`,
    labels,
    ...(ranked ? { ranked: { positions: ranked.positions } } : {}),
    words: {
      review: t('e2e.vote.review'),
      tracker: t('e2e.vote.tracker'),
      cast: t('e2e.vote.cast'),
      check: t('e2e.vote.check'),
      checked: t('e2e.vote.checked'),
      randomness: t('e2e.vote.randomness'),
      castDone: behalf ? t('proxy.cast', { name: behalf.giverName }) : t('e2e.vote.castDone'),
      findOnBoard: t('e2e.vote.findOnBoard'),
      failed: t('e2e.failed'),
      chooseFirst: ranked ? t('e2e.vote.rankFirst') : t('e2e.vote.chooseFirst'),
      rankedTwice: t('e2e.vote.rankedTwice'),
    },
  };
  const Heading = behalf ? 'h3' : 'h2';
  const seal = behalf ? t('e2e.vote.sealFor', { name: behalf.giverName }) : t('e2e.vote.seal');
  return (
    <section aria-labelledby={heading} data-e2e-vote={JSON.stringify(setup)}>
      <Heading id={heading}>
        {behalf ? t('proxy.voteFor', { name: behalf.giverName }) : t('e2e.vote.title')}
      </Heading>
      {behalf?.instruction ? (
        <p class="hint">
          {t('proxy.instructionFrom', { name: behalf.giverName, text: behalf.instruction })}
        </p>
      ) : null}
      {ranked ? (
        <RankingForm
          candidates={labels}
          positions={ranked.positions}
          pre={pre}
          legend={
            behalf
              ? t('e2e.vote.rankLegendFor', { name: behalf.giverName })
              : t('e2e.vote.rankLegend')
          }
          seal={seal}
        />
      ) : (
        <>
          <p class="notice" data-without-script>
            {t('e2e.needsScript')}
          </p>
          <form hidden>
            <RadioGroup
              name="choice"
              legend={
                behalf ? t('e2e.vote.legendFor', { name: behalf.giverName }) : t('e2e.vote.legend')
              }
              options={labels.map(
                (label, k) => [String(k), label, { id: `${pre}choice-${k}` }] as const,
              )}
            />
            <button type="submit">{seal}</button>
          </form>
        </>
      )}
      <div role="status" aria-live="polite"></div>
    </section>
  );
}

/**
 * The verifying page: the board checked in the reader's browser by the independent verifier,
 * or a copy of it they saved. Without a script it gives the command that does the same.
 */
async function verifyPage(ctx: Ctx, c: C) {
  const e = await viewE2eBallot(ctx, actorOn(c, 'ballotId'));
  const setup: VerifySetup = {
    boardUrl: `/ballots/${e.ballotId}/board`,
    words: {
      checking: t('e2e.verify.checking'),
      unreadable: t('e2e.verify.unreadable'),
      failed: t('e2e.verify.failed'),
      passed: t('e2e.verify.passed'),
      ballots: t('e2e.verify.ballots'),
      outcome: t('e2e.verify.outcome'),
      head: t('e2e.verify.head'),
      trackerFound: t('e2e.verify.trackerFound'),
      trackerMissing: t('e2e.verify.trackerMissing'),
    },
  };
  return titledPage(
    c,
    t('e2e.verify.title', { question: e.question }),
    <section data-verify-board={JSON.stringify(setup)}>
      <p>
        <a href={`/ballots/${e.ballotId}`}>{e.question}</a>
      </p>
      <p class="hint">{t('e2e.verify.about')}</p>
      <p class="notice" data-without-script>
        {t('e2e.verifyHint', { command: `npx seconded verify-ballot ${boardUrl(c, e.ballotId)}` })}
      </p>
      <div role="status" aria-live="polite"></div>
      <form id="find-tracker" hidden>
        <label for="tracker">{t('e2e.verify.findTracker')}</label>
        <input type="text" id="tracker" autocomplete="off" />{' '}
        <button type="submit">{t('e2e.verify.find')}</button>
        <p role="status"></p>
      </form>
      <p>
        <label for="board-file">{t('e2e.verify.file')}</label>
        <input type="file" id="board-file" accept="application/json" />
      </p>
      <script type="module" src="/assets/verify-board.js"></script>
    </section>,
  );
}
