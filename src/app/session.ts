import { deleteSession, findSession } from '../db/queries/auth.ts';
import { findPerson } from '../db/queries/people.ts';
import { type AppContext, isoNow, today } from './context.ts';
import { loadActor } from './actor.ts';
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
  const session = await findSession(ctx.db, hashSecret(token));
  if (!session || session.expires_at <= isoNow(ctx)) return null;
  const person = await findPerson(ctx.db, session.person_id);
  if (!person) return null;
  return {
    actor: await loadActor(ctx.db, person.id, today(ctx)),
    name: person.name,
    email: person.email,
  };
}

/** Ends a session (signing out). */
export async function signOut(ctx: AppContext, token: string | undefined): Promise<void> {
  if (token) await deleteSession(ctx.db, hashSecret(token));
}
