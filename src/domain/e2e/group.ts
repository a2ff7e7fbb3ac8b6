/**
 * The group, its encodings and the hash of the end-to-end protocol (docs/e2e-protocol.md sections 1
 * and 2). Everything here is pure and runs in a browser as well as on the server: randomness comes
 * from a `Random` function passed in (by default `randomBytes` of @noble/hashes, which reads the
 * platform's CSPRNG), so that tests can pin answers with a seeded source.
 *
 * Group: ristretto255 (RFC 9496), a prime-order group built on Curve25519, so no cofactor checks
 * are needed once an encoding has been decoded canonically (RFC 9496 §4.3.1, §4.3.2).
 * Hash: RFC 9380 §5.2 `hash_to_field` with `expand_message_xmd` over SHA-512, onto the scalar
 * field, with every statement and commitment hashed (strong Fiat–Shamir: Bernhard, Pereira and
 * Warinschi, "How not to prove yourself", ASIACRYPT 2012).
 */
import { hash_to_field } from '@noble/curves/abstract/hash-to-curve.js';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { DomainError } from '../errors.ts';

export const Point = ristretto255.Point;
export type GroupPoint = InstanceType<typeof Point>;
/** The group order ℓ = 2^252 + 27742317777372353535851937790883648493 (RFC 9496 §4). */
export const ORDER: bigint = Point.Fn.ORDER;
export const G: GroupPoint = Point.BASE;

/** A source of uniformly random bytes. Tests pass a seeded one; everything else the CSPRNG. */
export type Random = (length: number) => Uint8Array;
export const systemRandom: Random = (length) => randomBytes(length);

/** The refusal of every check of the protocol: the message names the item that fails. */
export function refuse(message: string): DomainError<'PROOF_REFUSED'> {
  return new DomainError('PROOF_REFUSED', message);
}

const HEX64 = /^[0-9a-f]{64}$/;
const PSEUDONYM = /^[A-Za-z0-9_-]{22}$/;

export const mod = (a: bigint): bigint => {
  const r = a % ORDER;
  return r < 0n ? r + ORDER : r;
};

/** Modular inverse by Fermat (ℓ is prime); only ever applied to public, non-zero values. */
export const invert = (a: bigint): bigint => Point.Fn.inv(mod(a));

/** Section 1, Scalar: 32-byte little-endian, 64 lowercase hex digits. */
export function scalarToHex(s: bigint): string {
  const bytes = new Uint8Array(32);
  let v = mod(s);
  for (let i = 0; i < 32; i++) {
    bytes[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return bytesToHex(bytes);
}

export function scalarToBytes(s: bigint): Uint8Array {
  return hexToBytesStrict(scalarToHex(s));
}

export function bytesToScalarLE(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i] ?? 0);
  return v;
}

function hexToBytesStrict(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Decodes 64 lowercase hex digits to bytes; anything else is refused, naming `what`. */
export function hex32(value: unknown, what: string): Uint8Array {
  if (typeof value !== 'string' || !HEX64.test(value)) {
    throw refuse(`${what}: not 64 lowercase hexadecimal digits`);
  }
  return hexToBytesStrict(value);
}

/**
 * Section 1, Scalar: refuses anything but 64 lowercase hex digits encoding a value below ℓ, so a
 * scalar has exactly one encoding (a value ≥ ℓ would let a proof be re-encoded without its
 * secret: malleability).
 */
export function parseScalar(value: unknown, what: string): bigint {
  const s = bytesToScalarLE(hex32(value, what));
  if (s >= ORDER) throw refuse(`${what}: the scalar is not below the group order`);
  return s;
}

/** A secret scalar (a key, a share): as parseScalar, and never 0, which is no secret. */
export function parseSecret(value: unknown, what: string): bigint {
  const s = parseScalar(value, what);
  if (s === 0n) throw refuse(`${what}: zero is not a secret`);
  return s;
}

/**
 * Section 1, Point: RFC 9496 §4.3.1 decode, and the identity refused everywhere (an identity key,
 * commitment or ciphertext component would make a proof vacuous). The decode refuses a
 * non-canonical field element, a negative s, a non-square, a negative t and y = 0, so it accepts
 * exactly the canonical encodings: re-encoding the point would give back the same bytes, at the
 * cost of an inverse square root (a sixth of the server's check of a ballot), so it is not done
 * (group.test.ts shows the equality on random encodings).
 */
export function parsePoint(value: unknown, what: string): GroupPoint {
  const bytes = hex32(value, what);
  let point: GroupPoint;
  try {
    point = Point.fromBytes(bytes);
  } catch {
    throw refuse(`${what}: not a canonical ristretto255 point`);
  }
  if (point.is0()) throw refuse(`${what}: the identity point is not allowed`);
  return point;
}

export const pointToHex = (p: GroupPoint): string => p.toHex();

/** Section 1, Hash hex: 64 lowercase hex digits. */
export function parseHashHex(value: unknown, what: string): string {
  hex32(value, what);
  return value as string;
}

/** Section 1, Pseudonym: 22 characters of base64url. */
export function isPseudonym(value: unknown): value is string {
  return typeof value === 'string' && PSEUDONYM.test(value);
}

/** Section 1, Integer: a non-negative safe integer. */
export function parseInteger(value: unknown, what: string, min = 0, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw refuse(`${what}: not a whole number from ${min} to ${max}`);
  }
  return value;
}

/** A JSON object with exactly these keys, or a refusal naming `what`. */
export function parseObject(
  value: unknown,
  keys: readonly string[],
  what: string,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw refuse(`${what}: not an object`);
  }
  const record = value as Record<string, unknown>;
  const present = Object.keys(record);
  if (present.length !== keys.length || !keys.every((key) => Object.hasOwn(record, key))) {
    throw refuse(`${what}: must have exactly the fields ${keys.join(', ')}`);
  }
  return record;
}

/** A JSON array of exactly `length` items, or a refusal naming `what`. */
export function parseArray(value: unknown, length: number, what: string): unknown[] {
  if (!Array.isArray(value)) throw refuse(`${what}: not a list`);
  if (value.length !== length) throw refuse(`${what}: must have ${length} items`);
  return value;
}

/** A uniformly random non-zero scalar: 64 bytes reduced mod ℓ (bias below 2^-250). */
export function randomScalar(random: Random): bigint {
  for (;;) {
    const s = mod(bytesToScalarLE(random(64)));
    if (s !== 0n) return s;
  }
}

/**
 * Section 2, `H(tag, parts…)`: RFC 9380 §5.2 hash_to_field, expand_message_xmd with SHA-512,
 * count 1, m 1, p = ℓ, k = 128 (L = 48 bytes), DST "seconded-e2e-v1 " + tag, on the UTF-8 of the
 * parts joined by "|" (no part contains "|", so the join is unambiguous).
 */
export function H(tag: string, parts: readonly (string | number)[]): bigint {
  const [[u]] = hash_to_field(utf8ToBytes(parts.join('|')), 1, {
    DST: `seconded-e2e-v1 ${tag}`,
    p: ORDER,
    m: 1,
    k: 128,
    expand: 'xmd',
    hash: sha512,
  }) as [[bigint]];
  return u;
}

export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

/**
 * SHA-256 of a text given in pieces, fed to the hash about 64 KB at a time: the digest of the
 * pieces joined, without the whole text ever held (a shuffle of 400,000 ballots of 10 is about
 * 680 MB of JSON, above V8's largest string).
 */
export function sha256Pieces() {
  const hash = sha256.create();
  let pending = '';
  return {
    add(piece: string) {
      pending += piece;
      if (pending.length >= 65_536) {
        hash.update(utf8ToBytes(pending));
        pending = '';
      }
    },
    hex(): string {
      hash.update(utf8ToBytes(pending));
      pending = '';
      return bytesToHex(hash.digest());
    },
  };
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding (RFC 4648 §5), written here so the module needs no Buffer. */
export function base64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]! + B64URL[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]!;
  }
  return out;
}
