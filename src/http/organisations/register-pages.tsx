import type { Hono } from 'hono';
import { addMember } from '../../app/organisations/add-member.ts';
import { editMember } from '../../app/organisations/edit-member.ts';
import { exportRegister } from '../../app/organisations/export-register.ts';
import { inviteMember } from '../../app/organisations/invite-member.ts';
import { lapseMember } from '../../app/organisations/lapse-member.ts';
import { removeMember } from '../../app/organisations/remove-member.ts';
import { viewMember, type MemberDetailsView } from '../../app/organisations/view-member.ts';
import { viewBody } from '../../app/organisations/view-organisation.ts';
import { DomainError } from '../../domain/errors.ts';
import { t, type MessageKey } from '../../messages/messages.ts';
import { formRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { asking, DangerButton } from '../pages/confirm.tsx';
import { ErrorSummary, Field, PostForm } from '../pages/forms.tsx';
import { actorOn, page, requireSignedIn, Terms, type C } from '../pages/kit.tsx';
import { BodyPageHeading } from '../pages/layout.tsx';
import {
  InviteMember,
  LapseMember,
  MemberDetails,
  RegisterQuery,
  RemoveMember,
} from './register-schema.ts';

/** What `?done=` after a step on the register says (only these words, whatever is sent). */
const DONE: Record<string, MessageKey> = {
  added: 'register.done.added',
  rejoined: 'register.done.rejoined',
  edited: 'register.done.edited',
  lapsed: 'register.done.lapsed',
  invited: 'register.done.invited',
  removed: 'register.done.removed',
};

/** The notice for a step just taken, named by `?done=`; nothing for anything else. */
export const doneNotice = (done: string | undefined) =>
  done && Object.hasOwn(DONE, done) ? t(DONE[done]!) : undefined;

const Notice = ({ text }: { text: string | undefined }) =>
  text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;

/**
 * One member at a time, as pages without JavaScript: adding a member, a member's page (their
 * details, and for those who manage the register: correcting them, inviting, lapsing,
 * removing), and the register as a CSV download.
 */
export function registerPages(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const memberAddress = (bodyId: string, personId: string, done: string) =>
    `/bodies/${bodyId}/members/${personId}?done=${done}`;

  const addPage = async (c: C, mistake?: Mistake) => {
    const { actor } = requireSignedIn(c);
    const view = await viewBody(ctx, { actor, bodyId: c.req.param('id')! });
    if (!view.allowed['body.manageMembers'])
      throw new DomainError('FORBIDDEN', 'Only the secretary can add members.');
    const title = t('register.addTitle', { body: view.body.name });
    return page(
      c,
      title,
      <>
        <BodyPageHeading body={view.body} title={title} />
        <PostForm
          action={`/bodies/${view.body.id}/members/new`}
          hint={t('register.addHint')}
          mistake={mistake}
          submit={t('register.addButton')}
        >
          <DetailFields />
        </PostForm>
      </>,
      mistake,
    );
  };
  web.get('/bodies/:id/members/new', (c) => addPage(c));
  formRoute(web, '/bodies/:id/members/new', MemberDetails, {
    run: ({ c }, input) => addMember(ctx, { ...actorOn(c, 'bodyId'), ...input }),
    done: ({ params }, added) => memberAddress(params.id!, added.personId, added.outcome),
    again: (c, mistake) => addPage(c, mistake),
  });

  web.get('/bodies/:id/members.csv', async (c) => {
    const { actor } = requireSignedIn(c);
    const parsed = RegisterQuery.safeParse(c.req.query());
    const file = await exportRegister(ctx, {
      actor,
      bodyId: c.req.param('id')!,
      includeBelow: true,
      status: parsed.success ? parsed.data.status : undefined,
    });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${file.filename}"`);
    c.header('Cache-Control', 'no-store');
    // A byte-order mark, so that Excel reads the file as UTF-8 (the import skips it).
    return c.body(`\uFEFF${file.csv}`);
  });

  const memberPage = async (c: C, mistake?: Mistake) => {
    const { actor } = requireSignedIn(c);
    const bodyId = c.req.param('id')!;
    const view = await viewBody(ctx, { actor, bodyId });
    const member = await viewMember(ctx, { actor, bodyId, personId: c.req.param('personId')! });
    const manage = view.allowed['body.manageMembers'];
    return page(
      c,
      member.name,
      <>
        <BodyPageHeading body={view.body} title={member.name} />
        <Notice text={mistake ? undefined : doneNotice(c.req.query('done'))} />
        <MemberTerms member={member} />
        {manage ? (
          <ManageMember
            bodyId={bodyId}
            member={member}
            today={ctx.now().toISOString().slice(0, 10)}
            mistake={mistake}
          />
        ) : null}
        <p>
          <a href={`/bodies/${bodyId}/members`}>{t('register.back')}</a>
        </p>
      </>,
      mistake,
    );
  };
  const path = '/bodies/:id/members/:personId';
  web.get(path, (c) => memberPage(c));
  const who = (c: C) => ({
    actor: requireSignedIn(c).actor,
    bodyId: c.req.param('id')!,
    personId: c.req.param('personId')!,
  });
  const back = { again: (c: C, mistake: Mistake) => memberPage(c, mistake) };
  formRoute(web, path, MemberDetails, {
    run: ({ c }, input) => editMember(ctx, { ...who(c), ...input }),
    done: ({ params }) => memberAddress(params.id!, params.personId!, 'edited'),
    ...back,
  });
  formRoute(web, `${path}/lapse`, LapseMember, {
    run: ({ c }, input) => lapseMember(ctx, { ...who(c), leftOn: input.leftOn }),
    done: ({ params }) => memberAddress(params.id!, params.personId!, 'lapsed'),
    ...back,
  });
  formRoute(web, `${path}/invitation`, InviteMember, {
    run: ({ c }) => inviteMember(ctx, who(c)),
    done: ({ params }) => memberAddress(params.id!, params.personId!, 'invited'),
    ...back,
  });
  formRoute(web, `${path}/remove`, RemoveMember, {
    run: ({ c }) => removeMember(ctx, who(c)),
    confirm: async ({ c }) =>
      asking('removeMember', { name: (await viewMember(ctx, who(c))).name }),
    done: ({ params }) => `/bodies/${params.id}/members?done=removed`,
    ...back,
  });
}

/** The fields of a member's details, filled with what is stored when correcting them. */
const DetailFields = (props: { member?: MemberDetailsView }) => (
  <>
    <Field
      name="name"
      label={t('common.name')}
      value={props.member?.name}
      required
      autocomplete="off"
    />
    <Field
      name="email"
      label={t('common.email')}
      type="email"
      value={props.member?.email}
      required
      autocomplete="off"
    />
    <Field
      name="memberNumber"
      label={t('members.number')}
      value={props.member?.memberNumber ?? undefined}
      autocomplete="off"
    />
    <Field
      name="joinedOn"
      label={t('members.joined')}
      hint={t('register.dateHint')}
      value={props.member?.joinedOn ?? undefined}
      autocomplete="off"
    />
  </>
);

const MemberTerms = ({ member }: { member: MemberDetailsView }) => (
  <Terms
    terms={[
      [t('common.email'), member.email],
      [t('members.number'), member.memberNumber ?? '—'],
      [t('members.joined'), member.joinedOn ?? '—'],
      ...(member.leftOn ? [[t('register.left'), member.leftOn] as const] : []),
      [t('members.account'), member.hasAccount ? t('members.yes') : t('members.no')],
      ...(member.offices.length
        ? [[t('register.offices'), member.offices.join(', ')] as const]
        : []),
    ]}
  />
);

/** The forms of a member's page for those who manage the register, each showing its own refusal. */
function ManageMember(props: {
  bodyId: string;
  member: MemberDetailsView;
  today: string;
  mistake: Mistake | undefined;
}) {
  const { member, mistake } = props;
  const base = `/bodies/${props.bodyId}/members/${member.personId}`;
  const current = !member.lapsed;
  return (
    <>
      <PostForm
        action={base}
        heading={t('register.edit')}
        hint={member.hasAccount ? t('register.ownDetails') : undefined}
        mistake={mistake?.from(MemberDetails)}
        submit={t('common.save')}
      >
        <DetailFields member={member} />
      </PostForm>
      {current && !member.hasAccount ? (
        <PostForm
          action={`${base}/invitation`}
          heading={t('register.inviteHeading')}
          hint={t('register.inviteHint')}
          mistake={mistake?.from(InviteMember)}
          submit={t('register.invite')}
        />
      ) : null}
      {member.lapsed && member.leftOn ? (
        <p>{t('register.lapsedNote', { date: member.leftOn })}</p>
      ) : null}
      {member.offices.length ? (
        <p>{t('register.officeHolder', { offices: member.offices.join(', ') })}</p>
      ) : (
        <>
          {current ? (
            <PostForm
              action={`${base}/lapse`}
              heading={t('register.lapseHeading')}
              hint={t('register.lapseHint')}
              mistake={mistake?.from(LapseMember)}
              submit={t('register.lapse')}
            >
              <Field
                name="leftOn"
                label={t('register.leftOn')}
                hint={t('register.dateHint')}
                value={props.today}
                autocomplete="off"
              />
            </PostForm>
          ) : null}
          <h2>{t('register.removeHeading')}</h2>
          <p class="hint">{t('register.removeHint')}</p>
          <ErrorSummary mistake={mistake?.from(RemoveMember)} />
          <DangerButton
            action={`${base}/remove`}
            label={t('register.remove')}
            confirm={asking('removeMember', { name: member.name })}
          />
        </>
      )}
    </>
  );
}
