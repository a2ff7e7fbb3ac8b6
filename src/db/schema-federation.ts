/** The tables of federation between Seconded servers (issue 19, migration 0025). */

export interface FederationKeyTable {
  body_id: string;
  /** JWK JSON. */
  rsa_private: string;
  rsa_public: string;
  ed25519_private: string;
  ed25519_public: string;
  created_at: string;
}

export interface FederationOutboxTable {
  /** The activity's id (its URL). */
  id: string;
  sender_body_id: string;
  /** The remote body's actor URL, or its handle until it is looked up. */
  recipient: string;
  /** JSON: what the activity says (src/app/federation/activities.ts). */
  payload: string;
  attempts: number;
  next_attempt_at: string;
  claimed_until: string | null;
  delivered_at: string | null;
  last_error: string | null;
  created_at: string;
}

export interface FederationInboxTable {
  activity_id: string;
  actor_id: string;
  received_at: string;
}

export interface FederationLinkTable {
  communication_id: string;
  /** `out`: a resolution of ours to a body elsewhere; `in`: one from elsewhere to a body here. */
  direction: 'out' | 'in';
  remote_actor: string;
  offer_id: string;
  created_at: string;
}

export interface FederationRemoteBodyTable {
  actor_id: string;
  body_id: string;
  created_at: string;
}

/** A body elsewhere as the motion editor looked it up, by the handle or URL it was named by. */
export interface FederationLookupTable {
  address: string;
  actor_id: string;
  name: string;
  /** Its server's host. */
  server: string;
  looked_up_at: string;
}

/** A fediverse account following a body's Group actor (Mastodon, or another Seconded server). */
export interface FederationFollowerTable {
  body_id: string;
  actor_id: string;
  inbox: string;
  /** The Follow activity's id, which the Accept names. */
  follow_id: string;
  created_at: string;
}

/** A body elsewhere a body here follows (migration 0039, docs/model-motions.md). */
export interface FederationFollowingTable {
  body_id: string;
  /** The remote Group actor's id, as the look-up found it. */
  actor_id: string;
  /** What the secretary typed (a handle or URL), as shown. */
  address: string;
  /** The remote body's name (remote text, shown as text) and server. */
  name: string;
  server: string;
  /** Our `Follow` activity's id, which the remote's Accept or Reject names. */
  follow_id: string;
  state: 'pending' | 'accepted' | 'refused';
  created_at: string;
  updated_at: string;
}

/** A chain head witnessed between peers (migration 0034, docs/witnessed-chains.md). */
export interface ChainWitnessedHeadTable {
  /** `theirs`: a peer's head this server countersigned; `ours`: our head a peer countersigned. */
  direction: 'theirs' | 'ours';
  peer_origin: string;
  organisation_id: string;
  /** The organisation's slug as the head names it. */
  organisation: string;
  seq: number;
  hash: string;
  head_at: string | null;
  /** The key that signed the head (the server whose chain it is), hex. */
  head_key: string;
  head_signature: string;
  /** The witness's key and its countersignature (witness.ts witnessedHeadText), hex. */
  witness_key: string;
  countersignature: string;
  witnessed_at: string;
}

/** A head a witness refused, kept for the administrator (migration 0034). */
export interface ChainWitnessAlertTable {
  id: string;
  peer_origin: string;
  organisation_id: string;
  seq: number;
  hash: string;
  /** witness.ts WitnessRefusal's code, or `wrong-key`. */
  code: string;
  reason: string;
  at: string;
  /** How many more times it came (the same, or past the peer’s allowance; migration 0038). */
  repeats: number;
  /** When it last came, if it came again. */
  last_at: string | null;
}

/** A model motion received from a body elsewhere, by the communication it is (migration 0037). */
export interface FederationReceivedModelTable {
  communication_id: string;
  /** The model's id (its Document) and its adoptions collection (FEP-400e). */
  model_id: string;
  adoptions: string;
  /** When the origin answered `Add` to our adoption. */
  acknowledged_at: string | null;
  created_at: string;
}

/** A body elsewhere adopted a model motion of ours (migration 0037). */
export interface FederationModelAdoptionTable {
  /** The `Create` that told us, acted on once. */
  activity_id: string;
  /** The model (a resolution of ours). */
  resolution_id: string;
  actor_id: string;
  /** Plain text, as the adopting server named it. */
  body_name: string;
  /** The adopting server's host. */
  server: string;
  /** The adopting resolution's id (its public address). */
  object_id: string;
  title: string;
  adopted_at: string;
}

export interface FederationTables {
  federation_keys: FederationKeyTable;
  federation_outbox: FederationOutboxTable;
  federation_inbox: FederationInboxTable;
  federation_links: FederationLinkTable;
  federation_remote_bodies: FederationRemoteBodyTable;
  federation_lookups: FederationLookupTable;
  federation_followers: FederationFollowerTable;
  federation_followings: FederationFollowingTable;
  chain_witnessed_heads: ChainWitnessedHeadTable;
  chain_witness_alerts: ChainWitnessAlertTable;
  federation_received_models: FederationReceivedModelTable;
  federation_model_adoptions: FederationModelAdoptionTable;
}
