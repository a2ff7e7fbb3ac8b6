import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import {
  isAllowedAddress,
  isAllowedPeer,
  remoteAddressOf,
  type RemoteAddress,
} from '../../domain/federation/remote-body.ts';
import { MOTION_LIMITS } from '../../domain/meetings/motion-text.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findLookup, saveLookup } from '../../db/queries/federation-followers.ts';
import { findMotion } from '../../db/queries/meetings.ts';
import { authorise, signedIn } from '../common/actor.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { assertProposer } from '../meetings/meeting-support.ts';

/**
 * The motion editor looks up a body on another server that a "calls on" clause names by handle
 * (`@nec@party.example`, WebFinger, RFC 7033) or by its actor's URL (issue 19), and shows its
 * name and server before the motion is submitted. What it found is kept by address
 * (federation_lookups), so the clause, when saved naming that address, keeps the actor this
 * server found: the resolution is offered to that actor when carried (deliver-resolution.ts).
 */

/** What the network found at an address (src/infra/federation.ts does the fetching). */
export interface FoundActor {
  readonly id: string;
  /** An ActivityStreams `Group`: a body, as Seconded and FEP-1b12 groups present themselves. */
  readonly isGroup: boolean;
  readonly name: string | null;
}

/** Looks an address up by WebFinger and the actor's document; null when nothing is there. */
export type FindActor = (address: RemoteAddress) => Promise<FoundActor | null>;

export interface RemoteBodyFound {
  readonly address: string;
  readonly actorId: string;
  readonly name: string;
  readonly server: string;
}

/** The key a look-up is kept under: the handle as `@user@host` (host in lower case), or the URL. */
export const lookupKeyOf = (address: RemoteAddress) =>
  address.kind === 'url' ? address.url : `@${address.user}@${address.host}`;

/** What was found before for a name typed in the editor, if it is an address looked up. */
export async function foundBefore(
  db: Parameters<typeof findLookup>[0],
  name: string,
): Promise<RemoteBodyFound | null> {
  const address = remoteAddressOf(name);
  if (!address) return null;
  const row = await findLookup(db, lookupKeyOf(address));
  return row
    ? { address: address.text, actorId: row.actor_id, name: row.name, server: row.server }
    : null;
}

/**
 * The proposer of a motion looks up the body elsewhere a clause names. Refused: a name that is
 * not a handle or URL, a server that is not an allowed peer (FEDERATION_ALLOWED_PEERS; nothing
 * is fetched from it), nothing found there, or an actor that is not a Group.
 */
export async function lookUpRemoteBody(
  ctx: AppContext,
  props: { actor: Actor | null; motionId: string; address: string; find: FindActor | null },
): Promise<RemoteBodyFound> {
  const actor = signedIn(props.actor, 'Sign in to look up a body.');
  // Who may ask first, so no one else makes this server fetch anything.
  const motion = await findMotion(ctx.db, props.motionId);
  if (!motion) throw notFound('That motion');
  await authorise(ctx.db, actor, 'body.participate', motion.body_id, 'That motion');
  assertProposer(motion, actor, 'Only the proposer looks up the bodies their motion calls on.');
  const { row, text } = await findRemoteBody(ctx, props.address, props.find);
  await inTransaction(ctx, (trx) => saveLookup(trx, row));
  return { address: text, actorId: row.actor_id, name: row.name, server: row.server };
}

/**
 * Looks up a body elsewhere by handle or URL (no transaction: it fetches): a look-up row to
 * keep. Refused with nothing fetched when the name is not an address or its server is not an
 * allowed peer; refused when nothing is there, it leads to a server not allowed, or it is not a
 * Group. Fedify's SSRF guard refuses private addresses (look-up finds nothing).
 */
export async function findRemoteBody(ctx: AppContext, typed: string, find: FindActor | null) {
  const address = remoteAddressOf(typed.slice(0, MOTION_LIMITS.addresseeName));
  const problem = (message: string) => [{ path: 'address', message }];
  if (!address) {
    const message = 'Name a body elsewhere by its handle (@nec@party.example) or its address.';
    throw invalid(message, problem(message));
  }
  const allowed = ctx.federation?.allowedPeers ?? [];
  if (!find || !isAllowedAddress(allowed, address)) {
    const host = address.kind === 'url' ? new URL(address.url).host : address.host;
    const message = `${host} is not a server this one federates with (not an allowed peer).`;
    throw invalid(message, problem(message));
  }
  const found = await find(address);
  if (!found) {
    const message = `No body was found at ${address.text}.`;
    throw new DomainError('NOT_FOUND', message, problem(message));
  }
  const origin = new URL(found.id).origin;
  if (!isAllowedPeer(allowed, origin)) {
    const message = `${address.text} leads to ${origin}, not an allowed peer.`;
    throw invalid(message, problem(message));
  }
  if (!found.isGroup) {
    const message = `${address.text} is not a body (an ActivityPub Group).`;
    throw invalid(message, problem(message));
  }
  const row = {
    address: lookupKeyOf(address),
    actor_id: found.id,
    // Remote text, kept as text and shown as text; as long as any body's name may be here.
    name: (found.name?.trim() || address.text).slice(0, 200),
    server: new URL(found.id).host,
    looked_up_at: isoNow(ctx),
  };
  return { row, text: address.text };
}
