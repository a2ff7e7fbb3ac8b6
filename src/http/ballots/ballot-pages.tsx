import { declaredWords } from '../../messages/results.ts';
import { forbidden } from '../../domain/errors.ts';
import { asking, DangerButton } from '../pages/confirm.tsx';
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
  viewBallotPage,
  type BallotForViewer,
} from '../../app/ballots/view-ballot.ts';
import { viewBody } from '../../app/organisations/view-organisation.ts';
import { currentLocale, t } from '../../messages/messages.ts';
import { keptReaderPageAt, versionFor } from '../../app/common/kept-views.ts';
import { today } from '../../app/common/context.ts';
import { electionProgress } from '../../app/ballots/election-progress.ts';
import { closedElectionWords } from './e2e-ranked-parts.tsx';
import { formPageRoute, formRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { formatInstant } from '../pages/dates.ts';
import { ErrorSummary, Field, PostForm } from '../pages/forms.tsx';
import {
  actorOn,
  Listing,
  keptPage,
  page,
  pageForms,
  requireSignedIn,
  SealedBy,
  type C,
} from '../pages/kit.tsx';
import { BodyPageHeading } from '../pages/layout.tsx';
import { Turnout } from '../pages/vote-parts.tsx';
import {
  BallotHeading,
  choiceLabel,
  DraftBallotForm,
  Nominations,
  ResultView,
  VoteForm,
} from './ballot-parts.tsx';
import { e2eBallotPage, e2eBallotPageRoutes } from './e2e-pages.tsx';
import { paperBallotRoutes } from './paper-pages.tsx';
import { holdWords, proxyPageRoutes } from './proxy-pages.tsx';
import * as actions from './schema.ts';

type Ctx = HttpOptions['ctx'];

/** What the ballot page shows beside the ballot: a refused form, a new receipt, a receipt checked. */
interface BallotPageState {
  readonly mistake?: Mistake;
  readonly receipt?: string;
  readonly check?: { found: boolean; counted: boolean };
}

/**
 * Ballot pages: list and draft a body's ballots; the ballot itself, with a voting form that
 * works on a small phone, without JavaScript and with a screen reader; receipts; results. With
 * JavaScript, /assets/live.js keeps the turnout current and shows the result when it closes.
 */
export function ballotRoutes({ ctx }: HttpOptions) {
  const web = new Hono<HttpEnv>();
  const listPage = (c: C, mistake?: Mistake) => ballotsListPage(ctx, c, mistake);
  const ballotPage = (c: C, state: BallotPageState = {}) => ballotPageOf(ctx, c, state);
  const again = (c: C, mistake: Mistake) => ballotPage(c, { mistake });
  const ballotForm = pageForms(web, again, ({ params }) => `/ballots/${params.id}`);

  e2eBallotPageRoutes(web, ctx, ballotForm);
  web.get('/bodies/:id/ballots', (c) => listPage(c));
  formRoute(web, '/bodies/:id/ballots', actions.CreateBallot, {
    run: ({ c }, input) =>
      createBallot(ctx, { ...actorOn(c, 'bodyId'), ...actions.draftOf(input) }),
    done: (_call, { ballotId }) => `/ballots/${ballotId}`,
    again: listPage,
  });

  web.get('/ballots/:id', (c) => readerBallotPage(ctx, c));
  // The receipt is shown once, on the page that answers the vote; it never goes into an address.
  formPageRoute(web, '/ballots/:id/vote', actions.CastVote, {
    run: ({ c }, { choice, onBehalfOf }) =>
      castBallot(ctx, { ...actorOn(c, 'ballotId'), choice, onBehalfOf }),
    present: ({ c }, { receipt }) => ballotPage(c, { receipt }),
    again,
  });
  ballotForm('/ballots/:id/nominations', actions.Nominate, ({ c }, { candidate }) =>
    nominate(ctx, { ...actorOn(c, 'ballotId'), candidate }),
  );
  ballotForm(
    '/ballots/:id/nominations/:nomination/second',
    actions.SecondNomination,
    ({ signedIn, params }) =>
      secondNomination(ctx, { actor: signedIn.actor, nominationId: params.nomination! }),
  );
  ballotForm('/ballots/:id/open', actions.OpenBallot, ({ c }) =>
    openBallot(ctx, actorOn(c, 'ballotId')),
  );
  ballotForm(
    '/ballots/:id/close',
    actions.CloseBallot,
    // Asked first, below: saying yes there is the confirmation the close needs.
    ({ c }) => closeBallot(ctx, { ...actorOn(c, 'ballotId'), confirmed: true }),
    undefined,
    async ({ c }) => {
      // Only those who may close it are asked; anyone else is refused as before.
      if (!(await viewBallot(ctx, actorOn(c, 'ballotId'))).canRun) {
        throw forbidden('Only those who run ballots for this body may close one.');
      }
      return asking('closeBallot');
    },
  );
  paperBallotRoutes(web, { ctx });
  proxyPageRoutes(web, ctx);
  formPageRoute(web, '/ballots/:id/receipt', actions.CheckReceipt, {
    run: ({ c }, { receipt }) => checkReceipt(ctx, { ...actorOn(c, 'ballotId'), receipt }),
    present: ({ c }, check) => ballotPage(c, { check }),
    again,
  });

  web.get('/ballots/:id/box.json', async (c) => {
    const box = await publishedBox(ctx, actorOn(c, 'ballotId'));
    c.header('Content-Disposition', `attachment; filename="ballot-${box.ballotId}.json"`);
    return c.json(box);
  });
  web.get('/ballots/:id/box.blt', async (c) => {
    const box = await publishedBox(ctx, actorOn(c, 'ballotId'));
    c.header('Content-Disposition', `attachment; filename="ballot-${box.ballotId}.blt"`);
    return c.body(box.blt ?? '', 200, { 'Content-Type': 'text/plain; charset=utf-8' });
  });
  return web;
}

/** A body's ballots, and the form to draft one for those who run them. */
async function ballotsListPage(ctx: Ctx, c: C, mistake?: Mistake) {
  const { actor } = requireSignedIn(c);
  const bodyId = c.req.param('id')!;
  const [{ ballots, canRun }, body] = await Promise.all([
    listBallots(ctx, { actor, bodyId }),
    viewBody(ctx, { actor, bodyId }),
  ]);
  const progress = await electionProgress(ctx, ballots);
  return page(
    c,
    t('ballots.title', { body: body.body.name }),
    <>
      <BodyPageHeading body={body.body} title={t('ballots.title', { body: body.body.name })} />
      <Listing
        items={ballots}
        none={t('ballots.none')}
        entry={(b) => ({
          href: `/ballots/${b.id}`,
          name: b.question,
          // A closed election waiting on its key holders says whose step it is.
          note: progress.has(b.id)
            ? closedElectionWords(progress.get(b.id)!)
            : t(`ballot.state.${b.state}`),
        })}
      />
      {canRun ? (
        <>
          <DraftBallotForm bodyId={bodyId} mistake={mistake} />
          <p>
            <a href={`/bodies/${bodyId}/verifiable-ballots`}>{t('e2e.draft.link')}</a>
          </p>
        </>
      ) : null}
    </>,
    mistake,
  );
}

/**
 * A plain reading of a ballot's page (no receipt, check or refusal to show), kept whole for its
 * reader at the database's version (issue 21: members reload it through a meeting). The page is
 * made from the database at that version (the view reads nothing at an older one:
 * kept-views.ts), the reader's actor, the day (who is a current member), the language and the
 * address asked (the board's address names its host), and nothing else: no clock beyond the day,
 * no request besides these; the key names each of them. A vote, a close, a new member or a
 * changed right is a write, so the next reading is made afresh; a reader with other rights has
 * another actor, so another key. Only a signed-in GET is kept; a refusal is never kept.
 */
async function readerBallotPage(ctx: Ctx, c: C) {
  const signedIn = c.get('signedIn');
  if (!signedIn || c.req.method !== 'GET') return ballotPageOf(ctx, c, {});
  const url = new URL(c.req.url);
  const key =
    `ballot page ${c.req.param('id')!} ${currentLocale()} ${today(ctx)} ` +
    `${url.origin}${url.pathname}${url.search} ${JSON.stringify(signedIn.actor)}`;
  const html = await keptReaderPageAt(ctx, await versionFor(ctx), key, async () => {
    const res = await ballotPageOf(ctx, c, {});
    if (res.status !== 200) throw new Error(`a ballot page answered ${res.status}`);
    return res.text();
  });
  c.header('Cache-Control', 'no-store');
  return c.html(html);
}

/** A ballot: its state and turnout, the voting form or the receipt, the result once closed. */
async function ballotPageOf(ctx: Ctx, c: C, state: BallotPageState) {
  const { ballot: b, e2e } = await viewBallotPage(ctx, actorOn(c, 'ballotId'));
  const { mistake } = state;
  if (e2e) return e2eBallotPage(c, b, e2e, mistake);
  const body = () => (
    <>
      <BallotHeading ballot={b} />
      <BallotStatus ballot={b} />
      <ErrorSummary mistake={mistake} />
      {state.receipt ? (
        <div class="notice" role="status">
          <p>
            <strong>{t('ballot.recorded')}</strong>
          </p>
          <p>{t('ballot.receipt', { receipt: state.receipt })}</p>
          <p class="hint">{t('ballot.receiptHint')}</p>
          {/* Shown by live.js when the ballot closes: the receipt stays, the result is a link away. */}
          <p id="closed-note" hidden>
            <a href={`/ballots/${b.id}`}>{t('ballot.closedSeeResult')}</a>
          </p>
        </div>
      ) : b.state === 'open' && b.me.voted ? (
        <p class="notice">{t('ballot.alreadyVoted')}</p>
      ) : b.state === 'open' && !b.me.eligible ? (
        <p>{t('ballot.notElector')}</p>
      ) : b.state === 'open' ? (
        <VoteForm ballot={b} />
      ) : null}
      {b.state === 'open' && b.me.proxies.length ? <ProxyVotes ballot={b} /> : null}
      {b.kind === 'ranked' && b.state === 'draft' ? (
        <Nominations ballot={b} mistake={mistake} />
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
      <BallotFooter ballot={b} check={state.check} />
      {b.state === 'draft' ? (
        <p>
          <a href={`/ballots/${b.id}/proxies`}>{t('proxy.link')}</a>
        </p>
      ) : null}
      <script src="/assets/live.js" defer></script>
    </>
  );
  // A plain reading (no receipt, check or refusal to show) is rendered from the view alone.
  return state.mistake || state.receipt || state.check
    ? page(c, b.question, body(), mistake)
    : keptPage(c, { b }, b.question, body);
}

/**
 * The proxies the viewer holds in an open ballot: "You hold N proxies", and a voting form for
 * each giver not yet on the roll, with the giver's instruction (theirs and the holder's only).
 */
function ProxyVotes({ ballot: b }: { ballot: BallotForViewer }) {
  return (
    <section aria-labelledby="proxies-held">
      <h2 id="proxies-held">{holdWords(b.me.proxies.length)}</h2>
      {b.me.proxies.map((p, n) =>
        p.voted ? (
          <p class="notice">{t('proxy.cast', { name: p.giverName })}</p>
        ) : (
          <>
            {p.instruction ? (
              <p class="hint">
                {t('proxy.instructionFrom', { name: p.giverName, text: p.instruction })}
              </p>
            ) : null}
            <VoteForm ballot={b} behalf={{ giverId: p.giverId, giverName: p.giverName, n }} />
          </>
        ),
      )}
    </section>
  );
}

/** Secret or open, of which meeting, the live turnout and the closing time. */
function BallotStatus({ ballot: b }: { ballot: BallotForViewer }) {
  return (
    <>
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
              <strong>
                {t('ballot.declaredAtMeeting', {
                  declared: declaredWords(b.meeting.declared, b.meeting.result),
                })}
              </strong>
            </>
          ) : null}
        </p>
      ) : null}
      {/* While open, kept current live; once closed, the result says it (once). */}
      {b.state === 'open' ? <Turnout ballot={b} /> : null}
      {b.opensAt && b.state === 'draft' ? (
        <p>
          {t('ballot.opens', {
            when: formatInstant(b.opensAt, 'dateTime', b.timeZone),
            zone: b.timeZone,
          })}
        </p>
      ) : null}
      {b.closesAt && b.state !== 'closed' ? (
        <p>
          {t('ballot.closes', {
            when: formatInstant(b.closesAt, 'dateTime', b.timeZone),
            zone: b.timeZone,
          })}
        </p>
      ) : null}
    </>
  );
}

/** The box to download once closed, opening or closing for those who run it, receipt checks. */
function BallotFooter({
  ballot: b,
  check,
}: {
  ballot: BallotForViewer;
  check: BallotPageState['check'];
}) {
  return (
    <>
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
      {b.canRun && b.state === 'draft' ? (
        <PostForm action={`/ballots/${b.id}/open`} submit={t('ballot.openIt')} />
      ) : null}
      {b.canRun && b.state === 'open' ? (
        <DangerButton
          action={`/ballots/${b.id}/close`}
          label={t('ballot.closeIt')}
          confirm={asking('closeBallot')}
        />
      ) : null}
      {b.state !== 'draft' && b.secret ? (
        <PostForm
          action={`/ballots/${b.id}/receipt`}
          heading={t('ballot.checkReceipt')}
          submit={t('ballot.check')}
        >
          {check ? (
            <p role="status" class="notice">
              {check.counted
                ? t('ballot.receiptCounted')
                : check.found
                  ? t('ballot.receiptFound')
                  : t('ballot.receiptMissing')}
            </p>
          ) : null}
          <Field name="receipt" label={t('ballot.receiptCode')} required />
        </PostForm>
      ) : null}
    </>
  );
}
