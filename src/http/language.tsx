import { Hono } from 'hono';
import { chooseLanguage } from '../app/accounts/choose-language.ts';
import type { HttpEnv, HttpOptions } from './env.ts';
import { type Locale, LOCALES, t } from '../messages/messages.ts';
import { form, requireSignedIn } from './pages/kit.tsx';

/** The choice of language on the account page: one of ours, or the browser's. */
export function LanguageForm(props: { current: string | null }) {
  return (
    <form method="post" action="/account/language">
      <fieldset class="field">
        <legend>{t('account.language')}</legend>
        <p class="hint">{t('account.languageHint')}</p>
        {[...LOCALES, ''].map((locale) => (
          <div class="choice">
            <input
              type="radio"
              id={`locale-${locale || 'browser'}`}
              name="locale"
              value={locale}
              checked={(props.current ?? '') === locale}
            />
            <label for={`locale-${locale || 'browser'}`} class="inline" lang={locale || undefined}>
              {locale ? t(`language.${locale as Locale}`) : t('account.languageBrowser')}
            </label>
          </div>
        ))}
      </fieldset>
      <button type="submit">{t('account.languageSave')}</button>
    </form>
  );
}

export function languageRoutes({ ctx }: HttpOptions) {
  const web = new Hono<HttpEnv>();
  web.post('/account/language', async (c) => {
    const { actor } = requireSignedIn(c);
    const f = await form(c);
    await chooseLanguage(ctx, { actor, locale: f.locale || null, offered: LOCALES });
    return c.redirect('/account', 303);
  });
  return web;
}
