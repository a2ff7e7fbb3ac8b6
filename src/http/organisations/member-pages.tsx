import { Hono } from 'hono';
import { countInvitations, inviteMembers } from '../../app/organisations/invite-members.ts';
import {
  viewRegisterPage,
  type RegisterMember,
  type RegisterPage,
} from '../../app/organisations/page-register.ts';
import type { RegisterStatus } from '../../db/queries/register.ts';
import { t } from '../../messages/messages.ts';
import { formPageRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { asking, DangerButton } from '../pages/confirm.tsx';
import { Choice, ErrorSummary } from '../pages/forms.tsx';
import { actorOn, page, requireSignedIn, Table, type C } from '../pages/kit.tsx';
import { BodyPageHeading } from '../pages/layout.tsx';
import { importPages } from './import-pages.tsx';
import { doneNotice, registerPages } from './register-pages.tsx';
import { RegisterQuery } from './register-schema.ts';
import { InviteMembers } from './schema.ts';

const STATUSES: readonly RegisterStatus[] = ['current', 'lapsed', 'all'];

/**
 * A body's members as pages: the register a page at a time (with the members of the bodies
 * below), searched by name, number or email; invitations to sign up for those without an
 * account; one member's page (register-pages.tsx); and importing the register from a CSV file.
 */
export function memberPages(opts: HttpOptions) {
  const { ctx } = opts;
  const web = new Hono<HttpEnv>();
  const registerPage = async (c: C, notice?: string, mistake?: Mistake) => {
    const { actor } = requireSignedIn(c);
    const bodyId = c.req.param('id')!;
    // A query that is not valid (a hand-made address) is read as no query, never a 500.
    const parsed = RegisterQuery.safeParse(c.req.query());
    const q = parsed.success ? parsed.data : {};
    const status = q.status ?? 'current';
    const register = await viewRegisterPage(ctx, {
      actor,
      bodyId,
      includeBelow: true,
      status,
      search: q.search,
      after: q.after,
      before: q.before,
    });
    const { body, canManage: manage } = register;
    // The whole register, not this page of it: the button says how many emails it sends.
    const toInvite = manage ? await countInvitations(ctx, { actor, bodyId }) : 0;
    const shown = notice ?? doneNotice(c.req.query('done'));
    return page(
      c,
      t('members.title', { body: body.name }),
      <>
        <BodyPageHeading body={body} title={t('members.title', { body: body.name })} />
        {shown ? (
          <p class="notice" role="status">
            {shown}
          </p>
        ) : null}
        <p>{countLine(status, register)}</p>
        <ul class="actions">
          {manage ? (
            <>
              <li>
                <a href={`/bodies/${bodyId}/members/new`}>{t('register.add')}</a>
              </li>
              <li>
                <a href={`/bodies/${bodyId}/import`}>{t('body.import')}</a>
              </li>
            </>
          ) : null}
          <li>
            <a href={`/bodies/${bodyId}/members.csv?status=${status}`} download>
              {t('register.export')}
            </a>
          </li>
        </ul>
        {manage && (mistake || toInvite) ? (
          <>
            <ErrorSummary mistake={mistake} />
            <DangerButton
              action={`/bodies/${bodyId}/invitations`}
              label={t('members.invite')}
              confirm={asking('invite', { count: toInvite })}
            />
          </>
        ) : null}
        <SearchForm bodyId={bodyId} search={q.search ?? ''} status={status} />
        {q.search ? <p>{t('register.matching', { search: q.search })}</p> : null}
        {register.members.length ? (
          <Register
            bodyId={bodyId}
            members={register.members}
            showBranch={register.withBodiesBelow}
            showLeft={status !== 'current'}
          />
        ) : q.search ? (
          <p>{t('register.noneFound')}</p>
        ) : null}
        <PageLinks bodyId={bodyId} page={register} search={q.search} status={status} />
      </>,
      mistake,
    );
  };
  web.get('/bodies/:id/members', (c) => registerPage(c));
  formPageRoute(web, '/bodies/:id/invitations', InviteMembers, {
    run: ({ c }) => inviteMembers(ctx, actorOn(c, 'bodyId')),
    confirm: async ({ c }) =>
      asking('invite', { count: await countInvitations(ctx, actorOn(c, 'bodyId')) }),
    present: ({ c }, report) => registerPage(c, t('members.invited', { count: report.invited })),
    again: (c, mistake) => registerPage(c, undefined, mistake),
  });
  registerPages(web, opts);
  importPages(web, opts);
  return web;
}

function countLine(status: RegisterStatus, { total, totalCapped }: RegisterPage) {
  if (totalCapped) return t('register.countAtLeast', { count: total });
  if (status === 'lapsed') return t('register.countLapsed', { count: total });
  if (status === 'all') return t('register.countAll', { count: total });
  return total ? t('members.count', { count: total }) : t('members.none');
}

/** Searching the register: a GET form, so that a search is an address that can be kept. */
const SearchForm = (props: { bodyId: string; search: string; status: RegisterStatus }) => (
  <form method="get" action={`/bodies/${props.bodyId}/members`} role="search">
    <fieldset>
      <legend>{t('register.searchLegend')}</legend>
      <div class="field">
        <label for="search">{t('register.search')}</label>
        <input id="search" name="search" type="search" value={props.search} />
      </div>
      <Choice
        name="status"
        label={t('register.statusLabel')}
        options={STATUSES.map((s) => [s, t(`register.status.${s}`)] as const)}
        selected={props.status}
      />
      <button type="submit">{t('register.searchButton')}</button>
    </fieldset>
  </form>
);

/** Links to the pages before and after this one, keeping the search and the status. */
function PageLinks(props: {
  bodyId: string;
  page: RegisterPage;
  search: string | undefined;
  status: RegisterStatus;
}) {
  const { previous, next } = props.page;
  if (!previous && !next) return null;
  const link = (where: 'after' | 'before', cursor: string) => {
    const q = new URLSearchParams({ status: props.status });
    if (props.search) q.set('search', props.search);
    q.set(where, cursor);
    return `/bodies/${props.bodyId}/members?${q.toString()}`;
  };
  return (
    <nav aria-label={t('register.pages')} class="pages">
      {previous ? (
        <a href={link('before', previous)} rel="prev">
          {t('register.previous')}
        </a>
      ) : null}{' '}
      {next ? (
        <a href={link('after', next)} rel="next">
          {t('register.next')}
        </a>
      ) : null}
    </nav>
  );
}

/** The register as a table; the branch column only where there are bodies below. */
const Register = (props: {
  bodyId: string;
  members: readonly RegisterMember[];
  showBranch: boolean;
  showLeft: boolean;
}) => (
  <Table
    headings={[
      t('common.name'),
      t('common.email'),
      t('members.number'),
      t('members.joined'),
      ...(props.showLeft ? [t('register.left')] : []),
      ...(props.showBranch ? [t('members.branch')] : []),
      t('members.account'),
    ]}
  >
    {props.members.map((m) => (
      <tr>
        <td>
          <a href={`/bodies/${m.bodyId}/members/${m.personId}`}>{m.name}</a>
        </td>
        <td>{m.email}</td>
        <td>{m.memberNumber ?? ''}</td>
        <td>{m.joinedOn ?? ''}</td>
        {props.showLeft ? <td>{m.leftOn ?? ''}</td> : null}
        {props.showBranch ? <td>{m.bodyName}</td> : null}
        <td>{m.hasAccount ? t('members.yes') : t('members.no')}</td>
      </tr>
    ))}
  </Table>
);
