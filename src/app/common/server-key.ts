import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/curves/utils.js';
import { findServerKey, insertServerKeyIfAbsent } from '../../db/queries/server-keys.ts';
import type { AppContext } from './context.ts';

/**
 * The server's Ed25519 key (RFC 8032), which signs each organisation's published audit-chain
 * head (chain-head.ts). It is the key the configuration gives (SERVER_SIGNING_KEY), or else one
 * made once and kept in the database's `server_keys` table, so that it survives restarts and
 * every process of a PostgreSQL deployment signs with the same key. Signatures are made and
 * checked with @noble/curves only (audited, no native code).
 */

/** The row that holds the key that signs chain heads. */
const CHAIN_HEAD_KEY = 'chain-head';

export interface ServerKey {
  /** The public key, 32 bytes as hex: what readers check signatures with. */
  readonly publicKey: string;
  /** Signs the UTF-8 bytes of `text`; the signature is 64 bytes as hex. */
  sign(text: string): string;
}

type KeyContext = Pick<AppContext, 'db' | 'now' | 'signingKey'>;

const utf8 = (text: string) => new TextEncoder().encode(text);

const keyFrom = (secretHex: string): ServerKey => {
  const secret = hexToBytes(secretHex);
  return {
    publicKey: bytesToHex(ed25519.getPublicKey(secret)),
    sign: (text) => bytesToHex(ed25519.sign(utf8(text), secret)),
  };
};

/** The public key of an Ed25519 secret key (hex), as `SERVER_SIGNING_KEY` or the table holds it. */
export const publicKeyOf = (secretHex: string): string => keyFrom(secretHex).publicKey;

/**
 * The server's signing key: the configured one, or the one kept in the database, made on first
 * use. Read afresh each time (one small query), so a key replaced in the table is used by every
 * process at once.
 */
export async function serverKey(ctx: KeyContext): Promise<ServerKey> {
  if (ctx.signingKey) return keyFrom(ctx.signingKey);
  const kept = await findServerKey(ctx.db, CHAIN_HEAD_KEY);
  if (kept) return keyFrom(kept.secret_key);
  const secret = ed25519.utils.randomSecretKey();
  await insertServerKeyIfAbsent(ctx.db, {
    id: CHAIN_HEAD_KEY,
    algorithm: 'Ed25519',
    public_key: bytesToHex(ed25519.getPublicKey(secret)),
    secret_key: bytesToHex(secret),
    created_at: ctx.now().toISOString(),
  });
  // Another process may have stored its key first: whichever is stored is the key.
  const stored = await findServerKey(ctx.db, CHAIN_HEAD_KEY);
  if (!stored) throw new Error('the server key was not stored');
  return keyFrom(stored.secret_key);
}

/** The server's public key without making one: null when it has never signed anything. */
export async function serverPublicKey(ctx: KeyContext): Promise<string | null> {
  if (ctx.signingKey) return publicKeyOf(ctx.signingKey);
  const kept = await findServerKey(ctx.db, CHAIN_HEAD_KEY);
  return kept ? publicKeyOf(kept.secret_key) : null;
}

/**
 * Whether `signature` is `publicKey`'s signature of `text` (all hex). Strict RFC 8032 checking
 * (no ZIP-215 leniency), and any malformed key or signature is simply not a valid signature.
 */
export function isSignedBy(publicKey: string, text: string, signature: string): boolean {
  try {
    return ed25519.verify(hexToBytes(signature), utf8(text), hexToBytes(publicKey), {
      zip215: false,
    });
  } catch {
    return false;
  }
}
