import {
  createFederation,
  exportJwk,
  generateCryptoKeyPair,
  importJwk,
  MemoryKvStore,
  type Context,
  type Federation,
  type InboxContext,
} from '@fedify/fedify';
import {
  Create,
  Document,
  Follow,
  type Add,
  Group,
  isActor,
  Offer,
  Undo,
  type Activity,
} from '@fedify/vocab';
import { DomainError } from '../domain/errors.ts';
import { isAllowedPeer, type RemoteAddress } from '../domain/federation/remote-body.ts';
import type { AppContext } from '../app/common/context.ts';
import type { OutgoingPayload } from '../app/federation/activities.ts';
import type { FindActor, FoundActor } from '../app/federation/look-up-remote-body.ts';
import { receiveFollowAnswer } from '../app/federation/follow-elsewhere.ts';
import { receiveAnswer } from '../app/federation/receive-answer.ts';
import { receiveOffer } from '../app/federation/receive-offer.ts';
import { receiveWithdrawal } from '../app/federation/receive-withdrawal.ts';
import {
  claimActivity,
  findActorBodiesBySlug,
  findActorBody,
  findFederationKeys,
  insertFederationKeys,
  isActivityDelivered,
  listDueActivities,
  markActivityDelivered,
  markActivityFailed,
  type FederationOutboxRow,
} from '../db/queries/federation.ts';
import { activityOf, ANSWER_CLASSES, escapeHtml } from './federation-activities.ts';
import { reconcileOffers, setTrackingDispatcher } from './federation-tracking.ts';
import { onFollow, onUndoFollow, setFollowerDispatchers } from './federation-followers.ts';
import { findFollower } from '../db/queries/federation-followers.ts';
import {
  carriedResolution,
  onAdoptionAdded,
  onCreate,
  setModelDispatchers,
} from './federation-models.ts';

/**
 * The one seam to Fedify (ActivityPub, issue 19). Each body of this server is a `Group` actor
 * (FEP-1b12) at /federation/bodies/{id}, found by WebFinger (acct:slug@host) and by URL, with an
 * RSA key (HTTP signatures, draft-cavage, as Mastodon verifies) and an Ed25519 key (RFC 9421 and
 * object proofs) kept in the database. Its inbox takes an `Offer` of a resolution and the answers
 * to ours; everything else is left to Fedify's defaults (signature checks on every request,
 * the key's owner must be the activity's actor, a one-hour window for the signed date).
 */

export interface FederationSettings {
  /** This server's public origin (BASE_URL). */
  readonly origin: string;
  readonly allowedPeers: readonly string[];
  /** Tests only: lets two servers on 127.0.0.1 reach each other (Fedify's SSRF guard). */
  readonly allowPrivateAddresses: boolean;
  /** The first retry's wait; it doubles with each failure, to at most an hour. */
  readonly retryFirstMs: number;
  /** How often the tracking collections of open Offers are pulled (DEFAULT_RECONCILE_MS). */
  readonly reconcileMs?: number | undefined;
  /** Inbox requests taken from one peer origin a minute (DEFAULT_PEER_REQUESTS_PER_MINUTE). */
  readonly peerRequestsPerMinute?: number | undefined;
  /**
   * FEDERATION_OPEN_FOLLOWS: any fediverse server (Mastodon...) may follow the bodies; from a
   * server not allowed only `Follow` and its `Undo` are acted on. Off: only allowed peers.
   */
  readonly openFollows?: boolean | undefined;
  /** How often chain heads are sent to peers to be witnessed (DEFAULT_WITNESS_MS). */
  readonly witnessMs?: number | undefined;
}

export const DEFAULT_RECONCILE_MS = 15 * 60_000;
export const DEFAULT_PEER_REQUESTS_PER_MINUTE = 600;
export const DEFAULT_WITNESS_MS = 60 * 60_000;

export interface FederationSeam {
  readonly federation: Federation<void>;
  readonly settings: FederationSettings;
  /** Sends the queued activities that are due; returns how many were delivered. */
  deliverDue(): Promise<number>;
  /**
   * Pulls the tracking collection of each open Offer of ours from the server it went to and
   * records any answer missed (federation-tracking.ts); returns how many were recorded.
   */
  reconcile(): Promise<number>;
  /**
   * Looks a body elsewhere up for the motion editor: WebFinger for a handle, then the actor's
   * document, through Fedify's SSRF guard (no private address unless a test allows it).
   */
  findActor: FindActor;
}

export const ACTOR_PATH = '/federation/bodies/{identifier}';
export const INBOX_PATH = '/federation/bodies/{identifier}/inbox';

export function createFederationSeam(
  ctx: AppContext,
  settings: FederationSettings,
): FederationSeam {
  const federation = createFederation<void>({
    kv: new MemoryKvStore(),
    origin: settings.origin,
    allowPrivateAddress: settings.allowPrivateAddresses,
    signatureTimeWindow: { hours: 1 },
  });

  federation
    .setActorDispatcher(ACTOR_PATH, async (fctx, identifier) => {
      const body = await findActorBody(ctx.db, identifier);
      if (!body) return null;
      const keys = await fctx.getActorKeyPairs(identifier);
      return new Group({
        id: fctx.getActorUri(identifier),
        preferredUsername: await handleOf(ctx, body),
        name: body.name,
        summary: escapeHtml(body.organisation_name),
        inbox: fctx.getInboxUri(identifier),
        outbox: fctx.getOutboxUri(identifier),
        followers: fctx.getFollowersUri(identifier),
        publicKey: keys[0]?.cryptographicKey ?? null,
        assertionMethods: keys.map((k) => k.multikey),
        // Every Follow is accepted at once (federation-followers.ts).
        manuallyApprovesFollowers: false,
      });
    })
    .mapHandle(async (_fctx, username) => bodyIdOfHandle(ctx, username))
    .setKeyPairsDispatcher(async (_fctx, identifier) => keyPairsOf(ctx, identifier));

  const inbox = federation.setInboxListeners(INBOX_PATH);
  inbox.on(Offer, (ictx, offer) =>
    refusing(ctx, offer, async () => {
      const actorId = checkedActor(settings, offer);
      if (!ictx.recipient) throw new DomainError('NOT_FOUND', 'An Offer goes to a body’s inbox.');
      const document = await offer.getObject({ crossOrigin: 'throw' });
      if (!(document instanceof Document) || document.id?.origin !== new URL(actorId).origin) {
        throw new DomainError('VALIDATION_FAILED', 'An Offer carries a resolution (Document).');
      }
      const resolution = carriedResolution(document);
      await receiveOffer(ctx, {
        activityId: offer.id!.href,
        actorId,
        bodyId: ictx.recipient,
        resolution,
      });
    }),
  );
  for (const [type, name] of ANSWER_CLASSES) {
    inbox.on(type, (_ictx: InboxContext<void>, activity: Activity) =>
      refusing(ctx, activity, async () => {
        if (name === 'Add' && (await onAdoptionAdded(ctx, settings, activity as Add))) return;
        const actorId = checkedActor(settings, activity);
        if (!activity.objectId) throw new DomainError('VALIDATION_FAILED', 'Which Offer?');
        // Our Follow of a body elsewhere answered (follow-elsewhere.ts); else an Offer's answer.
        const ofFollow = { actorId, followId: activity.objectId.href, accepted: name === 'Accept' };
        if (
          (name === 'Accept' || name === 'Reject') &&
          (await receiveFollowAnswer(ctx, ofFollow))
        ) {
          return;
        }
        await receiveAnswer(ctx, {
          activityId: activity.id!.href,
          actorId,
          type: name,
          offerId: activity.objectId.href,
          status: String(activity.name ?? ''),
          note: activity.content === null ? null : String(activity.content),
        });
      }),
    );
  }

  inbox.on(Follow, (ictx, follow) => onFollow(ctx, settings, ictx, follow));
  inbox.on(Create, (ictx, create) =>
    refusing(ctx, create, () => onCreate(ctx, settings, ictx, create)),
  );
  inbox.on(Undo, (ictx, undo) =>
    refusing(ctx, undo, async () => {
      if (await onUndoFollow(ctx, ictx, undo)) return;
      const actorId = checkedActor(settings, undo);
      // Only an Offer is ever undone between Seconded servers: the resolution is withdrawn.
      if (!undo.objectId) throw new DomainError('VALIDATION_FAILED', 'Undo of what?');
      await receiveWithdrawal(ctx, {
        activityId: undo.id!.href,
        actorId,
        offerId: undo.objectId.href,
      });
    }),
  );
  setTrackingDispatcher(ctx, federation);
  setFollowerDispatchers(ctx, federation);
  setModelDispatchers(ctx, federation);

  return {
    federation,
    settings,
    deliverDue: () => deliverDue(ctx, federation, settings),
    reconcile: () => reconcileOffers(ctx, federation, settings),
    findActor: (address) => findActor(ctx, federation, settings, address),
  };
}

/**
 * Runs an inbox listener: a refusal by the rules (a duplicate, an answer out of order, a peer
 * not allowed) is logged and the activity dropped, as retrying it would not change the answer;
 * any other failure goes back as an error, so the sender tries again.
 */
async function refusing(ctx: AppContext, activity: Activity, fn: () => Promise<void>) {
  try {
    await fn();
  } catch (error) {
    if (!(error instanceof DomainError) && !(error instanceof SyntaxError)) throw error;
    ctx.log.warn('federation: activity refused', {
      activity: activity.id?.href ?? null,
      code: error instanceof DomainError ? error.code : 'VALIDATION_FAILED',
    });
  }
}

/**
 * The activity's actor, when this server may hear from it: an allowed peer, and the activity's
 * id of the actor's own origin (FEP-fe34: an origin speaks only for itself). Fedify has checked
 * that the key that signed the request is this actor's.
 */
export function checkedActor(settings: FederationSettings, activity: Activity): string {
  const actor = activity.actorId;
  if (!actor || !activity.id) throw new DomainError('VALIDATION_FAILED', 'No actor or id.');
  if (!isAllowedPeer(settings.allowedPeers, actor.origin)) {
    throw new DomainError('FORBIDDEN', 'This server does not federate with that one.');
  }
  if (activity.id.origin !== actor.origin) {
    throw new DomainError('FORBIDDEN', 'An activity’s id must be of its actor’s origin.');
  }
  return actor.href;
}

/**
 * The name a body is found by (`acct:name@host`): its slug when no other body on this server
 * has it, else `organisation-slug.body-slug`.
 */
async function handleOf(ctx: AppContext, body: { slug: string; organisation_slug: string }) {
  const same = await findActorBodiesBySlug(ctx.db, body.slug);
  return same.length === 1 ? body.slug : `${body.organisation_slug}.${body.slug}`;
}

async function bodyIdOfHandle(ctx: AppContext, username: string): Promise<string | null> {
  const dot = username.indexOf('.');
  const bySlug = await findActorBodiesBySlug(ctx.db, username);
  if (bySlug.length === 1) return bySlug[0]!.id;
  if (dot < 0) return null;
  const [organisation, body] = [username.slice(0, dot), username.slice(dot + 1)];
  const found = await findActorBodiesBySlug(ctx.db, body);
  return found.find((b) => b.organisation_slug === organisation)?.id ?? null;
}

type KeyPair = Awaited<ReturnType<typeof generateCryptoKeyPair>>;
const jwk = (text: string) => JSON.parse(text) as Parameters<typeof importJwk>[0];

/** A body's key pairs, made and kept the first time they are asked for. */
async function keyPairsOf(ctx: AppContext, bodyId: string): Promise<KeyPair[]> {
  let row = await findFederationKeys(ctx.db, bodyId);
  if (!row) {
    if (!(await findActorBody(ctx.db, bodyId))) return [];
    const rsa = await generateCryptoKeyPair('RSASSA-PKCS1-v1_5');
    const ed = await generateCryptoKeyPair('Ed25519');
    await insertFederationKeys(ctx.db, {
      body_id: bodyId,
      rsa_private: JSON.stringify(await exportJwk(rsa.privateKey)),
      rsa_public: JSON.stringify(await exportJwk(rsa.publicKey)),
      ed25519_private: JSON.stringify(await exportJwk(ed.privateKey)),
      ed25519_public: JSON.stringify(await exportJwk(ed.publicKey)),
      created_at: ctx.now().toISOString(),
    });
    row = (await findFederationKeys(ctx.db, bodyId))!;
  }
  return [
    {
      privateKey: await importJwk(jwk(row.rsa_private), 'private'),
      publicKey: await importJwk(jwk(row.rsa_public), 'public'),
    },
    {
      privateKey: await importJwk(jwk(row.ed25519_private), 'private'),
      publicKey: await importJwk(jwk(row.ed25519_public), 'public'),
    },
  ];
}

/** What is at an address: null when nothing is (or it could not be fetched, or is private). */
async function findActor(
  ctx: AppContext,
  federation: Federation<void>,
  settings: FederationSettings,
  address: RemoteAddress,
): Promise<FoundActor | null> {
  const fctx = federation.createContext(new URL(settings.origin), undefined);
  const target = address.kind === 'url' ? address.url : `acct:${address.user}@${address.host}`;
  try {
    const found = await fctx.lookupObject(target, { crossOrigin: 'throw' });
    if (!found?.id) return null;
    const name = isActor(found) ? found.name : null;
    return {
      id: found.id.href,
      isGroup: found instanceof Group,
      name: name === null || name === undefined ? null : String(name),
    };
  } catch (error) {
    ctx.log.warn('federation: look-up failed', {
      address: address.text,
      error: error instanceof Error ? error.message : String(error),
    });
    return null;
  }
}

// Sending ---------------------------------------------------------------------------------------

const CLAIM_MS = 5 * 60_000;
const MAX_RETRY_MS = 60 * 60_000;

/** The wait after `attempts` failures: the first wait, doubling, at most an hour. */
export const federationRetryMs = (firstMs: number, attempts: number) =>
  Math.min(firstMs * 2 ** Math.max(0, Math.min(attempts - 1, 20)), MAX_RETRY_MS);

async function deliverDue(
  ctx: AppContext,
  federation: Federation<void>,
  settings: FederationSettings,
): Promise<number> {
  const now = ctx.now();
  const due = await listDueActivities(ctx.db, now.toISOString(), 20);
  const fctx = federation.createContext(new URL(settings.origin), undefined);
  let delivered = 0;
  for (const row of due) {
    const at = ctx.now();
    const claimed = await claimActivity(
      ctx.db,
      row.id,
      at.toISOString(),
      new Date(at.getTime() + CLAIM_MS).toISOString(),
    );
    if (!claimed) continue;
    try {
      await deliverOne(ctx, fctx, settings, row);
      await markActivityDelivered(ctx.db, row.id, ctx.now().toISOString());
      delivered++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      await markActivityFailed(ctx.db, row.id, {
        attempts,
        error: message,
        nextAttemptAt: new Date(
          ctx.now().getTime() + federationRetryMs(settings.retryFirstMs, attempts),
        ).toISOString(),
      });
      ctx.log.warn('federation: delivery failed, will retry', {
        activity: row.id,
        attempts,
      });
    }
  }
  return delivered;
}

async function deliverOne(
  ctx: AppContext,
  fctx: Context<void>,
  settings: FederationSettings,
  row: FederationOutboxRow,
) {
  const recipient = await fctx.lookupObject(row.recipient, { crossOrigin: 'throw' });
  if (!isActor(recipient) || !recipient.id || !recipient.inboxId) {
    throw new Error(`no actor found at ${row.recipient}`);
  }
  const payload = JSON.parse(row.payload) as OutgoingPayload;
  if (payload.type === 'accept-follow' || payload.type === 'note' || payload.type === 'model') {
    // To a follower, only while it follows: a post (Mastodon...), or a model motion to a
    // Seconded follower body (an allowed peer, publish-model-to-followers.ts).
    if (!(await findFollower(ctx.db, row.sender_body_id, recipient.id.href))) {
      throw new Error(`${recipient.id.href} does not follow this body`);
    }
  } else if (!isAllowedPeer(settings.allowedPeers, recipient.id.origin)) {
    throw new Error(`${recipient.id.origin} is not an allowed peer`);
  }
  if (payload.type === 'withdraw' && !(await isActivityDelivered(ctx.db, payload.offerId))) {
    // An Undo that overtook its Offer would find nothing to undo: it waits, with back-off.
    throw new Error('the Offer it withdraws is not delivered yet');
  }
  if (payload.type === 'unfollow' && !(await isActivityDelivered(ctx.db, payload.followId))) {
    // Likewise an Undo of a Follow still queued (follow-elsewhere.ts).
    throw new Error('the Follow it undoes is not delivered yet');
  }
  if (payload.type === 'offer') {
    // A handle is looked up now; answers are then checked against the actor it named.
    await ctx.db
      .updateTable('federation_links')
      .set({ remote_actor: recipient.id.href })
      .where('offer_id', '=', row.id)
      .execute();
  }
  const activity = activityOf(fctx, row, payload, recipient.id);
  await fctx.sendActivity({ identifier: row.sender_body_id }, recipient, activity, {
    immediate: true,
  });
}
