import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import { findOrganisationBySlug, listBodies } from '../../db/queries/organisations.ts';
import { authorise } from '../common/actor.ts';

/** Where a provider sends people back to for the organisation `slug`: registered with it. */
export const redirectUriOf = (baseUrl: string, slug: string) =>
  `${baseUrl}/sign-in/oidc/${encodeURIComponent(slug)}/callback`;

/**
 * The organisation `slug`, for an administrator of it: one who may give and take away roles in
 * its top body, since a provider's groups give exactly that.
 */
export async function organisationForAdministrator(db: Db, actor: Actor | null, slug: string) {
  const organisation = await findOrganisationBySlug(db, slug);
  if (!organisation) throw notFound('That organisation');
  const bodies = await listBodies(db, organisation.id);
  const top = bodies.find((b) => b.parent_id === null);
  if (!top) throw notFound('That organisation');
  await authorise(db, actor, 'body.manageOfficers', top.id, 'That organisation');
  return { organisation, bodies, top };
}
