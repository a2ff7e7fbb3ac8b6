import { z } from '@hono/zod-openapi';
import { editStandingOrders } from '../../app/organisations/edit-standing-orders.ts';
import { resetStandingOrders } from '../../app/organisations/reset-standing-orders.ts';
import { viewStandingOrders } from '../../app/organisations/view-standing-orders.ts';
import { actionRoute, type Api, json, okWith, viewRoute } from '../api-kit.ts';
import { StandingOrders } from '../view-schemas.ts';
import { StandingOrdersView } from './views.ts';
import type { HttpOptions } from '../env.ts';
import { EditStandingOrders, ResetStandingOrders } from './schema.ts';

/** A body's standing orders in the JSON API: read, replaced whole, or reset to a preset. */
export function standingOrdersApi(api: Api, { ctx }: HttpOptions) {
  viewRoute(api, {
    path: '/bodies/{id}/standing-orders',
    summary:
      "A body's standing orders (quorum, notice, thresholds, tie rule, amendments, secret questions), and whether I may change them",
    description: 'The standing orders',
    schema: StandingOrdersView,
    view: (actor, bodyId) => viewStandingOrders(ctx, { actor, bodyId }),
  });

  actionRoute(api, {
    method: 'put',
    path: '/bodies/{id}/standing-orders',
    summary:
      "Replace a body's standing orders (secretary, admin); every field is required; audited with the rules before and after",
    action: EditStandingOrders,
    answer: json(okWith({ rules: StandingOrders }), 'Changed'),
    run: async (actor, bodyId, rules) => {
      const edited = await editStandingOrders(ctx, { actor, bodyId, rules });
      return { rules: edited.rules };
    },
  });

  actionRoute(api, {
    path: '/bodies/{id}/standing-orders/reset',
    summary:
      "Reset a body's standing orders to a preset as shipped, citrine or ronr (secretary, admin); audited with the rules before and after",
    action: ResetStandingOrders,
    answer: json(okWith({ preset: z.string(), rules: StandingOrders }), 'Reset'),
    run: async (actor, bodyId, { preset }) => {
      const reset = await resetStandingOrders(ctx, { actor, bodyId, preset });
      return { preset: reset.preset, rules: reset.rules };
    },
  });
}
