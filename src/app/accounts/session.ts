import { deleteSession, findSessionPeople } from '../../db/queries/auth.ts';
import { type AppContext, isoNow, today } from '../common/context.ts';
import { actorFrom } from '../common/actor.ts';
import { hashSecret } from '../common/secrets.ts';
import type { Actor } from '../../domain/organisations/policy.ts';

export interface SignedIn {
  readonly actor: Actor;
  readonly name: string;
  readonly email: string;
  /** The language they chose to read Seconded in; null follows their browser. */
  readonly locale: string | null;
}

/**
 * The person a session cookie belongs to, or null if it is unknown or expired. Read afresh for
 * every request (nothing is cached: a sign-out anywhere takes effect at once), but the requests
 * that arrive in the same turn of the event loop are resolved together, in one query: under load
 * (a busy ballot) that is a few queries per hundred requests, not two per request.
 */
export function resolveSession(
  ctx: AppContext,
  token: string | undefined,
): Promise<SignedIn | null> {
  if (!token || token.length > 100) return Promise.resolve(null);
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = sessionLoader(ctx);
    loaders.set(ctx, loader);
  }
  return loader(hashSecret(token));
}

/** Ends a session (signing out). */
export async function signOut(ctx: AppContext, token: string | undefined): Promise<void> {
  if (token) await deleteSession(ctx.db, hashSecret(token));
}

interface Waiter {
  resolve(signedIn: SignedIn | null): void;
  reject(error: unknown): void;
}

/** Per context, not per database: a context may carry its own clock (tests move time on). */
const loaders = new WeakMap<AppContext, (idHash: string) => Promise<SignedIn | null>>();

function sessionLoader(ctx: AppContext) {
  let gathering: Map<string, Waiter[]> | null = null;
  return (idHash: string) =>
    new Promise<SignedIn | null>((resolve, reject) => {
      if (!gathering) {
        const batch = new Map<string, Waiter[]>();
        gathering = batch;
        // The check phase comes after every request whose bytes arrived in this turn has been
        // read (each socket is its own callback, so a microtask would gather only one).
        setImmediate(() => {
          gathering = null;
          void resolveBatch(ctx, batch);
        });
      }
      const waiters = gathering.get(idHash);
      if (waiters) waiters.push({ resolve, reject });
      else gathering.set(idHash, [{ resolve, reject }]);
    });
}

async function resolveBatch(ctx: AppContext, batch: Map<string, Waiter[]>) {
  try {
    const rows = await findSessionPeople(ctx.db, [...batch.keys()], isoNow(ctx), today(ctx));
    const found = new Map<
      string,
      {
        person: (typeof rows)[number];
        memberships: { body_id: string; organisation_id: string; role: string }[];
      }
    >();
    for (const row of rows) {
      let entry = found.get(row.id_hash);
      if (!entry) found.set(row.id_hash, (entry = { person: row, memberships: [] }));
      if (row.body_id !== null && row.organisation_id !== null && row.role !== null)
        entry.memberships.push({
          body_id: row.body_id,
          organisation_id: row.organisation_id,
          role: row.role,
        });
    }
    for (const [idHash, waiters] of batch) {
      const entry = found.get(idHash);
      const signedIn = entry
        ? {
            actor: actorFrom(entry.person.id, entry.person.is_site_admin === 1, entry.memberships),
            name: entry.person.name,
            email: entry.person.email,
            locale: entry.person.locale,
          }
        : null;
      for (const w of waiters) w.resolve(signedIn);
    }
  } catch (error) {
    for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
  }
}
