import type { Hono } from 'hono';
import { createBody } from '../../app/organisations/create-body.ts';
import { createOrganisation } from '../../app/organisations/create-organisation.ts';
import {
  viewBody,
  viewOrganisation,
  type BodyNode,
} from '../../app/organisations/view-organisation.ts';
import { DomainError, forbidden } from '../../domain/errors.ts';
import { BODY_KINDS } from '../../domain/names.ts';
import { can, type Actor } from '../../domain/organisations/policy.ts';
import { PRESET_NAMES } from '../../domain/organisations/standing-orders.ts';
import { t, type MessageKey } from '../../messages/messages.ts';
import { formRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { Choice, Field, PostForm, RadioGroup } from '../pages/forms.tsx';
import { actorOn, requireSignedIn, routeGroups, titledPage, type C } from '../pages/kit.tsx';
import { bodyPages } from './body-pages.tsx';
import { CreateBody, CreateOrganisation } from './schema.ts';

/**
 * Organisations and their tree of bodies as pages: setting one up (site administrators), the
 * organisation's tree, a body's page with its officers, and adding a body below another.
 */
export const organisationPages = (opts: HttpOptions) =>
  routeGroups(opts, newOrganisationPages, treePages, bodyPages, newBodyPages);

/** An organisation's tree of bodies. */
function treePages(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  web.get('/o/:slug', async (c) => {
    const { actor } = requireSignedIn(c);
    const { organisation, tree } = await viewOrganisation(ctx, {
      actor,
      slug: c.req.param('slug'),
    });
    return titledPage(
      c,
      organisation.name,
      <>
        <h2>{t('org.bodies')}</h2>
        <BodyTree nodes={tree} />
        {administers(actor, organisation.id, tree[0]) ? (
          <p>
            <a href={`/o/${encodeURIComponent(organisation.slug)}/sign-in-provider`}>
              {t('idp.title')}
            </a>
          </p>
        ) : null}
      </>,
    );
  });
}

/** Whether the actor administers the organisation: gives roles in its top body (policy.ts). */
const administers = (actor: Actor, organisationId: string, top: BodyNode | undefined) =>
  top !== undefined &&
  can(actor, 'body.manageOfficers', { id: top.id, organisationId, ancestorIds: [] });

function newOrganisationPages(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const organisationForm = (c: C, mistake?: Mistake) =>
    titledPage(
      c,
      t('org.new.title'),
      <PostForm action="/organisations/new" mistake={mistake} submit={t('org.new.submit')}>
        <Field name="name" label={t('org.new.name')} hint={t('org.new.nameHint')} required />
        <Field
          name="topBodyName"
          label={t('org.new.topBody')}
          hint={t('org.new.topBodyHint')}
          required
        />
        <RadioGroup
          name="preset"
          legend={t('org.new.preset')}
          options={PRESET_NAMES.map((p) => [p, t(`preset.${p}`)] as const)}
          selected="citrine"
        />
      </PostForm>,
      mistake,
    );
  web.get('/organisations/new', (c) => {
    // The form is only for those who may send it (DESIGN.md: site administrators set up).
    if (!requireSignedIn(c).actor.isSiteAdmin)
      throw forbidden('Only a site administrator can set up an organisation.');
    return organisationForm(c);
  });
  formRoute(web, '/organisations/new', CreateOrganisation, {
    run: ({ signedIn }, input) => createOrganisation(ctx, { actor: signedIn.actor, ...input }),
    done: (_call, { topBodyId }) => `/bodies/${topBodyId}`,
    again: organisationForm,
  });
}

function newBodyPages(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const bodyForm = async (c: C, mistake?: Mistake) => {
    const { actor } = requireSignedIn(c);
    const parentId = c.req.param('id')!;
    const view = await viewBody(ctx, { actor, bodyId: parentId });
    if (!view.allowed['body.createChild'])
      throw new DomainError('FORBIDDEN', 'Only an administrator can add bodies here.');
    const title = t('body.new.title', { parent: view.body.name });
    return titledPage(
      c,
      title,
      <PostForm
        action={`/bodies/${parentId}/bodies/new`}
        mistake={mistake}
        submit={t('body.new.submit')}
      >
        <Field name="name" label={t('body.new.name')} required />
        <Choice
          name="kind"
          label={t('body.new.kind')}
          options={BODY_KINDS.map((k) => [k, t(`body.kind.${k}`)] as const)}
          selected="branch"
        />
      </PostForm>,
      mistake,
    );
  };
  web.get('/bodies/:id/bodies/new', (c) => bodyForm(c));
  formRoute(web, '/bodies/:id/bodies/new', CreateBody, {
    run: ({ c }, input) => createBody(ctx, { ...actorOn(c, 'parentId'), ...input }),
    done: (_call, { bodyId }) => `/bodies/${bodyId}`,
    again: bodyForm,
  });
}

function BodyTree(props: { nodes: readonly BodyNode[] }) {
  if (!props.nodes.length) return null;
  return (
    <ul class="tree">
      {props.nodes.map((n) => (
        <li>
          <a href={`/bodies/${n.id}`}>{n.name}</a>{' '}
          <span class="kind">{t(`body.kind.${n.kind}` as MessageKey)}</span>
          <BodyTree nodes={n.children} />
        </li>
      ))}
    </ul>
  );
}
