import { Hono } from 'hono';
import { editStandingOrders } from '../../app/organisations/edit-standing-orders.ts';
import { resetStandingOrders } from '../../app/organisations/reset-standing-orders.ts';
import { viewStandingOrders } from '../../app/organisations/view-standing-orders.ts';
import {
  PRESET_NAMES,
  THRESHOLDS,
  type StandingOrders,
} from '../../domain/organisations/standing-orders.ts';
import { t } from '../../messages/messages.ts';
import { formRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { page, requireSignedIn, statusOf, type C } from '../pages/kit.tsx';
import { Choice, ErrorSummary, Field } from '../pages/layout.tsx';
import {
  EditStandingOrders,
  ResetStandingOrders,
  rulesAsForm,
  SECRET_QUESTIONS,
} from './schema.ts';

/**
 * A body's standing orders as a page: read by its members, changed by its secretary or an
 * administrator with a form that works without JavaScript, or reset to a preset.
 */
export function standingOrdersPages({ ctx }: HttpOptions) {
  const web = new Hono<HttpEnv>();

  const rulesPage = async (c: C, mistake?: Mistake) => {
    const { actor } = requireSignedIn(c);
    const view = await viewStandingOrders(ctx, { actor, bodyId: c.req.param('id')! });
    const title = t('rules.title', { body: view.body.name });
    return page(
      c,
      title,
      <>
        <p>
          <a href={`/bodies/${view.body.id}`}>{view.body.name}</a> ·{' '}
          <a href={`/bodies/${view.body.id}/meetings`}>{t('rules.meetings')}</a>
        </p>
        <h1>{title}</h1>
        <p>
          {t('rules.basedOn', {
            preset: t(`rules.preset.${view.preset === 'ronr' ? 'ronr' : 'citrine'}`),
          })}
        </p>
        {view.canEdit ? (
          <>
            <EditForm view={view} edit={mistake?.from(EditStandingOrders)} />
            <ResetForm view={view} reset={mistake?.from(ResetStandingOrders)} />
          </>
        ) : (
          <RulesList rules={view.rules} />
        )}
      </>,
      mistake ? statusOf(mistake.error) : 200,
    );
  };

  web.get('/bodies/:id/standing-orders', (c) => rulesPage(c));
  const saved = ({ params }: { params: Readonly<Record<string, string>> }) =>
    `/bodies/${params.id}/standing-orders`;
  formRoute(web, '/bodies/:id/standing-orders', EditStandingOrders, {
    run: ({ signedIn, params }, rules) =>
      editStandingOrders(ctx, { actor: signedIn.actor, bodyId: params.id!, rules }),
    done: saved,
    again: rulesPage,
  });
  formRoute(web, '/bodies/:id/standing-orders/reset', ResetStandingOrders, {
    run: ({ signedIn, params }, { preset }) =>
      resetStandingOrders(ctx, { actor: signedIn.actor, bodyId: params.id!, preset }),
    done: saved,
    again: rulesPage,
  });
  return web;
}

type RulesView = Awaited<ReturnType<typeof viewStandingOrders>>;

/** The standing orders as a form, showing what was typed if it was refused. */
function EditForm({ view, edit }: { view: RulesView; edit: Mistake | undefined }) {
  const saved = rulesAsForm(view.rules);
  const v = (name: string) => (edit ? (edit.value(name) ?? '') : saved[name]);
  const check = (name: string, label: string) => (
    <div class="field">
      <input type="checkbox" id={name} name={name} value="1" checked={v(name) === '1'} />{' '}
      <label for={name} class="inline">
        {label}
      </label>
    </div>
  );
  const number = (name: string, label: string, hint?: string, required = true) => (
    <Field
      name={name}
      type="number"
      label={label}
      hint={hint}
      value={v(name)}
      mistake={edit}
      required={required}
    />
  );
  return (
    <form method="post" action={`/bodies/${view.body.id}/standing-orders`}>
      <ErrorSummary mistake={edit} />
      <fieldset class="field">
        <legend>{t('body.quorum')}</legend>
        <Choice
          name="quorumKind"
          label={t('rules.quorumKind')}
          options={[
            ['count', t('rules.quorumByCount')],
            ['fraction', t('rules.quorumByFraction')],
          ]}
          selected={v('quorumKind') || 'count'}
          mistake={edit}
        />
        {number('quorumMembers', t('rules.quorumMembers'), undefined, false)}
        {number('quorumPercent', t('rules.quorumPercent'), undefined, false)}
      </fieldset>
      {number('noticeDays', t('rules.noticeDays'))}
      {check('emergencyMeetings', t('rules.emergencyMeetings'))}
      {number('motionDeadlineDays', t('rules.motionDeadlineDays'), t('rules.motionDeadlineHint'))}
      <Choice
        name="whoMayMove"
        label={t('rules.whoMayMove')}
        options={[
          ['members', t('rules.whoMayMove.members')],
          ['officers', t('rules.whoMayMove.officers')],
        ]}
        selected={v('whoMayMove') || 'members'}
        mistake={edit}
      />
      <Choice
        name="defaultThreshold"
        label={t('body.threshold')}
        options={THRESHOLDS.map((x) => [x, t(`threshold.${x}`)] as const)}
        selected={v('defaultThreshold') || ''}
        mistake={edit}
      />
      <Choice
        name="tieRule"
        label={t('body.tie')}
        options={(['casting-vote', 'not-carried', 'lost'] as const).map(
          (x) => [x, t(`tie.${x}`)] as const,
        )}
        selected={v('tieRule') || ''}
        mistake={edit}
      />
      {number('amendmentDepth', t('rules.amendmentDepth'), t('rules.amendmentDepthHint'))}
      <Choice
        name="amendmentOrder"
        label={t('rules.amendmentOrder')}
        options={[
          ['citrine', t('rules.amendmentOrder.citrine')],
          ['ronr', t('rules.amendmentOrder.ronr')],
        ]}
        selected={v('amendmentOrder') || 'citrine'}
        mistake={edit}
      />
      <fieldset class="field">
        <legend>{t('rules.secretQuestions')}</legend>
        {SECRET_QUESTIONS.map((q) => check(`secret.${q}`, t(`rules.secret.${q}`)))}
      </fieldset>
      <button type="submit">{t('rules.save')}</button>
    </form>
  );
}

/** Going back to a preset as shipped. */
function ResetForm({ view, reset }: { view: RulesView; reset: Mistake | undefined }) {
  return (
    <form method="post" action={`/bodies/${view.body.id}/standing-orders/reset`} id="reset">
      <h2>{t('rules.reset')}</h2>
      <ErrorSummary mistake={reset} />
      <p class="hint">{t('rules.resetHint')}</p>
      <Choice
        name="preset"
        label={t('rules.resetTo')}
        options={PRESET_NAMES.map((p) => [p, t(`rules.preset.${p}`)] as const)}
        selected={view.preset === 'ronr' ? 'ronr' : 'citrine'}
        mistake={reset}
      />
      <button type="submit">{t('rules.resetSubmit')}</button>
    </form>
  );
}

/** The standing orders for those who may read but not change them. */
function RulesList({ rules }: { rules: StandingOrders }) {
  return (
    <dl>
      <dt>{t('body.quorum')}</dt>
      <dd>{quorumWords(rules)}</dd>
      <dt>{t('body.notice')}</dt>
      <dd>{t('body.noticeDays', { n: rules.noticeDays })}</dd>
      <dt>{t('rules.motionDeadlineDays')}</dt>
      <dd>{rules.motionDeadlineDays}</dd>
      <dt>{t('body.threshold')}</dt>
      <dd>{t(`threshold.${rules.defaultThreshold}`)}</dd>
      <dt>{t('body.tie')}</dt>
      <dd>{t(`tie.${rules.tieRule}`)}</dd>
      <dt>{t('rules.amendmentDepth')}</dt>
      <dd>{rules.amendmentDepth}</dd>
      <dt>{t('rules.secretQuestions')}</dt>
      <dd>
        {rules.secretQuestions.map((q) => t(`rules.secret.${q}`)).join(', ') ||
          t('rules.secret.none')}
      </dd>
    </dl>
  );
}

/** The quorum in words: a number of members, or a percentage of them. */
export const quorumWords = ({ quorum }: StandingOrders) =>
  quorum.kind === 'count'
    ? t('body.quorumCount', { n: quorum.members })
    : t('body.quorumFraction', { pct: Math.round(quorum.of * 100) });
