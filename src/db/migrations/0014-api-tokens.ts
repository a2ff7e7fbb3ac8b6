import type { Kysely } from 'kysely';
import { belongsTo, createIndex, createTableWithId, required, requiredUnique } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // Personal API tokens (src/domain/accounts/api-tokens.ts): the person's own, named, with the
  // scopes they allow; stored as the SHA-256 of the secret, which is shown once when made.
  await createTableWithId(db, 'api_tokens')
    .addColumn('person_id', 'text', belongsTo('people'))
    .addColumn('name', 'text', required)
    .addColumn('token_hash', 'text', requiredUnique)
    .addColumn('scopes', 'text', required)
    .addColumn('created_at', 'text', required)
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await createIndex(db, 'api_tokens_person', 'api_tokens', ['person_id', 'created_at']);
}
