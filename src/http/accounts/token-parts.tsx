import type { ApiTokenView } from '../../app/accounts/list-api-tokens.ts';
import { API_SCOPES } from '../../domain/accounts/api-tokens.ts';
import { t } from '../../messages/messages.ts';
import type { Mistake } from '../action.ts';
import { formatInstant } from '../pages/dates.ts';
import { Field, PostForm, Tick } from '../pages/forms.tsx';
import { Table } from '../pages/kit.tsx';
import { MakeApiToken } from './schema.ts';

/** A token just made: its secret, shown this once. */
export interface MadeToken {
  readonly name: string;
  readonly token: string;
}

/** My personal API tokens on my account page: the new one's secret once, the list, a new one. */
export const ApiTokens = (props: {
  tokens: readonly ApiTokenView[];
  made?: MadeToken | undefined;
  mistake?: Mistake | undefined;
}) => (
  <section aria-labelledby="api-tokens">
    <h2 id="api-tokens">{t('tokens.title')}</h2>
    <p>{t('tokens.intro')}</p>
    {props.made ? (
      <div role="status" class="notice">
        <p>{t('tokens.made', { name: props.made.name })}</p>
        <p>
          <code>{props.made.token}</code>
        </p>
      </div>
    ) : null}
    {props.tokens.length ? (
      <Table
        headings={[
          t('common.name'),
          t('tokens.scopes'),
          t('tokens.created'),
          t('tokens.lastUsed'),
          '',
        ]}
      >
        {props.tokens.map((token) => (
          <tr>
            <td>{token.name}</td>
            <td>{token.scopes.map((s) => t(`tokens.scope.${s}`)).join(', ')}</td>
            <td>{formatInstant(token.createdAt, 'dateTime')}</td>
            <td>
              {token.lastUsedAt ? formatInstant(token.lastUsedAt, 'dateTime') : t('tokens.never')}
            </td>
            <td>
              {token.revokedAt ? (
                t('tokens.revokedOn', { date: formatInstant(token.revokedAt, 'dateTime') })
              ) : (
                <PostForm
                  action={`/account/tokens/${token.id}/revoke`}
                  submit={t('tokens.revoke', { name: token.name })}
                />
              )}
            </td>
          </tr>
        ))}
      </Table>
    ) : (
      <p>{t('tokens.none')}</p>
    )}
    <PostForm
      action="/account/tokens"
      heading={t('tokens.new')}
      submit={t('tokens.make')}
      mistake={props.mistake?.from(MakeApiToken)}
    >
      <Field name="name" label={t('tokens.name')} hint={t('tokens.nameHint')} required />
      <fieldset class="field">
        <legend>{t('tokens.scopes')}</legend>
        {API_SCOPES.map((scope) => (
          <Tick
            name={`scope.${scope}`}
            label={t(`tokens.scope.${scope}`)}
            checked={scope === 'read'}
          />
        ))}
      </fieldset>
    </PostForm>
  </section>
);
