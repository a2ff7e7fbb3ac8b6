import { Hono } from 'hono';
import { draftMotion, editMotionText, type ClauseInput } from '../../app/meetings/draft-motion.ts';
import { secondMotion } from '../../app/meetings/second-motion.ts';
import { submitMotion } from '../../app/meetings/submit-motion.ts';
import { listMeetings, listMotions, viewMotion } from '../../app/meetings/view-meeting.ts';
import { CLAUSE_KINDS } from '../../domain/meetings/motion-text.ts';
import { SECRET_KINDS } from '../../domain/meetings/motion.ts';
import { t } from '../../messages/messages.ts';
import { formRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { formatInstant } from '../pages/dates.ts';
import { Choice, ErrorSummary, Field, PostForm, SendButtons, TextArea } from '../pages/forms.tsx';
import { actorOn, Listing, page, pageWithForms, requireSignedIn, type C } from '../pages/kit.tsx';
import { BodyPageHeading } from '../pages/layout.tsx';
import { MotionText } from '../pages/motion-text.tsx';
import { Button } from './meeting-parts.tsx';
import { lookUpClause } from './motion-lookup.ts';
import { DraftMotion, EditMotion, motionFromForm, SecondMotion } from './motion-schema.ts';

type MotionView = Awaited<ReturnType<typeof viewMotion>>;

/** A body's motions: the list, the motion editor with structured clauses, seconding. */
export function motionRoutes(opts: HttpOptions) {
  const { ctx } = opts;
  const web = new Hono<HttpEnv>();

  const motionsPage = async (c: C, mistake?: Mistake) => {
    const { actor } = requireSignedIn(c);
    const bodyId = c.req.param('id')!;
    const [{ body, motions }, { meetings }] = await Promise.all([
      listMotions(ctx, { actor, bodyId }),
      listMeetings(ctx, { actor, bodyId }),
    ]);
    const upcoming = meetings.filter((m) => m.status === 'scheduled');
    return page(
      c,
      t('motions.title', { body: body.name }),
      <>
        <BodyPageHeading body={body} title={t('motions.title', { body: body.name })} />
        <Listing
          items={motions}
          none={t('motions.none')}
          entry={(x) => ({
            href: `/motions/${x.id}`,
            name: x.title || '…',
            note: t(`state.motion.${x.status}`),
          })}
        />
        <PostForm
          action={`/bodies/${body.id}/motions`}
          heading={t('motions.new')}
          mistake={mistake}
          submit={t('motions.create')}
        >
          <Field name="title" label={t('motions.newTitle')} required />
          <Choice
            name="meetingId"
            label={t('motions.forMeeting')}
            options={[
              ...upcoming.map((m) => [m.id, m.title] as const),
              ['', t('motions.noMeeting')] as const,
            ]}
            selected={upcoming[0]?.id ?? ''}
          />
        </PostForm>
      </>,
      mistake,
    );
  };

  const motionPage = async (c: C, mistake?: Mistake) => {
    const x = await viewMotion(ctx, actorOn(c, 'motionId'));
    return page(
      c,
      x.title || t('motions.new'),
      <>
        <MotionHeading x={x} />
        <ErrorSummary mistake={mistake} />
        {x.canEdit ? (
          <MotionEditor x={x} mistake={mistake?.from(EditMotion)} />
        ) : (
          <MotionAsDebated x={x} />
        )}
        {x.canSecond ? (
          <Button action={`/motions/${x.id}/second`} label={t('motion.secondIt')} />
        ) : null}
      </>,
      mistake,
    );
  };

  web.get('/bodies/:id/motions', (c) => motionsPage(c));
  formRoute(web, '/bodies/:id/motions', DraftMotion, {
    run: ({ c }, { meetingId, secretKind, ...text }) =>
      draftMotion(ctx, { ...actorOn(c, 'bodyId'), meetingId, secretKind, text }),
    done: (_call, drafted) => `/motions/${drafted.motionId}`,
    again: motionsPage,
  });

  const motionForm = pageWithForms(web, '/motions/:id', motionPage);
  motionForm(
    '/motions/:id',
    EditMotion,
    async ({ signedIn: { actor }, params }, { secretKind, submit, lookup, ...text }) => {
      const motionId = params.id!;
      await lookUpClause(opts, { actor, motionId, clauses: text.clauses, lookup });
      await editMotionText(ctx, { actor, motionId, text, secretKind });
      if (submit) await submitMotion(ctx, { actor, motionId });
    },
  );
  motionForm('/motions/:id/second', SecondMotion, ({ c }) =>
    secondMotion(ctx, actorOn(c, 'motionId')),
  );

  return web;
}

/** The way back, the title, the motion's state and who proposed and seconded it. */
function MotionHeading({ x }: { x: MotionView }) {
  return (
    <>
      <p>
        <a href={`/bodies/${x.body.id}/motions`}>{t('body.motions')}</a>
        {x.meeting ? (
          <>
            {' · '}
            <a href={`/meetings/${x.meeting.id}`}>{x.meeting.title}</a>
          </>
        ) : null}
      </p>
      <h1>{x.title || t('motions.new')}</h1>
      <p class="kind">{t('motion.status', { status: t(`state.motion.${x.status}`) })}</p>
      {x.secretKind ? <p>{t(`motion.secretKind.${x.secretKind}`)}</p> : null}
      {x.composite ? (
        <p>
          {t('motion.compositedInto')}{' '}
          <a href={`/motions/${x.composite.id}`}>{x.composite.title}</a>.
        </p>
      ) : null}
      {x.compositedFrom.length ? (
        <>
          <p>{t('motion.compositedFrom')}</p>
          <ul>
            {x.compositedFrom.map((source) => (
              <li>
                <a href={`/motions/${source.id}`}>{source.title}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        {t('motion.proposer', { name: x.proposer.name })}.{' '}
        {x.seconder
          ? t('motion.seconder', { name: x.seconder.name }) + '.'
          : t('motion.noSeconder')}
      </p>
      {x.deadline && x.status === 'draft' ? (
        <p>
          {t('motion.deadline', {
            when: formatInstant(x.deadline, 'dateTime', x.meeting?.timeZone ?? 'UTC'),
            zone: x.meeting?.timeZone ?? 'UTC',
          })}
        </p>
      ) : null}
    </>
  );
}

/** The clauses as stored, in the form's flat shape. */
const storedClauses = (x: MotionView): ClauseInput[] =>
  x.text.clauses.map((cl) => ({
    id: cl.id,
    kind: cl.kind,
    text: cl.text,
    bodyId: cl.addressee?.kind === 'body' ? cl.addressee.bodyId : undefined,
    bodyName:
      cl.addressee?.kind === 'named-body' && cl.addressee.remote
        ? cl.addressee.remote.address
        : cl.addressee?.kind === 'body' || cl.addressee?.kind === 'named-body'
          ? cl.addressee.name
          : undefined,
    officer: cl.addressee?.kind === 'officer' ? cl.addressee.officer : undefined,
  }));

/**
 * The proposer's editor: the title, whether it is a secret question, and each clause. After a
 * refusal it shows the clauses as sent (rearranged as the button asked), each problem beside its
 * field.
 */
function MotionEditor({ x, mistake }: { x: MotionView; mistake: Mistake | undefined }) {
  const sent = mistake ? motionFromForm(mistake.fields) : undefined;
  const clauses: ClauseInput[] = sent?.clauses ?? storedClauses(x);
  return (
    <PostForm
      action={`/motions/${x.id}`}
      heading={t('motion.editor')}
      hint={t('motion.editorHint')}
    >
      <Field
        name="title"
        label={t('motions.newTitle')}
        value={sent?.title ?? x.title}
        error={mistake?.problem('title')}
      />
      <Choice
        name="secretKind"
        label={t('motion.secretKind')}
        options={[
          ['', t('motion.secretKind.none')],
          ...SECRET_KINDS.map((k) => [k, t(`motion.secretKind.${k}`)] as const),
        ]}
        selected={x.secretKind ?? ''}
        mistake={mistake}
      />
      {clauses.map((cl, i) => (
        <ClauseFields
          clause={cl}
          i={i}
          last={i === clauses.length - 1}
          addressees={x.addressees}
          stored={x.text.clauses.find((s) => s.id === cl.id)}
          mistake={mistake}
        />
      ))}
      <p>
        <button type="submit" name="op" value="add" class="secondary">
          {t('motion.addClause')}
        </button>
      </p>
      <p>
        <SendButtons
          name="op"
          choices={[
            ['save', t('motion.save')],
            ['submit', t('motion.submit')],
          ]}
        />
      </p>
    </PostForm>
  );
}

/**
 * One clause of the editor, its fields named `clauses.<i>.<field>`: what it does, whom it
 * addresses ("calls on" a body, "instructs" an officer), its words, and buttons to move it.
 * A problem with the addressee is shown beside the addressee's field.
 */
function ClauseFields(props: {
  clause: ClauseInput;
  i: number;
  last: boolean;
  addressees: MotionView['addressees'];
  stored: MotionView['text']['clauses'][number] | undefined;
  mistake: Mistake | undefined;
}) {
  const { clause: cl, i, mistake } = props;
  // The body elsewhere this clause names, as looked up and saved, while the field still names it.
  const a = props.stored?.addressee;
  const found =
    a?.kind === 'named-body' && a.remote && !cl.bodyId && a.remote.address === cl.bodyName?.trim()
      ? { name: a.name, server: a.remote.server }
      : null;
  const name = (field: string) => `clauses.${i}.${field}`;
  const problem = (field: string) =>
    mistake?.problem(name(field)) ??
    (field === 'bodyName' || field === 'officer' ? mistake?.problem(name('addressee')) : undefined);
  return (
    <fieldset class="clause" id={`clauses.${i}`}>
      <legend>{t('motion.clause', { n: i + 1 })}</legend>
      <input type="hidden" name={name('id')} value={cl.id ?? ''} />
      <Choice
        name={name('kind')}
        label={t('motion.kind')}
        options={CLAUSE_KINDS.map((k) => [k, t(`motion.kind.${k}`)] as const)}
        selected={cl.kind}
        error={problem('kind')}
      />
      {cl.kind === 'calls-on' ? (
        <>
          <Choice
            name={name('bodyId')}
            label={t('motion.addressee')}
            options={[
              ['', t('motion.addresseeNone')],
              ...props.addressees.map((b) => [b.id, b.name] as const),
            ]}
            selected={cl.bodyId ?? ''}
            error={problem('bodyId')}
          />
          <Field
            name={name('bodyName')}
            label={t('motion.addresseeElsewhere')}
            hint={t('motion.addresseeElsewhereHint')}
            value={cl.bodyId ? '' : cl.bodyName}
            error={problem('bodyName')}
          />
          {found ? (
            <p class="found" id={`${name('bodyName')}-found`} role="status">
              {t('motion.remoteFound', found)}
            </p>
          ) : null}
          <p>
            <button type="submit" name="op" value={`lookup:${i}`} class="secondary">
              {t('motion.lookUp', { n: i + 1 })}
            </button>
          </p>
        </>
      ) : null}
      {cl.kind === 'instructs' ? (
        <Field
          name={name('officer')}
          label={t('motion.officer')}
          value={cl.officer}
          error={problem('officer')}
        />
      ) : null}
      <TextArea
        name={name('text')}
        label={t('motion.words')}
        value={cl.text}
        error={problem('text')}
      />
      <div class="clause-actions">
        {i > 0 ? (
          <button type="submit" name="op" value={`up:${i}`} class="secondary">
            {t('motion.up', { n: i + 1 })}
          </button>
        ) : null}{' '}
        {props.last ? null : (
          <button type="submit" name="op" value={`down:${i}`} class="secondary">
            {t('motion.down', { n: i + 1 })}
          </button>
        )}{' '}
        <button type="submit" name="op" value={`remove:${i}`} class="secondary">
          {t('motion.remove', { n: i + 1 })}
        </button>
      </div>
    </fieldset>
  );
}

/** The motion's text as submitted, and once debated the substantive motion and its amendments. */
function MotionAsDebated({ x }: { x: MotionView }) {
  return (
    <>
      <MotionText text={x.text} />
      {x.debate?.amended ? (
        <>
          <h2>{t('console.substantive')}</h2>
          <MotionText text={x.debate.substantive} />
        </>
      ) : null}
      {x.debate?.amendments.length ? (
        <>
          <h2>{t('console.amendments')}</h2>
          <ul>
            {x.debate.amendments.map((a) => (
              <li>
                {a.description} ({t('console.amendmentBy', { mover: a.mover })}):{' '}
                {t(`state.amendment.${a.status}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
