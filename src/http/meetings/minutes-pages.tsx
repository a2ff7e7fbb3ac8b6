import { forbidden } from '../../domain/errors.ts';
import { Hono } from 'hono';
import { approveMinutes } from '../../app/meetings/approve-minutes.ts';
import { correctMinutes } from '../../app/meetings/correct-minutes.ts';
import { redraftMinutes } from '../../app/meetings/draft-minutes.ts';
import { editMinutes } from '../../app/meetings/edit-minutes.ts';
import { viewMinutes } from '../../app/meetings/view-minutes.ts';
import { t } from '../../messages/messages.ts';
import type { Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { formatInstant } from '../pages/dates.ts';
import { Choice, ErrorSummary, Field, PostForm, TextArea } from '../pages/forms.tsx';
import { asking, DangerButton } from '../pages/confirm.tsx';
import { actorOn, page, pageWithForms, type C } from '../pages/kit.tsx';
import {
  ApproveMinutes,
  CorrectMinutes,
  EditMinutes,
  minutesAsForm,
  RedraftMinutes,
} from './motion-schema.ts';

type MinutesView = Awaited<ReturnType<typeof viewMinutes>>;

/** The minutes of a meeting: drafted, edited by the secretary, corrected and approved. */
export function minutesRoutes({ ctx }: HttpOptions) {
  const web = new Hono<HttpEnv>();

  const minutesPage = async (c: C, mistake?: Mistake) => {
    const x = await viewMinutes(ctx, actorOn(c, 'meetingId'));
    const doc = x.document;
    return page(
      c,
      t('minutes.title', { title: x.meeting.title }),
      <>
        <p>
          <a href={`/meetings/${x.meeting.id}`}>{x.meeting.title}</a>
        </p>
        <h1>{doc.title}</h1>
        <p class="notice">
          {x.status === 'draft'
            ? t('minutes.draft')
            : t('minutes.approved', {
                when: x.approvedAt ? formatInstant(x.approvedAt, 'date') : '',
              })}
        </p>
        <ErrorSummary mistake={mistake} />
        {x.canEdit ? (
          <MinutesEditor x={x} mistake={mistake?.from(EditMinutes)} />
        ) : (
          <MinutesText x={x} />
        )}
        {x.canEdit ? (
          <DangerButton
            action={`/meetings/${x.meeting.id}/minutes/redraft`}
            label={t('minutes.redraft')}
            confirm={asking('redraft')}
          />
        ) : null}
        <Corrections x={x} mistake={mistake?.from(CorrectMinutes)} />
        {x.status === 'draft' && x.approvableAt.length ? (
          <PostForm
            action={`/meetings/${x.meeting.id}/minutes/approve`}
            submit={t('minutes.approve')}
          >
            <AtMeeting x={x} mistake={mistake?.from(ApproveMinutes)} />
          </PostForm>
        ) : null}
      </>,
      mistake,
    );
  };

  const minutesForm = pageWithForms(web, '/meetings/:id/minutes', minutesPage);
  minutesForm(
    '/meetings/:id/minutes',
    EditMinutes,
    ({ c }, { document }) => editMinutes(ctx, { ...actorOn(c, 'meetingId'), document }),
    // The form may send only what changed (a new item): the rest is as stored.
    async ({ c }, fields) => {
      const current = await viewMinutes(ctx, actorOn(c, 'meetingId'));
      return { ...minutesAsForm(current.document), ...fields };
    },
  );
  minutesForm(
    '/meetings/:id/minutes/redraft',
    RedraftMinutes,
    ({ c }) => redraftMinutes(ctx, actorOn(c, 'meetingId')),
    undefined,
    async ({ c }) => {
      // Only those who may draft the minutes are asked; anyone else is refused as before.
      if (!(await viewMinutes(ctx, actorOn(c, 'meetingId'))).canEdit) {
        throw forbidden('Only those who run meetings for this body may draft the minutes again.');
      }
      return asking('redraft');
    },
  );
  minutesForm('/meetings/:id/minutes/correct', CorrectMinutes, ({ c }, input) =>
    correctMinutes(ctx, { ...actorOn(c, 'meetingId'), ...input }),
  );
  minutesForm('/meetings/:id/minutes/approve', ApproveMinutes, ({ c }, input) =>
    approveMinutes(ctx, { ...actorOn(c, 'meetingId'), ...input }),
  );
  return web;
}

/**
 * The draft minutes as a form: the title, each section's heading and items, and a box for a new
 * item in each section. After a refusal it shows what was sent, each problem beside its field.
 */
function MinutesEditor({ x, mistake }: { x: MinutesView; mistake: Mistake | undefined }) {
  const stored = minutesAsForm(x.document);
  const value = (name: string) => (mistake ? mistake.value(name) : stored[name]);
  return (
    <PostForm
      action={`/meetings/${x.meeting.id}/minutes`}
      heading={t('minutes.edit')}
      submit={t('minutes.save')}
    >
      <Field name="title" label={t('meetings.name')} value={value('title')} mistake={mistake} />
      {x.document.sections.map((s, i) => (
        <fieldset>
          <legend>{`${i + 1}. ${s.heading}`}</legend>
          <Field
            name={`s.${i}.heading`}
            label={t('minutes.heading', { n: i + 1 })}
            value={value(`s.${i}.heading`)}
            mistake={mistake}
          />
          {s.items.map((item, j) => (
            <>
              <input type="hidden" name={`s.${i}.items.${j}.kind`} value={item.kind} />
              <TextArea
                name={`s.${i}.items.${j}.text`}
                label={t('minutes.item', { n: i + 1, m: j + 1 })}
                value={value(`s.${i}.items.${j}.text`)}
                error={mistake?.problem(`s.${i}.items.${j}.text`)}
              />
            </>
          ))}
          <TextArea
            name={`s.${i}.new`}
            label={t('minutes.newItem', { n: i + 1 })}
            value={mistake?.value(`s.${i}.new`)}
            rows={2}
          />
        </fieldset>
      ))}
    </PostForm>
  );
}

/** The minutes as they read: numbered sections, each item numbered, resolutions set apart. */
function MinutesText({ x }: { x: MinutesView }) {
  return x.document.sections.map((s, i) => (
    <section>
      <h2>{`${i + 1}. ${s.heading}`}</h2>
      {s.items.map((item, j) =>
        item.kind === 'resolution' ? (
          <pre class="resolution">{item.text}</pre>
        ) : (
          <p>
            {i + 1}.{j + 1} {item.text}
          </p>
        ),
      )}
    </section>
  ));
}

/** Corrections recorded to approved minutes, and the form to record another at a meeting. */
function Corrections({ x, mistake }: { x: MinutesView; mistake: Mistake | undefined }) {
  return (
    <>
      {x.corrections.length ? (
        <section aria-labelledby="corrections-heading">
          <h2 id="corrections-heading">{t('minutes.corrections')}</h2>
          <ol>
            {x.corrections.map((c) => (
              <li>
                {c.text}{' '}
                <span class="kind">{t('minutes.correctedAt', { meeting: c.meetingRef })}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {x.status === 'approved' && x.approvableAt.length ? (
        <PostForm
          action={`/meetings/${x.meeting.id}/minutes/correct`}
          heading={t('minutes.correct')}
          submit={t('minutes.recordCorrection')}
        >
          <TextArea name="text" label={t('minutes.correction')} mistake={mistake} required />
          <AtMeeting x={x} mistake={mistake} />
        </PostForm>
      ) : null}
    </>
  );
}

/** The later meeting, in session, at which the minutes are approved or corrected. */
const AtMeeting = ({ x, mistake }: { x: MinutesView; mistake: Mistake | undefined }) => (
  <Choice
    name="atMeetingId"
    label={t('minutes.approveAt')}
    options={x.approvableAt.map((m) => [m.id, m.title] as const)}
    selected={x.approvableAt[0]!.id}
    mistake={mistake}
  />
);
