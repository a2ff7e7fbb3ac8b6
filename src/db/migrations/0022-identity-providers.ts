import type { Kysely } from 'kysely';
import {
  belongsTo,
  createdAndUpdated,
  createdAt,
  createTableExtending,
  primaryKey,
  required,
  zeroUnlessSet,
} from './support.ts';

export async function up(db: Kysely<unknown>) {
  // An organisation's own OpenID provider (src/domain/accounts/identity-provider.ts), one at most:
  // how its members are matched, the groups that give roles, and whether passwords still work.
  // The client secret is kept as given, since the token request sends it; pages never show it.
  await createTableExtending(db, 'identity_providers', 'organisations', 'organisation_id')
    .addColumn('name', 'text', required)
    .addColumn('issuer', 'text', required)
    .addColumn('client_id', 'text', required)
    .addColumn('client_secret', 'text', required)
    .addColumn('match_by', 'text', required)
    .addColumn('member_number_claim', 'text')
    .addColumn('groups_claim', 'text')
    .addColumn('role_mappings', 'text', required)
    .addColumn('password_sign_in', 'integer', zeroUnlessSet)
    .$call(createdAndUpdated)
    .execute();
  // A sign-in sent to a provider and not yet back: its state (as a hash), nonce and PKCE code
  // verifier stay here, short-lived and taken once, never in the browser (README, "Signing in
  // with the organisation's provider").
  await db.schema
    .createTable('external_sign_ins')
    .addColumn('state_hash', 'text', primaryKey)
    .addColumn('organisation_id', 'text', belongsTo('organisations'))
    .addColumn('nonce', 'text', required)
    .addColumn('code_verifier', 'text', required)
    .addColumn('next', 'text')
    .addColumn('expires_at', 'text', required)
    .$call(createdAt)
    .execute();
}
