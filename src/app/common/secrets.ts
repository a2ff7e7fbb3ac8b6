import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which `verbatimModuleSyntax` cannot import). */
const ARGON2ID = 2;

/** A new random id for a row. */
export const newId = (): string => randomUUID();

/** A random secret for a link or cookie: 256 bits, URL-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** What is stored of a secret: its SHA-256, so the database alone cannot be used to sign in. */
export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret).digest('hex');

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
