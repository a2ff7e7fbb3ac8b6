import { Hono } from 'hono';
import { editStandingOrders } from '../../app/organisations/edit-standing-orders.ts';
import { resetStandingOrders } from '../../app/organisations/reset-standing-orders.ts';
import { viewStandingOrders } from '../../app/organisations/view-standing-orders.ts';
import {
  PRESET_NAMES,
  PROXY_VOTE_KINDS,
  THRESHOLDS,
  type StandingOrders,
} from '../../domain/organisations/standing-orders.ts';
import { t, type MessageKey } from '../../messages/messages.ts';
import type { Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { Choice, Field, PostForm, Tick } from '../pages/forms.tsx';
import { actorOn, page, pageWithForms, Terms, type C } from '../pages/kit.tsx';
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
    const view = await viewStandingOrders(ctx, actorOn(c, 'bodyId'));
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
      mistake,
    );
  };

  const rulesForm = pageWithForms(web, '/bodies/:id/standing-orders', rulesPage);
  rulesForm('/bodies/:id/standing-orders', EditStandingOrders, ({ c }, rules) =>
    editStandingOrders(ctx, { ...actorOn(c, 'bodyId'), rules }),
  );
  rulesForm('/bodies/:id/standing-orders/reset', ResetStandingOrders, ({ c }, input) =>
    resetStandingOrders(ctx, { ...actorOn(c, 'bodyId'), preset: input.preset }),
  );
  return web;
}

type RulesView = Awaited<ReturnType<typeof viewStandingOrders>>;

/** The standing orders as a form, showing what was typed if it was refused. */
function EditForm({ view, edit }: { view: RulesView; edit: Mistake | undefined }) {
  const saved = rulesAsForm(view.rules);
  const check = (name: string, label: string) => (
    <Tick name={name} label={label} checked={saved[name] === '1'} />
  );
  const number = (name: string, label: string, hint?: string, required = true) => (
    <Field
      name={name}
      type="number"
      label={label}
      hint={hint}
      value={saved[name]}
      required={required}
    />
  );
  /** A choice between the two ways a rule can go, each with its words. */
  const either = (name: string, label: string, ways: readonly [string, string]) => (
    <Choice
      name={name}
      label={t(label as MessageKey)}
      options={ways.map((way) => [way, t(`${label}.${way}` as MessageKey)] as const)}
      selected={saved[name] || ways[0]}
    />
  );
  return (
    <PostForm
      action={`/bodies/${view.body.id}/standing-orders`}
      mistake={edit}
      submit={t('rules.save')}
    >
      <fieldset class="field">
        <legend>{t('body.quorum')}</legend>
        {either('quorumKind', 'rules.quorumKind', ['count', 'fraction'])}
        {number('quorumMembers', t('rules.quorumMembers'), undefined, false)}
        {number('quorumPercent', t('rules.quorumPercent'), undefined, false)}
      </fieldset>
      {number('noticeDays', t('rules.noticeDays'))}
      {check('emergencyMeetings', t('rules.emergencyMeetings'))}
      {number('motionDeadlineDays', t('rules.motionDeadlineDays'), t('rules.motionDeadlineHint'))}
      {either('whoMayMove', 'rules.whoMayMove', ['members', 'officers'])}
      <Choice
        name="defaultThreshold"
        label={t('body.threshold')}
        options={THRESHOLDS.map((x) => [x, t(`threshold.${x}`)] as const)}
        selected={saved['defaultThreshold']}
      />
      <Choice
        name="tieRule"
        label={t('body.tie')}
        options={(['casting-vote', 'not-carried', 'lost'] as const).map(
          (x) => [x, t(`tie.${x}`)] as const,
        )}
        selected={saved['tieRule']}
      />
      {number('amendmentDepth', t('rules.amendmentDepth'), t('rules.amendmentDepthHint'))}
      {either('amendmentOrder', 'rules.amendmentOrder', ['citrine', 'ronr'])}
      <fieldset class="field">
        <legend>{t('rules.secretQuestions')}</legend>
        {SECRET_QUESTIONS.map((q) => check(`secret.${q}`, t(`rules.secret.${q}`)))}
      </fieldset>
      <fieldset class="field">
        <legend>{t('rules.proxies')}</legend>
        {check('proxiesAllowed', t('rules.proxiesAllowed'))}
        {number('proxiesMax', t('rules.proxiesMax'))}
        {PROXY_VOTE_KINDS.map((k) => check(`proxyKind.${k}`, t(`rules.proxyKind.${k}`)))}
        {number('proxiesDeadlineHours', t('rules.proxiesDeadlineHours'))}
        {check('proxiesToQuorum', t('rules.proxiesToQuorum'))}
      </fieldset>
    </PostForm>
  );
}

/** Going back to a preset as shipped. */
function ResetForm({ view, reset }: { view: RulesView; reset: Mistake | undefined }) {
  return (
    <PostForm
      action={`/bodies/${view.body.id}/standing-orders/reset`}
      id="reset"
      heading={t('rules.reset')}
      mistake={reset}
      hint={t('rules.resetHint')}
      submit={t('rules.resetSubmit')}
    >
      <Choice
        name="preset"
        label={t('rules.resetTo')}
        options={PRESET_NAMES.map((p) => [p, t(`rules.preset.${p}`)] as const)}
        selected={view.preset === 'ronr' ? 'ronr' : 'citrine'}
      />
    </PostForm>
  );
}

/** Each standing order in words, by what it is about, for those who may read but not change them. */
const ruleTerms = (rules: StandingOrders) =>
  ({
    quorum: [t('body.quorum'), quorumWords(rules)],
    notice: [t('body.notice'), t('body.noticeDays', { n: rules.noticeDays })],
    motionDeadline: [t('rules.motionDeadlineDays'), String(rules.motionDeadlineDays)],
    threshold: [t('body.threshold'), t(`threshold.${rules.defaultThreshold}`)],
    tie: [t('body.tie'), t(`tie.${rules.tieRule}`)],
    amendmentDepth: [t('rules.amendmentDepth'), String(rules.amendmentDepth)],
    secretQuestions: [
      t('rules.secretQuestions'),
      rules.secretQuestions.map((q) => t(`rules.secret.${q}`)).join(', ') || t('rules.secret.none'),
    ],
    proxies: [
      t('rules.proxies'),
      rules.proxies.allowed
        ? [
            t('proxy.rules', { n: rules.proxies.maxPerHolder }),
            rules.proxies.kinds.map((k) => t(`rules.proxyKind.${k}`)).join(', '),
            rules.proxies.countToQuorum ? t('proxy.countToQuorum') : t('proxy.notToQuorum'),
          ].join(' ')
        : t('proxy.notAllowed'),
    ],
  }) as const;

/** The standing orders as a list of terms: all of them, or `only` those named. */
export function RulesList(props: {
  rules: StandingOrders;
  only?: readonly (keyof ReturnType<typeof ruleTerms>)[];
}) {
  const terms = ruleTerms(props.rules);
  const names = props.only ?? (Object.keys(terms) as (keyof typeof terms)[]);
  return <Terms terms={names.map((name) => terms[name])} />;
}

/** The quorum in words: a number of members, or a percentage of them. */
export const quorumWords = ({ quorum }: StandingOrders) =>
  quorum.kind === 'count'
    ? t('body.quorumCount', { n: quorum.members })
    : t('body.quorumFraction', { pct: Math.round(quorum.of * 100) });
