import { hash as digest, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which `verbatimModuleSyntax` cannot import). */
const ARGON2ID = 2;

/** A new random id for a row. */
export const newId = (): string => randomUUID();

let lastMs = 0;
let sequence = 0;
/** Random bytes drawn 64 KB at a time: one call per id cost more than the rest of the id. */
let pool = Buffer.alloc(0);
let poolAt = 0;

/**
 * A new id for one of many rows written at once (an import): a UUID version 7 (RFC 9562,
 * section 5.7), its first 48 bits the time in milliseconds and the next 12 a counter within the
 * millisecond (section 6.2, method 1), the rest random. Ids made one after another sort in the
 * order they were made, so a million of them go onto the end of the primary-key index instead
 * of a random page of it each: on SQLite, whose page cache is small, that is most of the time
 * of a bulk write. 62 random bits still make an id that cannot be guessed.
 */
export function newOrderedId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    // The counter is spent within this millisecond: borrow the next one.
    lastMs++;
    sequence = 0;
  }
  if (poolAt + 16 > pool.length) {
    pool = randomBytes(1 << 16);
    poolAt = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolAt, (poolAt += 16)));
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A random secret for a link or cookie: 256 bits, URL-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/**
 * What is stored of a secret: its SHA-256, so the database alone cannot be used to sign in.
 * crypto.hash, one call: every request hashes its session cookie, and a Hash object each time
 * cost several times as much.
 */
export const hashSecret = (secret: string): string => digest('sha256', secret, 'hex');

export const sha256Hex = hashSecret;

/**
 * Password hashing with argon2id at the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane),
 * which keeps a sign-in under ~50 ms on a small server.
 */
export const hashPassword = (password: string): Promise<string> =>
  hash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
