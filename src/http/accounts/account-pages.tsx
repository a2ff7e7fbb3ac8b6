import type { Hono } from 'hono';
import { chooseLanguage } from '../../app/accounts/choose-language.ts';
import { exportMyData } from '../../app/accounts/export-my-data.ts';
import { viewMyTasks } from '../../app/home/view-my-tasks.ts';
import { MyTasks } from '../home/task-parts.tsx';
import { listMyOrganisations } from '../../app/organisations/view-organisation.ts';
import { countAccounts } from '../../db/queries/people.ts';
import { LOCALES, t, type MessageKey } from '../../messages/messages.ts';
import { formPageRoute, formRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { LanguageForm } from './language-form.tsx';
import { mailPreferencesPages } from './mail-pages.tsx';
import { formatInstant } from '../pages/dates.ts';
import {
  type C,
  ListOrNone,
  requireSignedIn,
  routeGroups,
  Table,
  Terms,
  titledPage,
} from '../pages/kit.tsx';
import { ChooseLanguage, MakeApiToken, RevokeApiToken } from './schema.ts';
import { ApiTokens, type MadeToken } from './token-parts.tsx';
import { listApiTokens } from '../../app/accounts/list-api-tokens.ts';
import { makeApiToken } from '../../app/accounts/make-api-token.ts';
import { revokeApiToken } from '../../app/accounts/revoke-api-token.ts';

/**
 * The home page (what needs me, then my organisations; or a word that the site is not set up yet), my account with
 * the language I read in, and the export of everything held about me.
 */
export const accountPages = (opts: HttpOptions) =>
  routeGroups(opts, homePage, myAccountPages, mailPreferencesPages);

function homePage(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  web.get('/', async (c) => {
    const signedIn = c.get('signedIn');
    if (!signedIn) {
      if ((await countAccounts(ctx.db)) === 0) {
        return titledPage(c, t('welcome.title'), <p class="notice">{t('welcome.notSetUp')}</p>);
      }
      return c.redirect('/sign-in');
    }
    const [organisations, { tasks }] = await Promise.all([
      listMyOrganisations(ctx, signedIn.actor),
      viewMyTasks(ctx, { actor: signedIn.actor }),
    ]);
    // What needs the member comes first (issue 16), then their organisations as before.
    return titledPage(
      c,
      t('home.pageTitle'),
      <>
        <MyTasks tasks={tasks} />
        <section aria-labelledby="home-organisations">
          <h2 id="home-organisations">{t('home.title')}</h2>
          <ListOrNone
            items={organisations}
            none={t('home.none')}
            item={(o) => (
              <>
                <a href={`/o/${o.slug}`}>{o.name}</a>
              </>
            )}
          />
          {signedIn.actor.isSiteAdmin ? (
            <p>
              <a href="/organisations/new">{t('home.create')}</a>
            </p>
          ) : null}
        </section>
      </>,
    );
  });
}

type MyData = Awaited<ReturnType<typeof exportMyData>>;

function myAccountPages(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const accountPage = async (c: C, mistake?: Mistake, made?: MadeToken) => {
    const signedIn = requireSignedIn(c);
    const [data, tokens] = await Promise.all([
      exportMyData(ctx, { personId: signedIn.actor.personId }),
      listApiTokens(ctx, { actor: signedIn.actor }),
    ]);
    // The page carries a token's secret once: no copy of it may be kept.
    if (made) c.header('Cache-Control', 'no-store');
    return titledPage(
      c,
      t('account.title'),
      <>
        <Terms
          terms={[
            [t('common.name'), data.person.name],
            [t('common.email'), data.person.email],
          ]}
        />
        {data.account?.siteAdministrator ? <p>{t('account.siteAdmin')}</p> : null}
        <LanguageForm current={signedIn.locale} mistake={mistake} />
        <p>
          <a href="/account/mail">{t('account.mailLink')}</a>
        </p>
        <Memberships data={data} />
        <SeenBy data={data} />
        <ApiTokens tokens={tokens} made={made} mistake={mistake} />
        <p>{t('account.exportIntro')}</p>
        <p>
          <a href="/account/export.json" download="seconded-my-data.json">
            {t('account.export')}
          </a>
        </p>
      </>,
      mistake,
    );
  };
  web.get('/account', (c) => accountPage(c));
  web.get('/account/export.json', async (c) => {
    const signedIn = requireSignedIn(c);
    const data = await exportMyData(ctx, { personId: signedIn.actor.personId });
    c.header('Content-Disposition', 'attachment; filename="seconded-my-data.json"');
    c.header('Cache-Control', 'no-store');
    return c.json(data);
  });
  formPageRoute(web, '/account/tokens', MakeApiToken, {
    run: ({ signedIn }, input) => makeApiToken(ctx, { actor: signedIn.actor, ...input }),
    present: ({ c }, made) => accountPage(c, undefined, made),
    again: accountPage,
  });
  formRoute(web, '/account/tokens/:id/revoke', RevokeApiToken, {
    run: ({ signedIn, params }) =>
      revokeApiToken(ctx, { actor: signedIn.actor, tokenId: params.id! }),
    done: () => '/account',
    again: accountPage,
  });
  formRoute(web, '/account/language', ChooseLanguage, {
    run: ({ signedIn }, { locale }) =>
      chooseLanguage(ctx, { actor: signedIn.actor, locale, offered: LOCALES }),
    done: () => '/account',
    again: accountPage,
  });
}

const Memberships = ({ data }: { data: MyData }) => (
  <>
    <h2>{t('account.memberships')}</h2>
    <ListOrNone
      items={data.memberships}
      none={t('account.none')}
      item={(m) => (
        <>
          {m.organisation}: {m.body}, {t(`role.${m.role}` as MessageKey)}
          {m.leftOn ? ` (left ${m.leftOn})` : ''}
        </>
      )}
    />
  </>
);

/** Who has looked at what is held about me (the register, my ballot papers). */
const SeenBy = ({ data }: { data: MyData }) => (
  <>
    <h2>{t('account.seenBy')}</h2>
    {data.seenBy.length ? (
      <Table headings={[t('account.seenWhen'), t('account.seenWho'), t('account.seenWhat')]}>
        {data.seenBy.map((s) => (
          <tr>
            <td>{formatInstant(s.at, 'dateTime')}</td>
            <td>{s.by}</td>
            <td>{t(`account.seen.${s.what}`, { body: s.body ?? '' })}</td>
          </tr>
        ))}
      </Table>
    ) : (
      <p>{t('account.seenByNone')}</p>
    )}
  </>
);
