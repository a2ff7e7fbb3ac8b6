import { LOCALES, t } from '../../messages/messages.ts';
import type { Mistake } from '../action.ts';
import { ChooseLanguage } from './schema.ts';
import { PostForm, RadioGroup } from '../pages/forms.tsx';

/** The choice of language on the account page: one of ours, or the browser's. */
export function LanguageForm(props: { current: string | null; mistake?: Mistake | undefined }) {
  const mistake = props.mistake?.from(ChooseLanguage);
  return (
    <PostForm action="/account/language" mistake={mistake} submit={t('account.languageSave')}>
      <RadioGroup
        name="locale"
        legend={t('account.language')}
        hint={t('account.languageHint')}
        options={[
          ...LOCALES.map((locale) => [locale, t(`language.${locale}`), { lang: locale }] as const),
          ['', t('account.languageBrowser'), { id: 'locale-browser' }],
        ]}
        selected={props.current ?? ''}
      />
    </PostForm>
  );
}
