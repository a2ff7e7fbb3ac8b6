import type { Kysely } from 'kysely';
import { createdAt, createTableWithId, required } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // The server's own signing keys (src/app/common/server-key.ts): the Ed25519 key that signs
  // each organisation's published audit-chain head, made once by whichever process needs it
  // first, so every process of one database signs with the same key. A key given by the
  // configuration (SERVER_SIGNING_KEY) is used instead and never stored.
  await createdAt(
    createTableWithId(db, 'server_keys')
      .addColumn('algorithm', 'text', required)
      .addColumn('public_key', 'text', required)
      .addColumn('secret_key', 'text', required),
  ).execute();
}
