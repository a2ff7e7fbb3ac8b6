import type { Hono } from 'hono';
import { lodgeProxy } from '../../app/ballots/lodge-proxy.ts';
import { refuseProxy } from '../../app/ballots/refuse-proxy.ts';
import { viewProxies, type ProxiesView } from '../../app/ballots/view-proxies.ts';
import { withdrawProxy } from '../../app/ballots/withdraw-proxy.ts';
import type { ProxyTarget } from '../../db/queries/proxies.ts';
import { t } from '../../messages/messages.ts';
import type { Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { formatInstant } from '../pages/dates.ts';
import { Field, LinkButton, PostForm, TextArea } from '../pages/forms.tsx';
import { pageForms, requireSignedIn, Table, titledPage, type C } from '../pages/kit.tsx';
import * as actions from './schema.ts';

type Ctx = HttpOptions['ctx'];

/**
 * The proxies page of a ballot or a meeting (README, "Proxy votes"), server-rendered and
 * working without JavaScript: the rules and the deadline, my proxy (to lodge or withdraw), the
 * proxies I hold, and for the secretary every proxy with a form to refuse each.
 */
export function proxyPageRoutes(web: Hono<HttpEnv>, ctx: Ctx) {
  const kinds: [string, (id: string) => ProxyTarget][] = [
    ['ballots', (ballotId) => ({ ballotId })],
    ['meetings', (meetingId) => ({ meetingId })],
  ];
  for (const [path, targetOf] of kinds) {
    const show = (c: C, mistake?: Mistake) =>
      proxiesPage(ctx, c, path, targetOf(c.req.param('id')!), mistake);
    const form = pageForms(web, show, ({ params }) => `/${path}/${params.id}/proxies`);
    web.get(`/${path}/:id/proxies`, (c) => show(c));
    form(`/${path}/:id/proxies`, actions.LodgeProxy, ({ signedIn, params }, input) =>
      lodgeProxy(ctx, { actor: signedIn.actor, target: targetOf(params.id!), ...input }),
    );
    form(`/${path}/:id/proxies/:proxy/withdraw`, actions.WithdrawProxy, ({ signedIn, params }) =>
      withdrawProxy(ctx, { actor: signedIn.actor, proxyId: params.proxy! }),
    );
    form(
      `/${path}/:id/proxies/:proxy/refuse`,
      actions.RefuseProxy,
      ({ signedIn, params }, { reason }) =>
        refuseProxy(ctx, { actor: signedIn.actor, proxyId: params.proxy!, reason }),
    );
  }
}

async function proxiesPage(ctx: Ctx, c: C, path: string, target: ProxyTarget, mistake?: Mistake) {
  const { actor } = requireSignedIn(c);
  const v = await viewProxies(ctx, { actor, target });
  const id = c.req.param('id')!;
  const base = `/${path}/${id}/proxies`;
  return titledPage(
    c,
    t('proxy.title'),
    <>
      <p>
        <a href={`/${path}/${id}`}>
          {path === 'ballots' ? t('proxy.backToBallot') : t('proxy.backToMeeting')}
        </a>
      </p>
      <RulesLine view={v} />
      {v.mine ? <MyProxy view={v} base={base} /> : null}
      {v.open && v.mine?.state !== 'lodged' ? (
        <PostForm
          action={base}
          heading={t('proxy.lodge')}
          mistake={mistake}
          submit={t('proxy.lodgeSubmit')}
        >
          <Field
            name="holder"
            label={t('proxy.holder')}
            hint={t('proxy.holderHint')}
            required
            mistake={mistake}
          />
          <TextArea
            name="instruction"
            label={t('proxy.instruction')}
            hint={t('proxy.instructionHint')}
            rows={3}
            mistake={mistake}
          />
        </PostForm>
      ) : null}
      {v.held.length ? (
        <section>
          <h2>{holdWords(v.held.length)}</h2>
          <ul>
            {v.held.map((p) => (
              <li>
                {p.giverName}
                {p.instruction ? ` — ${p.instruction}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {v.all ? <AllProxies view={v} base={base} /> : null}
    </>,
    mistake,
  );
}

/** What the standing orders allow, and until when. */
function RulesLine({ view: v }: { view: ProxiesView }) {
  if (!v.rules.allowed) return <p>{t('proxy.notAllowed')}</p>;
  return (
    <>
      <p>
        {t('proxy.rules', { n: v.rules.maxPerHolder })}{' '}
        {v.rules.countToQuorum ? t('proxy.countToQuorum') : t('proxy.notToQuorum')}
      </p>
      <p>
        {v.deadline
          ? t('proxy.deadline', { when: formatInstant(v.deadline, 'dateTime') })
          : t('proxy.untilOpen')}
        {v.open ? '' : ` ${t('proxy.closed')}`}
      </p>
    </>
  );
}

function MyProxy({ view: v, base }: { view: ProxiesView; base: string }) {
  const mine = v.mine!;
  return (
    <section>
      <h2>{t('proxy.mine')}</h2>
      <p>
        {t(`proxy.state.${mine.state}`, { name: mine.holderName })}
        {mine.refusalReason ? ` ${t('proxy.reason', { reason: mine.refusalReason })}` : ''}
      </p>
      {mine.instruction ? <p class="hint">{mine.instruction}</p> : null}
      {mine.state === 'lodged' && v.open ? (
        <LinkButton action={`${base}/${mine.id}/withdraw`} label={t('proxy.withdraw')} />
      ) : null}
    </section>
  );
}

/** Every proxy lodged, for the secretary to check, each lodged one with a form to refuse it. */
function AllProxies({ view: v, base }: { view: ProxiesView; base: string }) {
  const all = v.all ?? [];
  return (
    <section>
      <h2>{t('proxy.all')}</h2>
      {all.length ? (
        <Table headings={[t('proxy.giver'), t('proxy.holderColumn'), t('proxy.stateColumn'), '']}>
          {all.map((p) => (
            <tr>
              <td>{p.giverName}</td>
              <td>
                {p.holderName}
                {p.instruction ? <p class="hint">{p.instruction}</p> : null}
              </td>
              <td>
                {t(`proxy.stateWord.${p.state}`)}
                {p.refusalReason ? ` (${p.refusalReason})` : ''}
              </td>
              <td>
                {p.state === 'lodged' ? (
                  <PostForm action={`${base}/${p.id}/refuse`} submit={t('proxy.refuse')}>
                    <Field name="reason" label={t('proxy.refuseReason')} required />
                  </PostForm>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>{t('proxy.none')}</p>
      )}
    </section>
  );
}

/** "You hold 1 proxy", "You hold 3 proxies". */
export const holdWords = (n: number) =>
  n === 1 ? t('proxy.youHoldOne') : t('proxy.youHold', { n });
