import { type Locale, LOCALES, t } from '../../messages/messages.ts';
import type { Mistake } from '../action.ts';
import { ChooseLanguage } from './schema.ts';
import { ErrorSummary } from '../pages/layout.tsx';

/** The choice of language on the account page: one of ours, or the browser's. */
export function LanguageForm(props: { current: string | null; mistake?: Mistake | undefined }) {
  const mistake = props.mistake?.from(ChooseLanguage);
  const chosen = mistake ? (mistake.value('locale') ?? '') : (props.current ?? '');
  return (
    <form method="post" action="/account/language">
      <ErrorSummary mistake={mistake} />
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
              checked={chosen === locale}
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
