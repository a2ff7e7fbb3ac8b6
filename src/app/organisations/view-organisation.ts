import { notFound } from '../../domain/errors.ts';
import { ACTIONS, can, type Action, type Actor } from '../../domain/organisations/policy.ts';
import { countMembers, listOfficers } from '../../db/queries/memberships.ts';
import {
  findOrganisation,
  findOrganisationBySlug,
  listBodies,
  listOrganisations,
} from '../../db/queries/organisations.ts';
import { findStandingOrders } from '../../db/queries/standing-orders.ts';
import { authorise } from '../common/actor.ts';
import type { AppContext } from '../common/context.ts';

export interface BodyNode {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly kind: string;
  readonly children: readonly BodyNode[];
}

/** The organisations the actor belongs to (site admins see all, to set them up). */
export async function listMyOrganisations(ctx: AppContext, actor: Actor) {
  const all = await listOrganisations(ctx.db);
  const mine = new Set(actor.memberships.map((m) => m.organisationId));
  return all
    .filter((o) => mine.has(o.id) || actor.isSiteAdmin)
    .map((o) => ({ id: o.id, slug: o.slug, name: o.name, member: mine.has(o.id) }));
}

/** An organisation and its tree of bodies, for its members. */
export async function viewOrganisation(
  ctx: AppContext,
  props: { actor: Actor | null; slug: string },
) {
  const organisation = await findOrganisationBySlug(ctx.db, props.slug);
  const member = props.actor?.memberships.some((m) => m.organisationId === organisation?.id);
  if (!organisation || !member) throw notFound('That organisation');
  const bodies = await listBodies(ctx.db, organisation.id);
  const build = (parentId: string | null): BodyNode[] =>
    bodies
      .filter((b) => b.parent_id === parentId)
      .map((b) => ({ id: b.id, slug: b.slug, name: b.name, kind: b.kind, children: build(b.id) }));
  return {
    organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name },
    tree: build(null),
  };
}

/** Every action on a body beyond seeing it: what a body page offers its viewer. */
/** What a body's page says the viewer may do there (seeing it goes without saying). */
export const BODY_ACTIONS = ACTIONS.filter(
  (a): a is Exclude<Extract<Action, `body.${string}`>, 'body.view'> =>
    a.startsWith('body.') && a !== 'body.view',
);

/** One body: its place in the tree, officers, size, standing orders, and what the actor may do. */
export async function viewBody(ctx: AppContext, props: { actor: Actor | null; bodyId: string }) {
  const { body, bodies, inTree } = await authorise(ctx.db, props.actor, 'body.view', props.bodyId);
  const organisation = await findOrganisation(ctx.db, body.organisation_id);
  if (!organisation) throw notFound('That organisation');
  const [officers, memberCount, rules] = await Promise.all([
    listOfficers(ctx.db, body.id),
    countMembers(ctx.db, body.id),
    findStandingOrders(ctx.db, body.id),
  ]);
  const parent = bodies.find((b) => b.id === body.parent_id);
  return {
    organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name },
    body: { id: body.id, slug: body.slug, name: body.name, kind: body.kind },
    parent: parent ? { id: parent.id, name: parent.name } : null,
    children: bodies
      .filter((b) => b.parent_id === body.id)
      .map((b) => ({ id: b.id, name: b.name, kind: b.kind })),
    officers: officers.map((o) => ({ personId: o.person_id, name: o.name, role: o.role })),
    memberCount,
    standingOrders: rules ? { preset: rules.preset, rules: rules.rules } : null,
    allowed: Object.fromEntries(
      BODY_ACTIONS.map((a) => [a, can(props.actor, a, inTree)]),
    ) as Record<(typeof BODY_ACTIONS)[number], boolean>,
  };
}
