import type { Hono } from 'hono';
import { assignRole } from '../../app/organisations/assign-role.ts';
import { viewBody } from '../../app/organisations/view-organisation.ts';
import { ROLES } from '../../domain/organisations/policy.ts';
import { t, type MessageKey } from '../../messages/messages.ts';
import type { Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { Choice, Field, LinkButton, PostForm } from '../pages/forms.tsx';
import { actorOn, Listing, ListOrNone, page, pageWithForms, type C } from '../pages/kit.tsx';
import { AssignRole } from './schema.ts';
import { RulesList } from './standing-orders-pages.tsx';

type BodyView = Awaited<ReturnType<typeof viewBody>>;

/**
 * A body's page: where it sits, what its members can reach from it, its officers (given and
 * taken away here by those who manage them), the bodies below it and its main standing orders.
 */
export function bodyPages(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const bodyPage = async (c: C, mistake?: Mistake) => {
    const view = await viewBody(ctx, actorOn(c, 'bodyId'));
    const rules = view.standingOrders?.rules;
    return page(
      c,
      view.body.name,
      <>
        <p>
          <a href={`/o/${view.organisation.slug}`}>{view.organisation.name}</a>
          {view.parent ? (
            <>
              {' '}
              › <a href={`/bodies/${view.parent.id}`}>{view.parent.name}</a>
            </>
          ) : null}
        </p>
        <h1>{view.body.name}</h1>
        <p class="kind">
          {t(`body.kind.${view.body.kind}` as MessageKey)} ·{' '}
          {t('body.members', { count: view.memberCount })}
        </p>
        <BodyLinks view={view} />
        <Officers view={view} mistake={mistake} />
        <h2>{t('body.below')}</h2>
        <Listing
          items={view.children}
          none={t('body.noneBelow')}
          entry={(b) => ({
            href: `/bodies/${b.id}`,
            name: b.name,
            note: t(`body.kind.${b.kind}` as MessageKey),
          })}
        />
        {rules ? (
          <>
            <h2>{t('body.standingOrders')}</h2>
            {/* The standing orders members most need to know; the rest are on their own page. */}
            <RulesList rules={rules} only={['quorum', 'notice', 'threshold', 'tie']} />
          </>
        ) : null}
      </>,
      mistake,
    );
  };
  const bodyForm = pageWithForms(web, '/bodies/:id', bodyPage);
  bodyForm('/bodies/:id/roles', AssignRole, ({ c }, input) =>
    assignRole(ctx, { ...actorOn(c, 'bodyId'), ...input }),
  );
}

/** What the reader may reach from the body, each only if they may. */
function BodyLinks({ view }: { view: BodyView }) {
  const at = (path: string) => `/bodies/${view.body.id}${path}`;
  const participate = view.allowed['body.participate'];
  const links: [boolean, unknown][] = [
    [participate, <a href={at('/ballots')}>{t('body.ballots')}</a>],
    [
      participate,
      <>
        <a href={at('/meetings')}>{t('body.meetings')}</a> ·{' '}
        <a href={at('/motions')}>{t('body.motions')}</a>
      </>,
    ],
    [
      participate,
      <>
        <a href={at('/resolutions')}>{t('res.body.link')}</a> ·{' '}
        <a href={at('/inbox')}>{t('inbox.link')}</a>
      </>,
    ],
    [view.allowed['body.viewMembers'], <a href={at('/members')}>{t('body.viewRegister')}</a>],
    [view.allowed['body.manageMembers'], <a href={at('/import')}>{t('body.import')}</a>],
    [view.allowed['body.createChild'], <a href={at('/bodies/new')}>{t('body.addBody')}</a>],
  ];
  return <ul>{links.map(([allowed, link]) => (allowed ? <li>{link as never}</li> : null))}</ul>;
}

/** The body's officers; those who manage them may take a role away or give one. */
function Officers({ view, mistake }: { view: BodyView; mistake: Mistake | undefined }) {
  const manage = view.allowed['body.manageOfficers'];
  const action = `/bodies/${view.body.id}/roles`;
  return (
    <>
      <h2>{t('body.officers')}</h2>
      <ListOrNone
        items={view.officers}
        none={t('body.noOfficers')}
        item={(o) => (
          <>
            {o.name}, {t(`role.${o.role}` as MessageKey)}
            {manage ? (
              <>
                {' '}
                <LinkButton
                  action={action}
                  label={t('body.removeRole', {
                    name: o.name,
                    role: t(`role.${o.role}` as MessageKey),
                  })}
                  fields={{ personId: o.personId, role: o.role, holds: 'false' }}
                />
              </>
            ) : null}
          </>
        )}
      />
      {manage ? (
        <PostForm
          action={action}
          fields={{ holds: 'true' }}
          mistake={mistake}
          submit={t('body.giveRoleSubmit')}
        >
          <fieldset>
            <legend>{t('body.giveRole')}</legend>
            <Field
              name="email"
              type="email"
              label={t('body.giveRoleEmail')}
              hint={t('body.giveRoleHint')}
              required
            />
            <Choice
              name="role"
              label={t('body.role')}
              options={ROLES.filter((r) => r !== 'member').map((r) => [r, t(`role.${r}`)] as const)}
            />
          </fieldset>
        </PostForm>
      ) : null}
    </>
  );
}
