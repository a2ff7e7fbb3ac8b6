import type { Db } from '../database.ts';
import type {
  FederationModelAdoptionTable,
  FederationReceivedModelTable,
  FederationKeyTable,
  FederationLinkTable,
  FederationOutboxTable,
} from '../schema-federation.ts';

export type FederationKeyRow = FederationKeyTable;
export type FederationOutboxRow = FederationOutboxTable;
export type FederationLinkRow = FederationLinkTable;

// Key pairs -----------------------------------------------------------------------------------

export const findFederationKeys = (db: Db, bodyId: string) =>
  db.selectFrom('federation_keys').selectAll().where('body_id', '=', bodyId).executeTakeFirst();

/** Keeps a body's first key pair: a second writer racing to make one keeps the first's. */
export const insertFederationKeys = (db: Db, row: FederationKeyRow) =>
  db
    .insertInto('federation_keys')
    .values(row)
    .onConflict((oc) => oc.column('body_id').doNothing())
    .execute();

// Bodies as actors ------------------------------------------------------------------------------

/** A body with its organisation, for its actor document; undefined for a body kept for a remote one. */
export const findActorBody = (db: Db, bodyId: string) =>
  db
    .selectFrom('bodies')
    .innerJoin('organisations', 'organisations.id', 'bodies.organisation_id')
    .leftJoin('federation_remote_bodies', 'federation_remote_bodies.body_id', 'bodies.id')
    .select([
      'bodies.id',
      'bodies.name',
      'bodies.slug',
      'organisations.name as organisation_name',
      'organisations.slug as organisation_slug',
    ])
    .where('bodies.id', '=', bodyId)
    .where('federation_remote_bodies.actor_id', 'is', null)
    .executeTakeFirst();

/** Bodies of this server (not kept for remote ones) with a slug, to find one by handle. */
export const findActorBodiesBySlug = (db: Db, slug: string) =>
  db
    .selectFrom('bodies')
    .innerJoin('organisations', 'organisations.id', 'bodies.organisation_id')
    .leftJoin('federation_remote_bodies', 'federation_remote_bodies.body_id', 'bodies.id')
    .select(['bodies.id', 'organisations.slug as organisation_slug'])
    .where('bodies.slug', '=', slug)
    .where('federation_remote_bodies.actor_id', 'is', null)
    .execute();

export const findRemoteBody = (db: Db, actorId: string) =>
  db
    .selectFrom('federation_remote_bodies')
    .selectAll()
    .where('actor_id', '=', actorId)
    .executeTakeFirst();

export const insertRemoteBody = (
  db: Db,
  row: { actor_id: string; body_id: string; created_at: string },
) => db.insertInto('federation_remote_bodies').values(row).execute();

// Links between communications and offers ----------------------------------------------------------

export const insertFederationLink = (db: Db, row: FederationLinkRow) =>
  db.insertInto('federation_links').values(row).execute();

export const findLinkOfCommunication = (db: Db, communicationId: string) =>
  db
    .selectFrom('federation_links')
    .selectAll()
    .where('communication_id', '=', communicationId)
    .executeTakeFirst();

export const findLinkOfOffer = (db: Db, offerId: string) =>
  db.selectFrom('federation_links').selectAll().where('offer_id', '=', offerId).executeTakeFirst();

// Received activities -------------------------------------------------------------------------------

/**
 * Records an activity as received, once: false when it was already (a duplicate, acted on
 * before). In the transaction that acts on it, so a failure leaves it to be received again.
 */
export async function recordReceived(
  db: Db,
  row: { activity_id: string; actor_id: string; received_at: string },
): Promise<boolean> {
  const result = await db
    .insertInto('federation_inbox')
    .values(row)
    .onConflict((oc) => oc.column('activity_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

// Outgoing activities --------------------------------------------------------------------------------

export const insertOutgoingActivity = (
  db: Db,
  row: Pick<
    FederationOutboxRow,
    'id' | 'sender_body_id' | 'recipient' | 'payload' | 'next_attempt_at' | 'created_at'
  >,
) =>
  db
    .insertInto('federation_outbox')
    .values({ ...row, attempts: 0 })
    .execute();

/** Activities due to be sent now, oldest first. */
export const listDueActivities = (db: Db, now: string, limit: number) =>
  db
    .selectFrom('federation_outbox')
    .selectAll()
    .where('delivered_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();

/** Claims one activity until `until`; false when another sender holds it or it was sent. */
export async function claimActivity(db: Db, id: string, now: string, until: string) {
  const result = await db
    .updateTable('federation_outbox')
    .set({ claimed_until: until })
    .where('id', '=', id)
    .where('delivered_at', 'is', null)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const markActivityDelivered = (db: Db, id: string, at: string) =>
  db
    .updateTable('federation_outbox')
    .set((eb) => ({
      delivered_at: at,
      attempts: eb('attempts', '+', 1),
      claimed_until: null,
      last_error: null,
    }))
    .where('id', '=', id)
    .execute();

export const markActivityFailed = (
  db: Db,
  id: string,
  failure: { attempts: number; error: string; nextAttemptAt: string },
) =>
  db
    .updateTable('federation_outbox')
    .set({
      attempts: failure.attempts,
      last_error: failure.error.slice(0, 500),
      next_attempt_at: failure.nextAttemptAt,
      claimed_until: null,
    })
    .where('id', '=', id)
    .execute();

/** Whether an activity queued here was delivered (an `Undo` waits for the Offer it undoes). */
export async function isActivityDelivered(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('federation_outbox')
    .select('delivered_at')
    .where('id', '=', id)
    .executeTakeFirst();
  return Boolean(row?.delivered_at);
}

/** The activities queued here for one remote actor by one body, oldest first. */
export const listActivitiesTo = (db: Db, senderBodyId: string, recipient: string) =>
  db
    .selectFrom('federation_outbox')
    .selectAll()
    .where('sender_body_id', '=', senderBodyId)
    .where('recipient', '=', recipient)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

// Reconciliation ----------------------------------------------------------------------------------

/**
 * Our resolutions offered to bodies elsewhere whose Offer was delivered, with the state the
 * sender knows; the caller keeps those not yet settled.
 */
export const listDeliveredOffers = (db: Db) =>
  db
    .selectFrom('federation_links')
    .innerJoin('communications', 'communications.id', 'federation_links.communication_id')
    .innerJoin('resolutions', 'resolutions.id', 'communications.resolution_id')
    .innerJoin('federation_outbox', 'federation_outbox.id', 'federation_links.offer_id')
    .select([
      'federation_links.offer_id',
      'federation_links.remote_actor',
      'communications.kind',
      'communications.status',
      'resolutions.body_id as sender_body_id',
    ])
    .where('federation_links.direction', '=', 'out')
    .where('federation_outbox.delivered_at', 'is not', null)
    .orderBy('federation_links.created_at')
    .execute();

/** A communication received by an Offer, with the body here it went to. */
export const findReceivedOffer = (db: Db, offerId: string) =>
  db
    .selectFrom('federation_links')
    .innerJoin('communications', 'communications.id', 'federation_links.communication_id')
    .select([
      'federation_links.remote_actor',
      'federation_links.direction',
      'communications.to_body_id',
    ])
    .where('federation_links.offer_id', '=', offerId)
    .executeTakeFirst();

// Model motions between servers (docs/model-motions.md) -------------------------------------------

export const insertReceivedModel = (db: Db, row: FederationReceivedModelTable) =>
  db.insertInto('federation_received_models').values(row).execute();

export const findReceivedModel = (db: Db, communicationId: string) =>
  db
    .selectFrom('federation_received_models')
    .selectAll()
    .where('communication_id', '=', communicationId)
    .executeTakeFirst();

/** The received model whose adoptions collection is `adoptions`, with the actor that sent it. */
export const findReceivedModelByCollection = (db: Db, adoptions: string) =>
  db
    .selectFrom('federation_received_models')
    .innerJoin(
      'federation_links',
      'federation_links.communication_id',
      'federation_received_models.communication_id',
    )
    .innerJoin('communications', 'communications.id', 'federation_received_models.communication_id')
    .selectAll('federation_received_models')
    .select(['federation_links.remote_actor', 'communications.status'])
    .where('federation_received_models.adoptions', '=', adoptions)
    .execute();

export const acknowledgeReceivedModel = (db: Db, communicationId: string, at: string) =>
  db
    .updateTable('federation_received_models')
    .set({ acknowledged_at: at })
    .where('communication_id', '=', communicationId)
    .where('acknowledged_at', 'is', null)
    .execute();

export const insertModelAdoption = (db: Db, row: FederationModelAdoptionTable) =>
  db.insertInto('federation_model_adoptions').values(row).execute();

/** A model's adoptions by bodies elsewhere, oldest first. */
export const listModelAdoptions = (db: Db, resolutionId: string) =>
  db
    .selectFrom('federation_model_adoptions')
    .selectAll()
    .where('resolution_id', '=', resolutionId)
    .orderBy('adopted_at')
    .orderBy('activity_id')
    .execute();
