import { declaredWords, questionWording } from '../../messages/results.ts';
import { SignInCodeBox } from './attendance-pages.tsx';
import type { MeetingView } from '../../app/meetings/view-meeting.ts';
import type { Step } from '../../domain/meetings/next-steps.ts';
import { t, type MessageKey } from '../../messages/messages.ts';
import { asking, DangerButton } from '../pages/confirm.tsx';
import { SealedBy } from '../pages/kit.tsx';
import { Choice, Field, LinkButton, PostForm, TextArea, Tick } from '../pages/forms.tsx';
import { MotionText } from '../pages/motion-text.tsx';
import { CountFields } from './console-vote-parts.tsx';
import { Button } from './meeting-parts.tsx';
import { PersonSelect, questionWords, stillToRun } from './session-parts.tsx';

/**
 * The parts of the chair's console (console-pages.tsx) besides the vote (console-vote-parts.tsx):
 * the motion before the meeting with a button for each legal next step, amendments, compositing,
 * procedural motions, the results, and who is present. Each form posts to the console's routes.
 */

type Current = NonNullable<MeetingView['current']>;
interface Props {
  m: MeetingView;
  /** The console's address, where its forms post. */
  base: string;
}

/** The ways a question can be put in the room, and the console's button for each. */
const VOTE_MODES = [
  ['show-of-hands', 'console.put'],
  ['roll-call', 'console.putRollCall'],
  ['card', 'console.putCard'],
] as const;

/** Whether the legal next steps (next-steps.ts) hold one of this type, and which if so. */
export const offered = (m: MeetingView, test: (s: Step) => boolean) => m.steps.some(test);

/** Before it opens: whether the notice has run, and the buttons to open or cancel. */
export const Opening = ({ m, base }: Props) =>
  m.status === 'scheduled' ? (
    <>
      <p>{m.opening.allowed ? t('meeting.mayOpen') : m.opening.reason}</p>
      {offered(m, (s) => s.type === 'open') ? (
        <Button action={`${base}/open`} label={t('console.open')} />
      ) : null}
      <DangerButton
        action={`${base}/cancel`}
        label={t('console.cancel')}
        confirm={asking('cancelMeeting')}
      />
    </>
  ) : null;

/** The motion before the meeting, its text, its steps and amendments; or what comes next. */
export function BeforeTheMeeting({ m, base }: Props) {
  const cur = m.current;
  const takeUp = new Set(m.steps.flatMap((s) => (s.type === 'take-up' ? [s.motionId] : [])));
  const nextOnAgenda = m.motions.filter((x) => takeUp.has(x.id));
  return (
    <section aria-labelledby="before-heading">
      <h2 id="before-heading">{whereWords(m)}</h2>
      <Agenda m={m} />
      {cur ? (
        <>
          <p>
            <a href={`/motions/${cur.id}`}>{cur.title}</a>:{' '}
            {t('console.motionStatus', { status: t(`state.motion.${cur.status}`) })}{' '}
            {t('console.proposedBy', { proposer: cur.proposer.name })}
            {/* Seconded in the meeting, or not yet: a seconder named on paper is only a hint. */}
            {cur.seconder && cur.status !== 'moved'
              ? `, ${t('console.secondedBy', { seconder: cur.seconder.name })}`
              : ''}
            .
          </p>
          <p id="question" class="notice">
            <strong>{questionWords(cur.question)}</strong>
          </p>
          <h3>{cur.amended ? t('console.substantive') : t('console.text')}</h3>
          <MotionText text={cur.substantive} />
          {cur.question.kind === 'amendment' ? (
            <>
              <p>{t('console.ifCarried')}</p>
              <MotionText text={cur.question.motionIfCarried} />
            </>
          ) : null}
          <MotionSteps m={m} base={base} cur={cur} />
          <Amendments m={m} base={base} cur={cur} />
          <AmendForm m={m} base={base} cur={cur} />
        </>
      ) : (
        <>
          <p>{t('console.nothingBefore')}</p>
          {nextOnAgenda.length ? (
            <>
              <h3>{t('console.next')}</h3>
              <ul>
                {nextOnAgenda.map((x) => (
                  <li>
                    <a href={`/motions/${x.id}`}>{x.title}</a> (
                    {t('console.proposedBy', { proposer: x.proposer.name })}){' '}
                    <Button
                      action={`${base}/motion-step`}
                      label={t('console.moveMotion')}
                      fields={{ motionId: x.id, type: 'move' }}
                    />
                    <Button
                      action={`${base}/motion-step`}
                      label={t('console.letFall')}
                      fields={{ motionId: x.id, type: 'fall' }}
                    />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}

/** A button for each step the rules allow the motion now, and no other. */
function MotionSteps({ m, base, cur }: Props & { cur: Current }) {
  const legal = (event: string) =>
    offered(m, (s) => s.type === 'motion' && s.motionId === cur.id && s.event === event);
  if (!m.steps.some((s) => s.type === 'motion' && s.motionId === cur.id)) return null;
  const step = `${base}/motion-step`;
  /** The button of a step that needs nothing more, if the rules allow it now. */
  const stepButton = (type: string, label: MessageKey, more: Record<string, string> = {}) =>
    legal(type) ? (
      <Button action={step} label={t(label)} fields={{ motionId: cur.id, type, ...more }} />
    ) : null;
  return (
    <>
      <h3>{t('console.steps')}</h3>
      <div class="steps">
        {legal('second') ? (
          <PostForm
            action={step}
            fields={{ motionId: cur.id, type: 'second' }}
            submit={t('console.second')}
          >
            <PersonSelect
              name="by"
              id="motion-seconder"
              label={t('console.seconder')}
              people={m.present}
              choose
              exclude={[cur.proposer.id]}
              hint={
                cur.seconder
                  ? t('console.seconderNamed', { seconder: cur.seconder.name })
                  : undefined
              }
            />
          </PostForm>
        ) : null}
        {stepButton('open-debate', 'console.openDebate')}
        {legal('put-question') ? <PutButtons base={base} cur={cur} /> : null}
        {legal('remit') ? (
          <PostForm
            action={step}
            id="remit"
            fields={{ motionId: cur.id, type: 'remit' }}
            submit={t('console.remit')}
          >
            <Field name="to" label={t('console.remitTo')} required />
            <Tick name="moverConsents" label={t('console.remitConsent')} />
          </PostForm>
        ) : null}
        {stepButton('fall', 'console.letFall')}
        {stepButton('withdraw', 'console.withdraw', { consent: '1' })}
      </div>
    </>
  );
}

/** Putting the question: in the room, unless the rules make it secret; to a ballot of those present. */
const PutButtons = ({ base, cur }: { base: string; cur: Current }) => (
  <>
    {cur.secretBallot ? (
      <p class="notice" id="secret-ballot">
        {t('console.secretBallot', {
          kind: t(`motion.secretKind.${cur.secretKind ?? 'no-confidence'}`),
        })}
      </p>
    ) : (
      VOTE_MODES.map(([mode, label]) => (
        <Button action={`${base}/put`} label={t(label)} fields={{ motionId: cur.id, mode }} />
      ))
    )}
    {cur.question.kind === 'motion' ? (
      <>
        <Button
          action={`${base}/put-ballot`}
          label={t('console.putBallot')}
          fields={{ motionId: cur.id }}
        />
        <Button
          action={`${base}/put-ballot`}
          label={t('console.putBallotCard')}
          fields={{ motionId: cur.id, weighted: '1' }}
        />
        <details>
          <summary>{t('console.putVerifiable')}</summary>
          <PostForm
            action={`${base}/put-ballot`}
            fields={{ motionId: cur.id }}
            hint={t('e2e.about')}
            submit={t('console.putVerifiableSubmit')}
          >
            <TextArea
              name="trustees"
              label={t('e2e.draft.trustees')}
              hint={t('e2e.draft.trusteesHint')}
              rows={2}
              required
            />
            <Field
              name="needed"
              type="number"
              label={t('e2e.draft.needed')}
              hint={t('e2e.draft.neededHint')}
            />
            <Tick name="weighted" label={t('ballots.weighted')} />
          </PostForm>
        </details>
      </>
    ) : null}
  </>
);

/** The amendments moved to the motion, with their steps while no question is put. */
function Amendments({ m, base, cur }: Props & { cur: Current }) {
  const legal = (id: string, event: string) =>
    offered(m, (s) => s.type === 'amendment' && s.amendmentId === id && s.event === event);
  if (!cur.amendments.length) {
    return (
      <>
        <h3>{t('console.amendments')}</h3>
        <p>{t('console.noAmendments')}</p>
      </>
    );
  }
  return (
    <>
      <h3>{t('console.amendments')}</h3>
      <ul>
        {cur.amendments.map((a) => (
          <li>
            {a.description} ({t('console.amendmentBy', { mover: a.mover })}
            {a.seconder ? `, ${t('console.secondedBy', { seconder: a.seconder })}` : ''}):{' '}
            <strong>{t(`state.amendment.${a.status}`)}</strong>
            {legal(a.id, 'second') ? (
              <PostForm
                action={`${base}/amendment-step`}
                fields={{ amendmentId: a.id, type: 'second' }}
                submit={t('console.second')}
              >
                <PersonSelect
                  name="by"
                  id={`seconder-${a.id}`}
                  label={t('console.seconder')}
                  people={m.present}
                  choose
                />
              </PostForm>
            ) : null}
            {legal(a.id, 'withdraw') ? (
              <Button
                action={`${base}/amendment-step`}
                label={t('console.withdraw')}
                fields={{ amendmentId: a.id, type: 'withdraw', consent: '1' }}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Moving an amendment from the floor, while the rules allow one now. */
function AmendForm({ m, base, cur }: Props & { cur: Current }) {
  if (!offered(m, (s) => s.type === 'amend' && s.motionId === cur.id)) return null;
  const kinds = ['delete-and-insert', 'delete-words', 'insert-words', 'delete-clause'] as const;
  return (
    <PostForm
      action={`${base}/amend`}
      fields={{ motionId: cur.id }}
      submit={t('console.amendSubmit')}
    >
      <h3>{t('console.amend')}</h3>
      <PersonSelect
        name="by"
        id="amendment-mover"
        label={t('console.mover')}
        people={m.present}
        choose
      />
      <Choice
        name="clauseId"
        label={t('console.clause')}
        options={cur.substantive.clauses.map(
          (cl) => [cl.id, `${cl.number}. ${cl.sentence.slice(0, 80)}`] as const,
        )}
      />
      <Choice
        name="kind"
        id="amendKind"
        label={t('console.amendKind')}
        options={kinds.map((k) => [k, t(`console.kind.${k}`)] as const)}
      />
      <Field name="delete" label={t('console.deleteWords')} />
      <Field name="insert" label={t('console.insertWords')} />
    </PostForm>
  );
}

/** Compositing two or more motions submitted or on the agenda. */
export function CompositeForm({ m, base }: Props) {
  const compositable = m.motions.filter(
    (x) => x.status === 'on-agenda' || x.status === 'submitted',
  );
  if (!m.canRun || !stillToRun(m) || compositable.length < 2) return null;
  return (
    <PostForm
      action={`${base}/composite`}
      id="composite"
      heading={t('console.composite')}
      hint={t('console.compositeHint')}
      submit={t('console.compositeSubmit')}
    >
      <fieldset>
        <legend>{t('console.compositeWhich')}</legend>
        {compositable.map((x) => (
          <Tick name={`composite.${x.id}`} id={`composite-${x.id}`} label={x.title} />
        ))}
      </fieldset>
      <Field name="title" label={t('console.compositeTitle')} />
    </PostForm>
  );
}

/** A procedural motion, moved, seconded and decided by show of hands. */
export function ProceduralForm({ m, base }: Props) {
  const kinds = m.steps.flatMap((s) => (s.type === 'procedural' ? [s.kind] : []));
  if (!kinds.length) return null;
  return (
    <PostForm
      action={`${base}/procedural`}
      heading={t('console.procedural')}
      submit={t('console.proceduralSubmit')}
    >
      <Choice
        name="kind"
        id="proceduralKind"
        label={t('console.proceduralKind')}
        options={kinds.map((k) => [k, t(`procedural.${k}` as MessageKey)] as const)}
      />
      <PersonSelect
        name="moverId"
        id="procedural-mover"
        label={t('console.mover')}
        people={m.present}
        choose
      />
      <PersonSelect
        name="seconderId"
        id="procedural-seconder"
        label={t('console.seconder')}
        people={m.present}
        choose
      />
      <Field name="referTo" label={t('console.referTo')} />
      <CountFields />
    </PostForm>
  );
}

/** The questions decided, each with the seal of its result. */
export const Results = ({ m }: { m: MeetingView }) =>
  m.questions.length ? (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">{t('console.results')}</h2>
      <ul id="results">
        {m.questions.map((q) => (
          <li>
            {questionWording(q)}: <strong>{declaredWords(q.declared, q.result)}</strong>{' '}
            <SealedBy hash={q.resultHash} />
          </li>
        ))}
      </ul>
    </section>
  ) : null;

/**
 * Who is present: the meeting's sign-in code for the door, the way to the attendance list where
 * the secretary signs in many at once (attendance-pages.tsx), and signing out those present.
 */
export function Present({ m, base }: Props) {
  const absent = (m.register ?? []).filter((p) => !p.present);
  return (
    <section aria-labelledby="present-heading">
      <h2 id="present-heading">{t('console.present', { count: m.present.length })}</h2>
      {stillToRun(m) && m.signInCode ? <SignInCodeBox {...m.signInCode} /> : null}
      {stillToRun(m) && absent.length ? (
        <p>
          <a href={`${base}/attendance`} id="attendance-link">
            {t('console.attendanceLink')}
          </a>
        </p>
      ) : null}
      <ul>
        {m.present.map((p) => (
          <li>
            {p.name}{' '}
            {m.status !== 'closed' ? (
              <LinkButton
                action={`${base}/sign-out`}
                label={t('console.signOut', { name: p.name })}
                fields={{ personId: p.personId }}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Where the meeting is: before it opens, in session at item N, closed or cancelled. */
function whereWords(m: MeetingView): string {
  if (m.status !== 'open') return t(`console.where.${m.status}`);
  const at = m.current ? m.agenda.findIndex((a) => a.motionId === m.current!.id) : -1;
  if (at < 0) return t('console.where.between');
  return t('console.where.open', {
    n: at + 1,
    total: m.agenda.length,
    title: m.agenda[at]!.title,
  });
}

/** The agenda as a whole, motions and other business, with the item now before the meeting. */
function Agenda({ m }: { m: MeetingView }) {
  if (!m.agenda.length) return null;
  const status = new Map(m.motions.map((x) => [x.id, x.status]));
  return (
    <>
      <h3>{t('console.agenda')}</h3>
      <ol class="agenda">
        {m.agenda.map((a) => {
          const now = !!a.motionId && a.motionId === m.current?.id;
          const s = a.motionId ? status.get(a.motionId) : undefined;
          const done = !!s && !['on-agenda', 'submitted'].includes(s) && !now;
          return (
            <li aria-current={now ? 'step' : undefined}>
              {a.motionId ? <a href={`/motions/${a.motionId}`}>{a.title}</a> : a.title}
              {now ? <strong> ({t('console.agendaNow')})</strong> : null}
              {done ? <span class="kind"> ({t('console.agendaDone')})</span> : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}
