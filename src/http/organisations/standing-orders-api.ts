import { createRoute, z } from '@hono/zod-openapi';
import { editStandingOrders } from '../../app/organisations/edit-standing-orders.ts';
import { resetStandingOrders } from '../../app/organisations/reset-standing-orders.ts';
import { viewStandingOrders } from '../../app/organisations/view-standing-orders.ts';
import { actionBody } from '../action.ts';
import {
  actorOf,
  asJson,
  errors,
  IdParams,
  Json,
  json,
  openApiRoutes,
  viewRoute,
} from '../api-kit.ts';
import type { HttpOptions } from '../env.ts';
import { EditStandingOrders, ResetStandingOrders } from './schema.ts';

/** A body's standing orders in the JSON API: read, replaced whole, or reset to a preset. */
export function standingOrdersApi({ ctx }: HttpOptions) {
  const api = openApiRoutes();

  viewRoute(api, {
    path: '/bodies/{id}/standing-orders',
    summary:
      "A body's standing orders (quorum, notice, thresholds, tie rule, amendments, secret questions), and whether I may change them",
    description: 'The standing orders',
    view: (actor, bodyId) => viewStandingOrders(ctx, { actor, bodyId }),
  });

  api.openapi(
    createRoute({
      method: 'put',
      path: '/bodies/{id}/standing-orders',
      summary:
        "Replace a body's standing orders (secretary, admin); every field is required; audited with the rules before and after",
      request: { params: IdParams, ...actionBody(EditStandingOrders) },
      responses: {
        200: json(z.object({ ok: z.literal(true), rules: Json }), 'Changed'),
        ...errors,
      },
    }),
    async (c) => {
      const { rules } = await editStandingOrders(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
        rules: c.req.valid('json'),
      });
      return c.json({ ok: true as const, rules: asJson(rules) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/bodies/{id}/standing-orders/reset',
      summary:
        "Reset a body's standing orders to a preset as shipped, citrine or ronr (secretary, admin); audited with the rules before and after",
      request: { params: IdParams, ...actionBody(ResetStandingOrders) },
      responses: {
        200: json(z.object({ ok: z.literal(true), preset: z.string(), rules: Json }), 'Reset'),
        ...errors,
      },
    }),
    async (c) => {
      const { preset, rules } = await resetStandingOrders(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
        preset: c.req.valid('json').preset,
      });
      return c.json({ ok: true as const, preset, rules: asJson(rules) }, 200);
    },
  );

  return api;
}
