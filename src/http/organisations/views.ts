import { z } from '@hono/zod-openapi';
import { BODY_ACTIONS } from '../../app/organisations/view-organisation.ts';
import { BodyKind, Named, Organisation, Role, StandingOrders, When } from '../view-schemas.ts';

/** What the organisation, body and standing-orders routes answer (view-organisation.ts). */

interface BodyNodeShape {
  id: string;
  slug: string;
  name: string;
  kind: string;
  children: BodyNodeShape[];
}
/** A body with the bodies below it, to any depth. */
const BodyNode: z.ZodType<BodyNodeShape> = z
  .lazy(() =>
    z.object({
      id: z.string(),
      slug: z.string(),
      name: z.string(),
      kind: z.string(),
      children: z.array(BodyNode),
    }),
  )
  .openapi('BodyNode');

export const OrganisationTree = z
  .object({ organisation: Organisation, tree: z.array(BodyNode) })
  .openapi('OrganisationTree');

export const Body = z
  .object({
    organisation: Organisation,
    body: z.object({ id: z.string(), slug: z.string(), name: z.string(), kind: BodyKind }),
    parent: Named.nullable(),
    children: z.array(z.object({ id: z.string(), name: z.string(), kind: BodyKind })),
    officers: z.array(z.object({ personId: z.string(), name: z.string(), role: Role })),
    memberCount: z.number().int(),
    standingOrders: z.object({ preset: z.string(), rules: StandingOrders }).nullable(),
    /** What I may do here, by action. */
    allowed: z.record(z.enum(BODY_ACTIONS), z.boolean()),
  })
  .openapi('Body');

export const StandingOrdersView = z
  .object({
    body: Named,
    preset: z.string(),
    updatedAt: When.nullable(),
    rules: StandingOrders,
    canEdit: z.boolean(),
  })
  .openapi('StandingOrdersView');
