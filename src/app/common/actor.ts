import { DomainError, notFound, forbidden } from '../../domain/errors.ts';
import {
  can,
  isRole,
  type Action,
  type Actor,
  type BodyInTree,
} from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import { findBody, listBodies, type BodyRow } from '../../db/queries/organisations.ts';
import { listActiveMembershipsOfPerson } from '../../db/queries/memberships.ts';
import { findAccount } from '../../db/queries/people.ts';

/** The actor of a use case only a signed-in person may use; anyone else is asked to sign in. */
export function signedIn(actor: Actor | null, refusal = 'Sign in first.'): Actor {
  if (!actor) throw new DomainError('NOT_SIGNED_IN', refusal);
  return actor;
}

/** Loads the signed-in person as the policy sees them. */
export async function loadActor(db: Db, personId: string, today: string): Promise<Actor> {
  const [account, memberships] = await Promise.all([
    findAccount(db, personId),
    listActiveMembershipsOfPerson(db, personId, today),
  ]);
  return actorFrom(personId, account?.is_site_admin === 1, memberships);
}

/** The actor from their account flag and current memberships (roles the policy does not know are ignored). */
export function actorFrom(
  personId: string,
  isSiteAdmin: boolean,
  memberships: readonly { body_id: string; organisation_id: string; role: string }[],
): Actor {
  return {
    personId,
    isSiteAdmin,
    memberships: memberships.flatMap((m) =>
      isRole(m.role)
        ? [{ bodyId: m.body_id, organisationId: m.organisation_id, role: m.role }]
        : [],
    ),
  };
}

/** A body with its whole organisation tree loaded, ready for the policy and for pages. */
export interface BodyWithTree {
  readonly body: BodyRow;
  readonly bodies: readonly BodyRow[];
  readonly inTree: BodyInTree;
  /** The body and every body below it, the body first. */
  readonly subtree: readonly BodyRow[];
}

export async function loadBodyWithTree(db: Db, bodyId: string): Promise<BodyWithTree> {
  const body = await findBody(db, bodyId);
  if (!body) throw notFound('That body');
  const bodies = await listBodies(db, body.organisation_id);
  const byId = new Map(bodies.map((b) => [b.id, b]));
  const ancestorIds: string[] = [];
  for (let p = body.parent_id; p && !ancestorIds.includes(p); p = byId.get(p)?.parent_id ?? null) {
    ancestorIds.push(p);
  }
  // Children by parent, once: a filter of every body for each body in the subtree was
  // quadratic, 360,000 comparisons for a conference's 600 branches (bench/conference-pages.ts).
  const children = new Map<string, BodyRow[]>();
  for (const b of bodies) {
    if (b.parent_id === null) continue;
    const siblings = children.get(b.parent_id);
    if (siblings) siblings.push(b);
    else children.set(b.parent_id, [b]);
  }
  const subtree: BodyRow[] = [body];
  for (let i = 0; i < subtree.length; i++) {
    subtree.push(...(children.get(subtree[i]!.id) ?? []));
  }
  return {
    body,
    bodies,
    subtree,
    inTree: { id: body.id, organisationId: body.organisation_id, ancestorIds },
  };
}

/**
 * Loads a body and checks the actor may do `action` there. Someone who may not even see the
 * body is told that `what` they asked for (the body, or the ballot, motion or meeting in it) was
 * not found, in the same words as for an id that never existed, so ids of other organisations'
 * business reveal nothing.
 */
export async function authorise(
  db: Db,
  actor: Actor | null,
  action: Action,
  bodyId: string,
  what = 'That body',
): Promise<BodyWithTree> {
  const loaded = await loadBodyWithTree(db, bodyId).catch(() => null);
  if (!loaded || !can(actor, 'body.view', loaded.inTree)) throw notFound(what);
  if (!can(actor, action, loaded.inTree)) throw forbidden();
  return loaded;
}

/**
 * As `authorise`, but someone who may see the body and still may not do `action` there is also
 * told that `what` was not found: for what only those taking part may know exists (a body's
 * ballots, meetings and correspondence).
 */
export const authoriseOrHide = (
  db: Db,
  actor: Actor | null,
  action: Action,
  bodyId: string,
  what: string,
): Promise<BodyWithTree> =>
  authorise(db, actor, action, bodyId, what).catch((error: unknown) => {
    throw error instanceof DomainError && error.code === 'FORBIDDEN' ? notFound(what) : error;
  });

/**
 * `authoriseOrHide`'s check, on a body tree already loaded (kept for every reader, kept-views.ts):
 * whoever may not do `action` there is told `what` was not found, as authoriseOrHide tells them.
 */
export function hideUnless(
  actor: Actor | null,
  action: Action,
  loaded: BodyWithTree,
  what: string,
): BodyWithTree {
  if (!can(actor, 'body.view', loaded.inTree) || !can(actor, action, loaded.inTree))
    throw notFound(what);
  return loaded;
}
