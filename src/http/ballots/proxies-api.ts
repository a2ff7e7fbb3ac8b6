import { z } from '@hono/zod-openapi';
import { lodgeProxy } from '../../app/ballots/lodge-proxy.ts';
import { refuseProxy } from '../../app/ballots/refuse-proxy.ts';
import { viewProxies } from '../../app/ballots/view-proxies.ts';
import { withdrawProxy } from '../../app/ballots/withdraw-proxy.ts';
import type { ProxyTarget } from '../../db/queries/proxies.ts';
import { actionRoute, type Api, json, okWith, refused, viewRoute } from '../api-kit.ts';
import type { HttpOptions } from '../env.ts';
import { LodgeProxy, RefuseProxy, WithdrawProxy } from './schema.ts';
import { Proxies } from './views.ts';

/**
 * Proxy votes in the JSON API (README, "Proxy votes"): a meeting's or a ballot's proxies as I
 * may see them, lodging one, withdrawing mine, and refusing one (secretary). A holder casts
 * with a proxy through the ordinary vote route, naming the giver in `onBehalfOf`.
 */
export function proxiesApi(api: Api, { ctx }: Pick<HttpOptions, 'ctx'>) {
  const targets: [string, string, (id: string) => ProxyTarget][] = [
    ['ballots', 'ballot', (ballotId) => ({ ballotId })],
    ['meetings', 'meeting', (meetingId) => ({ meetingId })],
  ];
  for (const [path, what, targetOf] of targets) {
    viewRoute(api, {
      path: `/${path}/{id}/proxies`,
      summary: `A ${what}'s proxies: the rules and deadline, mine, those I hold, and (secretary) every one`,
      description: 'The proxies',
      schema: Proxies,
      view: (actor, id) => viewProxies(ctx, { actor, target: targetOf(id) }),
    });

    actionRoute(api, {
      path: `/${path}/{id}/proxies`,
      summary: `Lodge my proxy for this ${what}, naming another member of the electorate, as the standing orders allow`,
      action: LodgeProxy,
      answer: json(
        okWith({ proxyId: z.string(), holderId: z.string(), deadline: z.string().nullable() }),
        'Lodged',
      ),
      status: 201,
      refusals: {
        409: refused(
          'Not allowed by the rules, holder over the limit, after the deadline, or a duplicate',
        ),
        422: refused('The holder is not an elector, or is myself'),
      },
      run: (actor, id, { holder, instruction }) =>
        lodgeProxy(ctx, { actor, target: targetOf(id), holder, instruction }),
    });
  }

  actionRoute(api, {
    path: '/proxies/{id}/withdraw',
    summary: 'Withdraw my proxy, before the deadline',
    action: WithdrawProxy,
    answer: json(okWith({ withdrawn: z.boolean() }), 'Withdrawn'),
    refusals: { 409: refused('After the deadline, or already withdrawn or refused') },
    run: (actor, proxyId) => withdrawProxy(ctx, { actor, proxyId }),
  });

  actionRoute(api, {
    path: '/proxies/{id}/refuse',
    summary: 'Refuse a proxy, with a reason (secretary, chair, admin); audited',
    action: RefuseProxy,
    answer: json(okWith({ refused: z.boolean() }), 'Refused'),
    refusals: { 409: refused('Already withdrawn, refused or used') },
    run: (actor, proxyId, { reason }) => refuseProxy(ctx, { actor, proxyId, reason }),
  });
}
