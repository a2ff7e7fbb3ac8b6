import { deleteSession, findSessionPerson } from '../db/queries/auth.ts';
import { listActiveMembershipsOfPerson } from '../db/queries/memberships.ts';
import { type AppContext, isoNow, today } from './context.ts';
import { actorFrom } from './actor.ts';
import { hashSecret } from './secrets.ts';
import type { Actor } from '../domain/policy.ts';

export interface SignedIn {
  readonly actor: Actor;
  readonly name: string;
  readonly email: string;
}

/** The person a session cookie belongs to, or null if it is unknown or expired. */
export async function resolveSession(
  ctx: AppContext,
  token: string | undefined,
): Promise<SignedIn | null> {
  if (!token || token.length > 100) return null;
  const person = await findSessionPerson(ctx.db, hashSecret(token), isoNow(ctx));
  if (!person) return null;
  const memberships = await listActiveMembershipsOfPerson(ctx.db, person.id, today(ctx));
  return {
    actor: actorFrom(person.id, person.is_site_admin === 1, memberships),
    name: person.name,
    email: person.email,
  };
}

/** Ends a session (signing out). */
export async function signOut(ctx: AppContext, token: string | undefined): Promise<void> {
  if (token) await deleteSession(ctx.db, hashSecret(token));
}
