import { Hono } from 'hono';
import { createBody } from '../../app/organisations/create-body.ts';
import { createOrganisation } from '../../app/organisations/create-organisation.ts';
import {
  viewBody,
  viewOrganisation,
  type BodyNode,
} from '../../app/organisations/view-organisation.ts';
import { DomainError, forbidden } from '../../domain/errors.ts';
import { BODY_KINDS } from '../../domain/names.ts';
import { PRESET_NAMES } from '../../domain/organisations/standing-orders.ts';
import { t, type MessageKey } from '../../messages/messages.ts';
import { formRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { page, requireSignedIn, statusOf, type C } from '../pages/kit.tsx';
import { Choice, ErrorSummary, Field } from '../pages/layout.tsx';
import { bodyPages } from './body-pages.tsx';
import { CreateBody, CreateOrganisation } from './schema.ts';

/**
 * Organisations and their tree of bodies as pages: setting one up (site administrators), the
 * organisation's tree, a body's page with its officers, and adding a body below another.
 */
export function organisationPages(opts: HttpOptions) {
  const web = new Hono<HttpEnv>();
  newOrganisationPages(web, opts);
  web.get('/o/:slug', async (c) => {
    const { actor } = requireSignedIn(c);
    const { organisation, tree } = await viewOrganisation(opts.ctx, {
      actor,
      slug: c.req.param('slug'),
    });
    return page(
      c,
      organisation.name,
      <>
        <h1>{organisation.name}</h1>
        <h2>{t('org.bodies')}</h2>
        <BodyTree nodes={tree} />
      </>,
    );
  });
  bodyPages(web, opts);
  newBodyPages(web, opts);
  return web;
}

function newOrganisationPages(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const organisationForm = (c: C, mistake?: Mistake) =>
    page(
      c,
      t('org.new.title'),
      <>
        <h1>{t('org.new.title')}</h1>
        <ErrorSummary mistake={mistake} />
        <form method="post" action="/organisations/new">
          <Field
            name="name"
            label={t('org.new.name')}
            hint={t('org.new.nameHint')}
            mistake={mistake}
            required
          />
          <Field
            name="topBodyName"
            label={t('org.new.topBody')}
            hint={t('org.new.topBodyHint')}
            mistake={mistake}
            required
          />
          <PresetChoice selected={mistake?.value('preset') ?? 'citrine'} />
          <button type="submit">{t('org.new.submit')}</button>
        </form>
      </>,
      mistake ? statusOf(mistake.error) : 200,
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
    return page(
      c,
      title,
      <>
        <h1>{title}</h1>
        <ErrorSummary mistake={mistake} />
        <form method="post" action={`/bodies/${parentId}/bodies/new`}>
          <Field name="name" label={t('body.new.name')} mistake={mistake} required />
          <Choice
            name="kind"
            label={t('body.new.kind')}
            options={BODY_KINDS.map((k) => [k, t(`body.kind.${k}`)] as const)}
            selected="branch"
            mistake={mistake}
          />
          <button type="submit">{t('body.new.submit')}</button>
        </form>
      </>,
      mistake ? statusOf(mistake.error) : 200,
    );
  };
  web.get('/bodies/:id/bodies/new', (c) => bodyForm(c));
  formRoute(web, '/bodies/:id/bodies/new', CreateBody, {
    run: ({ signedIn, params }, input) =>
      createBody(ctx, { actor: signedIn.actor, parentId: params.id!, ...input }),
    done: (_call, { bodyId }) => `/bodies/${bodyId}`,
    again: bodyForm,
  });
}

function PresetChoice(props: { selected: string }) {
  return (
    <fieldset class="field">
      <legend>{t('org.new.preset')}</legend>
      {PRESET_NAMES.map((p) => (
        <div>
          <input
            type="radio"
            id={`preset-${p}`}
            name="preset"
            value={p}
            checked={props.selected === p}
          />{' '}
          <label for={`preset-${p}`} class="inline">
            {t(`preset.${p}`)}
          </label>
        </div>
      ))}
    </fieldset>
  );
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
