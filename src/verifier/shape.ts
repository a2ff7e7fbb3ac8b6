/**
 * Strict reading of untrusted JSON (docs/e2e-protocol.md section 1): every object has exactly
 * the keys the protocol names, every value its type. A board with an extra key is refused rather
 * than ignored: whatever a verifier skips, a forger can hide something in.
 */
import { isHex64, refuse } from './group.ts';

export type Json = Record<string, unknown>;

export function object(v: unknown, keys: readonly string[], what: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return refuse(`${what} is not an object`);
  const record = v as Json;
  const present = Object.keys(record);
  const extra = present.find((k) => !keys.includes(k));
  if (extra !== undefined) refuse(`${what} has an unknown field "${extra}"`);
  const missing = keys.find((k) => !Object.hasOwn(record, k));
  if (missing !== undefined) refuse(`${what} lacks the field "${missing}"`);
  return record;
}

export function list(v: unknown, what: string, length?: number): unknown[] {
  if (!Array.isArray(v)) return refuse(`${what} is not a list`);
  if (length !== undefined && v.length !== length)
    refuse(`${what} has ${v.length} items where ${length} are expected`);
  return v;
}

/** Section 1, Integer: a non-negative safe integer, here also within [min, max]. */
export function integer(v: unknown, what: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    return refuse(`${what} is not a non-negative whole number`);
  if (v < min || v > max) refuse(`${what} is ${v}, outside ${min}..${max}`);
  return v;
}

export function text(v: unknown, what: string): string {
  if (typeof v !== 'string') return refuse(`${what} is not a string`);
  return v;
}

export function hashHex(v: unknown, what: string): string {
  if (!isHex64(v)) return refuse(`${what} is not 64 lowercase hexadecimal digits`);
  return v;
}

const PSEUDONYM = /^[A-Za-z0-9_-]{22}$/;
export function pseudonym(v: unknown, what: string): string {
  if (typeof v !== 'string' || !PSEUDONYM.test(v))
    return refuse(`${what} is not a pseudonym (22 base64url characters)`);
  return v;
}

/** A ciphertext's shape, before its points are decoded. */
export function ciphertextShape(v: unknown, what: string): { alpha: string; beta: string } {
  const c = object(v, ['alpha', 'beta'], what);
  return { alpha: hashHex(c.alpha, `${what}: alpha`), beta: hashHex(c.beta, `${what}: beta`) };
}
