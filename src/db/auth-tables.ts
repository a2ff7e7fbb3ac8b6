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

/**
 * An organisation's OpenID provider (migration 0022-identity-providers). `match_by` is `email`
 * (a verified email) or `claim` (the member number in `member_number_claim`); `role_mappings` is
 * JSON, the domain's RoleMapping list; `password_sign_in` is 0 when members must use the provider.
 */
export interface IdentityProviderTable {
  organisation_id: string;
  name: string;
  issuer: string;
  client_id: string;
  client_secret: string;
  match_by: 'email' | 'claim';
  member_number_claim: string | null;
  groups_claim: string | null;
  role_mappings: string;
  password_sign_in: number;
  created_at: string;
  updated_at: string;
}

/** A sign-in sent to a provider, waiting for its answer: used once, then deleted. */
export interface ExternalSignInTable {
  /** SHA-256 of the state; the browser holds the state itself in a cookie. */
  state_hash: string;
  organisation_id: string;
  nonce: string;
  code_verifier: string;
  /** Where to go once signed in (a path of this site). */
  next: string | null;
  expires_at: string;
  created_at: string;
}
