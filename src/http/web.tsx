import { Hono } from 'hono';
import { acceptInvitation, checkInvitation } from '../app/accounts/accept-invitation.ts';
import { assignRole } from '../app/organisations/assign-role.ts';
import { createBody } from '../app/organisations/create-body.ts';
import { MIN_PASSWORD_LENGTH } from '../app/accounts/create-site-admin.ts';
import { createOrganisation } from '../app/organisations/create-organisation.ts';
import { exportMyData } from '../app/accounts/export-my-data.ts';
import { checkSetupLink, createFirstAdmin } from '../app/accounts/first-admin.ts';
import { importMembers, type ImportReport } from '../app/organisations/import-members.ts';
import { readCsv } from '../app/organisations/read-csv.ts';
import { inviteMembers } from '../app/organisations/invite-members.ts';
import { listMembers } from '../app/organisations/list-members.ts';
import { requestPasswordReset, resetPassword } from '../app/accounts/reset-password.ts';
import { signOut } from '../app/accounts/session.ts';
import { signIn } from '../app/accounts/sign-in.ts';
import {
  listMyOrganisations,
  viewBody,
  viewOrganisation,
  type BodyNode,
} from '../app/organisations/view-organisation.ts';
import { DomainError, forbidden } from '../domain/errors.ts';
import { IMPORT_FIELDS, type ColumnMapping } from '../domain/organisations/member-import.ts';
import { BODY_KINDS } from '../domain/names.ts';
import { ROLES } from '../domain/organisations/policy.ts';
import { PRESET_NAMES } from '../domain/organisations/standing-orders.ts';
import { countAccounts } from '../db/queries/people.ts';
import type { HttpEnv, HttpOptions } from './env.ts';
import { LanguageForm } from './language.tsx';
import { t, type MessageKey } from '../messages/messages.ts';
import { ErrorSummary, Field } from './pages/layout.tsx';
import { formatInstant } from './pages/dates.ts';
import {
  attempt,
  form,
  page,
  problemFor,
  requireSignedIn,
  statusOf,
  type C,
} from './pages/kit.tsx';
import {
  clearSessionCookie,
  clientAddress,
  readSessionCookie,
  setSessionCookie,
  type RateLimiter,
} from './security.ts';

/** The server-rendered pages: everything works with plain forms and links, no JavaScript. */
export function webRoutes(opts: HttpOptions & { limiter: RateLimiter }) {
  const { ctx, limiter } = opts;
  const web = new Hono<HttpEnv>();

  web.get('/', async (c) => {
    const signedIn = c.get('signedIn');
    if (!signedIn) {
      if ((await countAccounts(ctx.db)) === 0) {
        return page(
          c,
          t('welcome.title'),
          <>
            <h1>{t('welcome.title')}</h1>
            <p class="notice">{t('welcome.notSetUp')}</p>
          </>,
        );
      }
      return c.redirect('/sign-in');
    }
    const organisations = await listMyOrganisations(ctx, signedIn.actor);
    return page(
      c,
      t('home.title'),
      <>
        <h1>{t('home.title')}</h1>
        {organisations.length ? (
          <ul>
            {organisations.map((o) => (
              <li>
                <a href={`/o/${o.slug}`}>{o.name}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('home.none')}</p>
        )}
        {signedIn.actor.isSiteAdmin ? (
          <p>
            <a href="/organisations/new">{t('home.create')}</a>
          </p>
        ) : null}
      </>,
    );
  });

  // Signing in and out
  /** Where to go after signing in: only a path on this site. */
  const safeNext = (next: string | undefined) => (next && /^\/(?!\/)/.test(next) ? next : '/');
  const signInForm = (c: C, values: { email?: string; next?: string } = {}, error?: DomainError) =>
    page(
      c,
      t('signIn.title'),
      <>
        <h1>{t('signIn.title')}</h1>
        <ErrorSummary message={error?.message} problems={error?.problems} />
        <form method="post" action="/sign-in">
          <input type="hidden" name="next" value={safeNext(values.next)} />
          <Field
            name="email"
            type="email"
            label={t('common.email')}
            value={values.email}
            required
            autocomplete="username"
          />
          <Field
            name="password"
            type="password"
            label={t('common.password')}
            required
            autocomplete="current-password"
          />
          <button type="submit">{t('signIn.submit')}</button>
        </form>
        <p>
          <a href="/reset">{t('signIn.forgot')}</a>
        </p>
      </>,
      error ? statusOf(error) : 200,
    );
  web.get('/sign-in', (c) =>
    c.get('signedIn') ? c.redirect('/') : signInForm(c, { next: c.req.query('next') }),
  );
  web.post('/sign-in', async (c) => {
    const f = await form(c);
    const email = f.email ?? '';
    const result = await attempt(
      async () => {
        limiter.hit([`ip:${clientAddress(c)}`, `email:${email.trim().toLowerCase()}`]);
        return signIn(ctx, { email, password: f.password ?? '' });
      },
      (e) => signInForm(c, { email, next: f.next }, e),
    );
    if (!result.ok) return result.response;
    setSessionCookie(c, result.value, opts.secureCookies);
    return c.redirect(safeNext(f.next), 303);
  });
  web.post('/sign-out', async (c) => {
    await signOut(ctx, readSessionCookie(c));
    clearSessionCookie(c);
    return c.redirect('/sign-in', 303);
  });

  // First administrator
  const accountFields = (values: Record<string, string>, error?: DomainError, withEmail = true) => (
    <>
      <Field
        name="name"
        label={t('common.name')}
        value={values.name}
        error={problemFor(error, 'name')}
        required
        autocomplete="name"
      />
      {withEmail ? (
        <Field
          name="email"
          type="email"
          label={t('common.email')}
          value={values.email}
          error={problemFor(error, 'email')}
          required
          autocomplete="email"
        />
      ) : null}
      <Field
        name="password"
        type="password"
        label={t('common.password')}
        hint={t('common.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        error={problemFor(error, 'password')}
        required
        autocomplete="new-password"
      />
    </>
  );
  const setupForm = (
    c: C,
    secret: string,
    values: Record<string, string> = {},
    error?: DomainError,
  ) =>
    page(
      c,
      t('setup.title'),
      <>
        <h1>{t('setup.title')}</h1>
        <p>{t('setup.intro')}</p>
        <ErrorSummary message={error?.message} problems={error?.problems} />
        <form method="post" action={`/setup/${encodeURIComponent(secret)}`}>
          {accountFields(values, error)}
          <button type="submit">{t('setup.submit')}</button>
        </form>
      </>,
      error ? statusOf(error) : 200,
    );
  web.get('/setup/:secret', async (c) => {
    const secret = c.req.param('secret');
    if (!(await checkSetupLink(ctx, secret))) {
      return page(
        c,
        t('setup.title'),
        <>
          <h1>{t('setup.title')}</h1>
          <p role="alert">{t('setup.used')}</p>
        </>,
        410,
      );
    }
    return setupForm(c, secret);
  });
  web.post('/setup/:secret', async (c) => {
    const secret = c.req.param('secret');
    const f = await form(c);
    const result = await attempt(
      () =>
        createFirstAdmin(ctx, {
          secret,
          name: f.name ?? '',
          email: f.email ?? '',
          password: f.password ?? '',
        }),
      (e) => setupForm(c, secret, f, e),
    );
    if (!result.ok) return result.response;
    setSessionCookie(c, result.value, opts.secureCookies);
    return c.redirect('/organisations/new', 303);
  });

  // Invitations
  const inviteForm = async (
    c: C,
    secret: string,
    values: Record<string, string> = {},
    error?: DomainError,
  ) => {
    const invitation = await checkInvitation(ctx, secret);
    if (!invitation) {
      return page(
        c,
        t('invite.titleGeneric'),
        <>
          <h1>{t('invite.titleGeneric')}</h1>
          <p role="alert">{error?.message ?? t('invite.used')}</p>
        </>,
        410,
      );
    }
    return page(
      c,
      t('invite.titleGeneric'),
      <>
        <h1>{t('invite.titleGeneric')}</h1>
        <p>{t('invite.intro', { email: invitation.email })}</p>
        <ErrorSummary message={error?.message} problems={error?.problems} />
        <form method="post" action={`/invite/${encodeURIComponent(secret)}`}>
          {accountFields({ name: invitation.name, ...values }, error, false)}
          <button type="submit">{t('invite.submit')}</button>
        </form>
      </>,
      error ? statusOf(error) : 200,
    );
  };
  web.get('/invite/:secret', (c) => inviteForm(c, c.req.param('secret')));
  web.post('/invite/:secret', async (c) => {
    const secret = c.req.param('secret');
    const f = await form(c);
    const result = await attempt(
      () => acceptInvitation(ctx, { secret, name: f.name ?? '', password: f.password ?? '' }),
      (e) => inviteForm(c, secret, f, e),
    );
    if (!result.ok) return result.response;
    setSessionCookie(c, result.value, opts.secureCookies);
    return c.redirect('/', 303);
  });

  // Password reset
  const resetRequestForm = (c: C, values: Record<string, string> = {}, error?: DomainError) =>
    page(
      c,
      t('reset.title'),
      <>
        <h1>{t('reset.title')}</h1>
        <p>{t('reset.intro')}</p>
        <ErrorSummary message={error?.message} problems={error?.problems} />
        <form method="post" action="/reset">
          <Field
            name="email"
            type="email"
            label={t('common.email')}
            value={values.email}
            error={problemFor(error, 'email')}
            required
            autocomplete="email"
          />
          <button type="submit">{t('reset.submit')}</button>
        </form>
      </>,
      error ? statusOf(error) : 200,
    );
  web.get('/reset', (c) => resetRequestForm(c));
  web.post('/reset', async (c) => {
    const f = await form(c);
    const email = f.email ?? '';
    const result = await attempt(
      async () => {
        limiter.hit([`ip:${clientAddress(c)}`, `reset:${email.trim().toLowerCase()}`]);
        await requestPasswordReset(ctx, { email });
      },
      (e) => resetRequestForm(c, f, e),
    );
    if (!result.ok) return result.response;
    return page(
      c,
      t('reset.title'),
      <>
        <h1>{t('reset.title')}</h1>
        <p class="notice" role="status">
          {t('reset.sent', { email })}
        </p>
      </>,
    );
  });
  const resetForm = (c: C, secret: string, error?: DomainError) =>
    page(
      c,
      t('reset.newTitle'),
      <>
        <h1>{t('reset.newTitle')}</h1>
        <ErrorSummary message={error?.message} problems={error?.problems} />
        <form method="post" action={`/reset/${encodeURIComponent(secret)}`}>
          <Field
            name="password"
            type="password"
            label={t('common.password')}
            hint={t('common.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            error={problemFor(error, 'password')}
            required
            autocomplete="new-password"
          />
          <button type="submit">{t('reset.newSubmit')}</button>
        </form>
      </>,
      error ? statusOf(error) : 200,
    );
  web.get('/reset/:secret', (c) => resetForm(c, c.req.param('secret')));
  web.post('/reset/:secret', async (c) => {
    const secret = c.req.param('secret');
    const f = await form(c);
    const result = await attempt(
      () => resetPassword(ctx, { secret, password: f.password ?? '' }),
      (e) => resetForm(c, secret, e),
    );
    if (!result.ok) return result.response;
    setSessionCookie(c, result.value, opts.secureCookies);
    return c.redirect('/', 303);
  });

  // Organisations and bodies
  const organisationForm = (c: C, values: Record<string, string> = {}, error?: DomainError) =>
    page(
      c,
      t('org.new.title'),
      <>
        <h1>{t('org.new.title')}</h1>
        <ErrorSummary message={error?.message} problems={error?.problems} />
        <form method="post" action="/organisations/new">
          <Field
            name="name"
            label={t('org.new.name')}
            hint={t('org.new.nameHint')}
            value={values.name}
            error={problemFor(error, 'name')}
            required
          />
          <Field
            name="topBodyName"
            label={t('org.new.topBody')}
            hint={t('org.new.topBodyHint')}
            value={values.topBodyName}
            error={problemFor(error, 'topBodyName')}
            required
          />
          <PresetChoice selected={values.preset ?? 'citrine'} />
          <button type="submit">{t('org.new.submit')}</button>
        </form>
      </>,
      error ? statusOf(error) : 200,
    );
  web.get('/organisations/new', (c) => {
    // The form is only for those who may send it (DESIGN.md: site administrators set up).
    if (!requireSignedIn(c).actor.isSiteAdmin)
      throw forbidden('Only a site administrator can set up an organisation.');
    return organisationForm(c);
  });
  web.post('/organisations/new', async (c) => {
    const { actor } = requireSignedIn(c);
    const f = await form(c);
    const result = await attempt(
      () =>
        createOrganisation(ctx, {
          actor,
          name: f.name ?? '',
          topBodyName: f.topBodyName ?? '',
          preset: f.preset ?? '',
        }),
      (e) => organisationForm(c, f, e),
    );
    if (!result.ok) return result.response;
    return c.redirect(`/bodies/${result.value.topBodyId}`, 303);
  });

  web.get('/o/:slug', async (c) => {
    const { actor } = requireSignedIn(c);
    const { organisation, tree } = await viewOrganisation(ctx, {
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

  const bodyPage = async (
    c: C,
    bodyId: string,
    error?: DomainError,
    values: Record<string, string> = {},
  ) => {
    const { actor } = requireSignedIn(c);
    const view = await viewBody(ctx, { actor, bodyId });
    const rules = view.standingOrders?.rules;
    const manageOfficers = view.allowed['body.manageOfficers'];
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
        <ul>
          {view.allowed['body.participate'] ? (
            <li>
              <a href={`/bodies/${view.body.id}/ballots`}>{t('body.ballots')}</a>
            </li>
          ) : null}
          {view.allowed['body.participate'] ? (
            <li>
              <a href={`/bodies/${view.body.id}/meetings`}>{t('body.meetings')}</a> ·{' '}
              <a href={`/bodies/${view.body.id}/motions`}>{t('body.motions')}</a>
            </li>
          ) : null}
          {view.allowed['body.participate'] ? (
            <li>
              <a href={`/bodies/${view.body.id}/resolutions`}>{t('res.body.link')}</a> ·{' '}
              <a href={`/bodies/${view.body.id}/inbox`}>{t('inbox.link')}</a>
            </li>
          ) : null}
          {view.allowed['body.viewMembers'] ? (
            <li>
              <a href={`/bodies/${view.body.id}/members`}>{t('body.viewRegister')}</a>
            </li>
          ) : null}
          {view.allowed['body.manageMembers'] ? (
            <li>
              <a href={`/bodies/${view.body.id}/import`}>{t('body.import')}</a>
            </li>
          ) : null}
          {view.allowed['body.createChild'] ? (
            <li>
              <a href={`/bodies/${view.body.id}/bodies/new`}>{t('body.addBody')}</a>
            </li>
          ) : null}
        </ul>
        <h2>{t('body.officers')}</h2>
        {view.officers.length ? (
          <ul>
            {view.officers.map((o) => (
              <li>
                {o.name}, {t(`role.${o.role}` as MessageKey)}
                {manageOfficers ? (
                  <form method="post" action={`/bodies/${bodyId}/roles`} class="inline">
                    <input type="hidden" name="personId" value={o.personId} />
                    <input type="hidden" name="role" value={o.role} />
                    <input type="hidden" name="holds" value="false" />{' '}
                    <button type="submit" class="link">
                      {t('body.removeRole', {
                        name: o.name,
                        role: t(`role.${o.role}` as MessageKey),
                      })}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('body.noOfficers')}</p>
        )}
        {manageOfficers ? (
          <form method="post" action={`/bodies/${bodyId}/roles`}>
            <fieldset>
              <legend>{t('body.giveRole')}</legend>
              <ErrorSummary message={error?.message} />
              <Field
                name="email"
                type="email"
                label={t('body.giveRoleEmail')}
                hint={t('body.giveRoleHint')}
                value={values.email}
                required
              />
              <div class="field">
                <label for="role">{t('body.role')}</label>
                <select id="role" name="role">
                  {ROLES.filter((r) => r !== 'member').map((r) => (
                    <option value={r} selected={values.role === r}>
                      {t(`role.${r}`)}
                    </option>
                  ))}
                </select>
              </div>
              <input type="hidden" name="holds" value="true" />
              <button type="submit">{t('body.giveRoleSubmit')}</button>
            </fieldset>
          </form>
        ) : null}
        <h2>{t('body.below')}</h2>
        {view.children.length ? (
          <ul>
            {view.children.map((b) => (
              <li>
                <a href={`/bodies/${b.id}`}>{b.name}</a>{' '}
                <span class="kind">{t(`body.kind.${b.kind}` as MessageKey)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('body.noneBelow')}</p>
        )}
        {rules ? (
          <>
            <h2>{t('body.standingOrders')}</h2>
            <dl>
              <dt>{t('body.quorum')}</dt>
              <dd>
                {rules.quorum.kind === 'count'
                  ? t('body.quorumCount', { n: rules.quorum.members })
                  : t('body.quorumFraction', { pct: Math.round(rules.quorum.of * 100) })}
              </dd>
              <dt>{t('body.notice')}</dt>
              <dd>{t('body.noticeDays', { n: rules.noticeDays })}</dd>
              <dt>{t('body.threshold')}</dt>
              <dd>{t(`threshold.${rules.defaultThreshold}`)}</dd>
              <dt>{t('body.tie')}</dt>
              <dd>{t(`tie.${rules.tieRule}`)}</dd>
            </dl>
          </>
        ) : null}
      </>,
      error ? statusOf(error) : 200,
    );
  };
  web.get('/bodies/:id', (c) => bodyPage(c, c.req.param('id')));
  web.post('/bodies/:id/roles', async (c) => {
    const { actor } = requireSignedIn(c);
    const bodyId = c.req.param('id');
    const f = await form(c);
    const result = await attempt(
      () =>
        assignRole(ctx, {
          actor,
          bodyId,
          personId: f.personId || undefined,
          email: f.email || undefined,
          role: f.role ?? '',
          holds: f.holds !== 'false',
        }),
      (e) => bodyPage(c, bodyId, e, f),
    );
    if (!result.ok) return result.response;
    return c.redirect(`/bodies/${bodyId}`, 303);
  });

  const bodyForm = async (
    c: C,
    parentId: string,
    values: Record<string, string> = {},
    error?: DomainError,
  ) => {
    const { actor } = requireSignedIn(c);
    const view = await viewBody(ctx, { actor, bodyId: parentId });
    if (!view.allowed['body.createChild'])
      throw new DomainError('FORBIDDEN', 'Only an administrator can add bodies here.');
    const kind = values.kind ?? 'branch';
    return page(
      c,
      t('body.new.title', { parent: view.body.name }),
      <>
        <h1>{t('body.new.title', { parent: view.body.name })}</h1>
        <ErrorSummary message={error?.message} problems={error?.problems} />
        <form method="post" action={`/bodies/${parentId}/bodies/new`}>
          <Field
            name="name"
            label={t('body.new.name')}
            value={values.name}
            error={problemFor(error, 'name')}
            required
          />
          <div class="field">
            <label for="kind">{t('body.new.kind')}</label>
            <select id="kind" name="kind">
              {BODY_KINDS.map((k) => (
                <option value={k} selected={k === kind}>
                  {t(`body.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t('body.new.submit')}</button>
        </form>
      </>,
      error ? statusOf(error) : 200,
    );
  };
  web.get('/bodies/:id/bodies/new', (c) => bodyForm(c, c.req.param('id')));
  web.post('/bodies/:id/bodies/new', async (c) => {
    const { actor } = requireSignedIn(c);
    const parentId = c.req.param('id');
    const f = await form(c);
    const result = await attempt(
      () => createBody(ctx, { actor, parentId, name: f.name ?? '', kind: f.kind ?? '' }),
      (e) => bodyForm(c, parentId, f, e),
    );
    if (!result.ok) return result.response;
    return c.redirect(`/bodies/${result.value.bodyId}`, 303);
  });

  // The member register
  const registerPage = async (c: C, bodyId: string, notice?: string) => {
    const { actor } = requireSignedIn(c);
    const view = await viewBody(ctx, { actor, bodyId });
    const members = await listMembers(ctx, { actor, bodyId, includeBelow: true });
    const showBranch = view.children.length > 0;
    return page(
      c,
      t('members.title', { body: view.body.name }),
      <>
        <p>
          <a href={`/bodies/${bodyId}`}>{view.body.name}</a>
        </p>
        <h1>{t('members.title', { body: view.body.name })}</h1>
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
        <p>{members.length ? t('members.count', { count: members.length }) : t('members.none')}</p>
        {view.allowed['body.manageMembers'] ? (
          <p>
            <a href={`/bodies/${bodyId}/import`}>{t('body.import')}</a>
          </p>
        ) : null}
        {view.allowed['body.manageMembers'] && members.some((m) => !m.hasAccount) ? (
          <form method="post" action={`/bodies/${bodyId}/invitations`}>
            <button type="submit">{t('members.invite')}</button>
          </form>
        ) : null}
        {members.length ? (
          <div class="table-wrap">
            <table>
              <caption class="kind">{t('members.count', { count: members.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('common.name')}</th>
                  <th scope="col">{t('common.email')}</th>
                  <th scope="col">{t('members.number')}</th>
                  <th scope="col">{t('members.joined')}</th>
                  {showBranch ? <th scope="col">{t('members.branch')}</th> : null}
                  <th scope="col">{t('members.account')}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr>
                    <td>{m.name}</td>
                    <td>{m.email}</td>
                    <td>{m.memberNumber ?? ''}</td>
                    <td>{m.joinedOn ?? ''}</td>
                    {showBranch ? <td>{m.bodyName}</td> : null}
                    <td>{m.hasAccount ? t('members.yes') : t('members.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </>,
    );
  };
  web.get('/bodies/:id/members', (c) => registerPage(c, c.req.param('id')));
  web.post('/bodies/:id/invitations', async (c) => {
    const { actor } = requireSignedIn(c);
    const bodyId = c.req.param('id');
    const report = await inviteMembers(ctx, { actor, bodyId });
    return registerPage(c, bodyId, t('members.invited', { count: report.invited }));
  });

  // Importing members
  const importPage = async (
    c: C,
    bodyId: string,
    state: {
      report?: ImportReport;
      csv?: string;
      error?: DomainError;
      headers?: readonly string[];
      mapping?: ColumnMapping;
    } = {},
  ) => {
    const { actor } = requireSignedIn(c);
    const view = await viewBody(ctx, { actor, bodyId });
    if (!view.allowed['body.manageMembers'])
      throw new DomainError('FORBIDDEN', 'Only the secretary can import members.');
    const { report, error } = state;
    const headers = report?.headers ?? state.headers;
    const mapping = report?.mapping ?? state.mapping ?? {};
    return page(
      c,
      t('import.title', { body: view.body.name }),
      <>
        <p>
          <a href={`/bodies/${bodyId}`}>{view.body.name}</a>
        </p>
        <h1>{t('import.title', { body: view.body.name })}</h1>
        <ErrorSummary message={error?.message} />
        {report ? (
          <p class="notice" role="status">
            {t(report.dryRun ? 'import.dryRunSummary' : 'import.doneSummary', {
              rows: report.rows,
              added: report.added,
              updated: report.updated,
              unchanged: report.unchanged,
              rejected: report.rejected.length,
            })}
          </p>
        ) : null}
        {report && !report.dryRun ? (
          <p>
            <a href={`/bodies/${bodyId}/members`}>{t('import.viewRegister')}</a>
          </p>
        ) : null}
        {report?.rejected.length ? (
          <>
            <h2>{t('import.rejected')}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('import.line')}</th>
                  <th scope="col">{t('import.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {report.rejected.map((r) => (
                  <tr>
                    <td>{r.line}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
        {report?.dryRun && report.changes.length ? (
          <>
            <h2>{t('import.changes')}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('import.line')}</th>
                  <th scope="col">{t('common.name')}</th>
                  <th scope="col">{t('import.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {report.changes.slice(0, 500).map((ch) => (
                  <tr>
                    <td>{ch.line}</td>
                    <td>{ch.name}</td>
                    <td>
                      {ch.change === 'added'
                        ? t('import.added')
                        : t('import.updated', { fields: ch.fields.join(', ') })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
        {state.csv !== undefined && headers && (!report || report.dryRun) ? (
          <form method="post" action={`/bodies/${bodyId}/import`}>
            <input type="hidden" name="csv" value={state.csv} />
            <fieldset>
              <legend>{t('import.mapping')}</legend>
              <p class="hint">{t('import.mappingIntro')}</p>
              {IMPORT_FIELDS.map((field) => (
                <div class="field">
                  <label for={`map-${field}`}>{t(`import.field.${field}`)}</label>
                  <select id={`map-${field}`} name={`map.${field}`}>
                    <option value="">{t('import.notInFile')}</option>
                    {headers.map((h) => (
                      <option value={h} selected={mapping[field] === h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </fieldset>
            <button type="submit" name="step" value="check">
              {t('import.recheck')}
            </button>{' '}
            {report && !error ? (
              <button type="submit" name="step" value="import">
                {t('import.confirm')}
              </button>
            ) : null}
          </form>
        ) : (
          <>
            <p>{t('import.intro')}</p>
            <form method="post" action={`/bodies/${bodyId}/import`} enctype="multipart/form-data">
              <div class="field">
                <label for="file">{t('import.file')}</label>
                <input id="file" name="file" type="file" accept=".csv,text/csv" required />
              </div>
              <button type="submit" name="step" value="check">
                {t('import.check')}
              </button>
            </form>
          </>
        )}
      </>,
      error ? statusOf(error) : 200,
    );
  };
  web.get('/bodies/:id/import', (c) => importPage(c, c.req.param('id')));
  web.post('/bodies/:id/import', async (c) => {
    const { actor } = requireSignedIn(c);
    const bodyId = c.req.param('id');
    const body = await c.req.parseBody();
    const file = body.file;
    const csv =
      file instanceof File ? await file.text() : typeof body.csv === 'string' ? body.csv : '';
    if (!csv.trim()) {
      return importPage(c, bodyId, {
        error: new DomainError(
          'MALFORMED_FILE',
          'Choose a CSV file to import; the one sent was empty.',
        ),
      });
    }
    const chosen: ColumnMapping = {};
    let mappingGiven = false;
    for (const field of IMPORT_FIELDS) {
      const value = body[`map.${field}`];
      if (typeof value === 'string') {
        mappingGiven = true;
        if (value) chosen[field] = value;
      }
    }
    const dryRun = body.step !== 'import';
    const result = await attempt(
      () =>
        importMembers(ctx, {
          actor,
          bodyId,
          csv,
          mapping: mappingGiven ? chosen : undefined,
          dryRun,
        }),
      async (error) => {
        // The mapping could not be used: show the columns so they can be chosen by hand.
        const headers = error.code === 'MALFORMED_FILE' ? undefined : readCsv(csv).headers;
        return importPage(c, bodyId, {
          error,
          csv: headers ? csv : undefined,
          headers,
          mapping: chosen,
        });
      },
    );
    if (!result.ok) return result.response;
    return importPage(c, bodyId, { report: result.value, csv });
  });

  // My account
  web.get('/account', async (c) => {
    const signedIn = requireSignedIn(c);
    const data = await exportMyData(ctx, { personId: signedIn.actor.personId });
    return page(
      c,
      t('account.title'),
      <>
        <h1>{t('account.title')}</h1>
        <dl>
          <dt>{t('common.name')}</dt>
          <dd>{data.person.name}</dd>
          <dt>{t('common.email')}</dt>
          <dd>{data.person.email}</dd>
        </dl>
        {data.account?.siteAdministrator ? <p>{t('account.siteAdmin')}</p> : null}
        <LanguageForm current={signedIn.locale} />
        <h2>{t('account.memberships')}</h2>
        {data.memberships.length ? (
          <ul>
            {data.memberships.map((m) => (
              <li>
                {m.organisation}: {m.body}, {t(`role.${m.role}` as MessageKey)}
                {m.leftOn ? ` (left ${m.leftOn})` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('account.none')}</p>
        )}
        <h2>{t('account.seenBy')}</h2>
        {data.seenBy.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('account.seenWhen')}</th>
                  <th scope="col">{t('account.seenWho')}</th>
                  <th scope="col">{t('account.seenWhat')}</th>
                </tr>
              </thead>
              <tbody>
                {data.seenBy.map((s) => (
                  <tr>
                    <td>{formatInstant(s.at, 'dateTime')}</td>
                    <td>{s.by}</td>
                    <td>{t(`account.seen.${s.what}`, { body: s.body ?? '' })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('account.seenByNone')}</p>
        )}
        <p>{t('account.exportIntro')}</p>
        <p>
          <a href="/account/export.json" download="seconded-my-data.json">
            {t('account.export')}
          </a>
        </p>
      </>,
    );
  });
  web.get('/account/export.json', async (c) => {
    const signedIn = requireSignedIn(c);
    const data = await exportMyData(ctx, { personId: signedIn.actor.personId });
    c.header('Content-Disposition', 'attachment; filename="seconded-my-data.json"');
    c.header('Cache-Control', 'no-store');
    return c.json(data);
  });

  return web;
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
