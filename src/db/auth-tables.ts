/**
 * The tables of signing in: sessions, one-time links, failed sign-ins and personal API tokens,
 * every secret kept only as its SHA-256 (see src/db/schema.ts for the conventions).
 */

export interface SessionTable {
  /** SHA-256 of the cookie value: a stolen database holds no usable session. */
  id_hash: string;
  person_id: string;
  created_at: string;
  expires_at: string;
}

export interface TokenTable {
  /** SHA-256 of the token sent in a link. */
  token_hash: string;
  purpose: string;
  person_id: string | null;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Failed sign-ins under one hashed key (migration 0013-sign-in-failures). */
export interface SignInFailureTable {
  key: string;
  failures: number;
  last_failure_at: string;
}

/** A personal API token, as the hash of its secret (migration 0014-api-tokens). */
export interface ApiTokenTable {
  id: string;
  person_id: string;
  name: string;
  token_hash: string;
  /** JSON array of the domain's ApiScope words. */
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/**
 * A key of the server's own (migration 0016-server-key): `chain-head` is the Ed25519 key that
 * signs published audit-chain heads. Keys are hex; the secret is the 32-byte Ed25519 seed.
 */
export interface ServerKeyTable {
  id: string;
  algorithm: string;
  public_key: string;
  secret_key: string;
  created_at: string;
}
