import { Hono } from 'hono';
import { inviteMembers } from '../../app/organisations/invite-members.ts';
import { listMembers } from '../../app/organisations/list-members.ts';
import { viewBody } from '../../app/organisations/view-organisation.ts';
import { t } from '../../messages/messages.ts';
import { formPageRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { PostForm } from '../pages/forms.tsx';
import { actorOn, page, requireSignedIn, Table, type C } from '../pages/kit.tsx';
import { BodyPageHeading } from '../pages/layout.tsx';
import { importPages } from './import-pages.tsx';
import { InviteMembers } from './schema.ts';

type Member = Awaited<ReturnType<typeof listMembers>>[number];

/**
 * A body's members as pages: the register (with the members of the bodies below), invitations
 * to sign up for those without an account, and importing the register from a CSV file.
 */
export function memberPages(opts: HttpOptions) {
  const { ctx } = opts;
  const web = new Hono<HttpEnv>();
  const registerPage = async (c: C, notice?: string, mistake?: Mistake) => {
    const { actor } = requireSignedIn(c);
    const bodyId = c.req.param('id')!;
    const view = await viewBody(ctx, { actor, bodyId });
    const members = await listMembers(ctx, { actor, bodyId, includeBelow: true });
    const manage = view.allowed['body.manageMembers'];
    return page(
      c,
      t('members.title', { body: view.body.name }),
      <>
        <BodyPageHeading body={view.body} title={t('members.title', { body: view.body.name })} />
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
        <p>{members.length ? t('members.count', { count: members.length }) : t('members.none')}</p>
        {manage ? (
          <p>
            <a href={`/bodies/${bodyId}/import`}>{t('body.import')}</a>
          </p>
        ) : null}
        {manage && (mistake || members.some((m) => !m.hasAccount)) ? (
          <PostForm
            action={`/bodies/${bodyId}/invitations`}
            mistake={mistake}
            submit={t('members.invite')}
          />
        ) : null}
        {members.length ? (
          <Register members={members} showBranch={view.children.length > 0} />
        ) : null}
      </>,
      mistake,
    );
  };
  web.get('/bodies/:id/members', (c) => registerPage(c));
  formPageRoute(web, '/bodies/:id/invitations', InviteMembers, {
    run: ({ c }) => inviteMembers(ctx, actorOn(c, 'bodyId')),
    present: ({ c }, report) => registerPage(c, t('members.invited', { count: report.invited })),
    again: (c, mistake) => registerPage(c, undefined, mistake),
  });
  importPages(web, opts);
  return web;
}

/** The register as a table; the branch column only where there are bodies below. */
const Register = (props: { members: readonly Member[]; showBranch: boolean }) => (
  <Table
    caption={<caption class="kind">{t('members.count', { count: props.members.length })}</caption>}
    headings={[
      t('common.name'),
      t('common.email'),
      t('members.number'),
      t('members.joined'),
      ...(props.showBranch ? [t('members.branch')] : []),
      t('members.account'),
    ]}
  >
    {props.members.map((m) => (
      <tr>
        <td>{m.name}</td>
        <td>{m.email}</td>
        <td>{m.memberNumber ?? ''}</td>
        <td>{m.joinedOn ?? ''}</td>
        {props.showBranch ? <td>{m.bodyName}</td> : null}
        <td>{m.hasAccount ? t('members.yes') : t('members.no')}</td>
      </tr>
    ))}
  </Table>
);
