import type { Hono } from 'hono';
import { enterPaperCount } from '../../app/ballots/enter-paper-count.ts';
import { viewPaperBallot, type PaperBallotView } from '../../app/ballots/view-paper-ballot.ts';
import { t, type MessageKey } from '../../messages/messages.ts';
import { formRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { ErrorSummary, Field, PostForm } from '../pages/forms.tsx';
import { actorOn, page, type C } from '../pages/kit.tsx';
import { EnterPaperCount } from './schema.ts';

/**
 * The paper side of a secret ballot of those present (src/domain/ballots/paper.ts): the numbered
 * paper ballots, printable (print CSS in layout.tsx: one to a page, the site's frame hidden), and
 * the tellers' page where the count of those returned is entered.
 */
export function paperBallotRoutes(web: Hono<HttpEnv>, { ctx }: Pick<HttpOptions, 'ctx'>) {
  web.get('/ballots/:id/papers', async (c) => {
    const v = await viewPaperBallot(ctx, { ...actorOn(c, 'ballotId'), may: 'body.runBallots' });
    return page(c, t('paper.printTitle', { question: v.question }), <PrintedPapers v={v} />);
  });

  const countPage = async (c: C, mistake?: Mistake) => {
    const v = await viewPaperBallot(ctx, { ...actorOn(c, 'ballotId'), may: 'body.countPapers' });
    return page(
      c,
      t('paper.countTitle', { question: v.question }),
      <PaperCountForm v={v} mistake={mistake} />,
      mistake,
    );
  };
  web.get('/ballots/:id/paper-count', (c) => countPage(c));
  formRoute(web, '/ballots/:id/paper-count', EnterPaperCount, {
    run: ({ c }, { counts, spoilt }) =>
      enterPaperCount(ctx, { ...actorOn(c, 'ballotId'), counts, spoilt }),
    done: ({ params }) => `/ballots/${params.id}/paper-count`,
    again: countPage,
  });
}

/** How a choice reads on paper: for, against, abstain in the reader's words, or the option. */
const choiceWords = (choice: PaperBallotView['choices'][number]) =>
  choice.label ??
  t(`ballot.vote${choice.value[0]!.toUpperCase()}${choice.value.slice(1)}` as MessageKey);

/** One ballot paper per number issued, each on a page of its own when printed. */
function PrintedPapers({ v }: { v: PaperBallotView }) {
  const issued = v.turnout.paper.issued;
  return (
    <>
      <p class="no-print">
        <a href={`/meetings/${v.meeting.id}/console`}>{t('paper.back')}</a>
      </p>
      <h1 class="no-print">{t('paper.printTitle', { question: v.question })}</h1>
      <p class="no-print">{issued ? t('paper.printIntro', { issued }) : t('paper.noneIssued')}</p>
      {Array.from({ length: issued }, (_, i) => (
        <section class="paper-ballot" aria-labelledby={`paper-${i + 1}`}>
          <h2 id={`paper-${i + 1}`}>{t('paper.number', { number: i + 1, issued })}</h2>
          <p class="kind">
            {v.body} · {v.meeting.title}
          </p>
          <p>
            <strong>{v.question}</strong>
          </p>
          <p>{t('paper.instruction')}</p>
          <ul class="paper-choices">
            {v.choices.map((choice) => (
              <li>
                <span class="paper-box" aria-hidden="true"></span> {choiceWords(choice)}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** The tellers' form: a count for each choice and the spoilt papers, within the papers issued. */
function PaperCountForm({ v, mistake }: { v: PaperBallotView; mistake?: Mistake | undefined }) {
  const { issued, returned } = v.turnout.paper;
  return (
    <>
      <h1>{t('paper.countTitle', { question: v.question })}</h1>
      <p class="kind">
        {v.body} · {v.meeting.title}
      </p>
      <p role="status">
        {v.count && returned !== null
          ? t('paper.entered', { returned, issued, spoilt: v.count.spoilt })
          : t('paper.notEntered')}
      </p>
      {v.state !== 'open' ? (
        <>
          <ErrorSummary mistake={mistake} />
          <p>{t('paper.closed')}</p>
        </>
      ) : (
        <PostForm
          action={`/ballots/${v.id}/paper-count`}
          submit={t('paper.enter')}
          hint={t('paper.countIntro', { issued })}
          mistake={mistake}
        >
          {v.choices.map((choice, i) => (
            <Field
              name={`count.${i}`}
              type="number"
              label={choiceWords(choice)}
              value={String(v.count?.counts[i] ?? 0)}
              required
            />
          ))}
          <Field
            name="spoilt"
            type="number"
            label={t('paper.spoilt')}
            value={String(v.count?.spoilt ?? 0)}
            required
          />
        </PostForm>
      )}
    </>
  );
}
