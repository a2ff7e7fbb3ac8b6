/**
 * The verifier's own reading of docs/e2e-protocol.md sections 1 and 2: encodings, the canonical
 * JSON of a value, `digest` and the Fiat–Shamir hash `H`. Written from the protocol text alone and
 * sharing nothing with the server but the primitives of @noble/curves and @noble/hashes (the
 * eslint fence in eslint.config.js keeps it so): a verifier that reused the server's parsing
 * would inherit its mistakes.
 */
import { hash_to_field } from '@noble/curves/abstract/hash-to-curve.js';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

export const RistrettoPoint = ristretto255.Point;
export type Pt = InstanceType<typeof RistrettoPoint>;
export const BASE: Pt = RistrettoPoint.BASE;
export const IDENTITY: Pt = RistrettoPoint.ZERO;
/** ℓ = 2^252 + 27742317777372353535851937790883648493 (RFC 9496 §4). */
export const ELL = 2n ** 252n + 27742317777372353535851937790883648493n;

/** A check that does not hold: the reason, in words; the caller names the item. */
export class Refusal extends Error {
  override readonly name = 'Refusal';
}

export const refuse = (reason: string): never => {
  throw new Refusal(reason);
};

const HEX64 = /^[0-9a-f]{64}$/;
export const isHex64 = (v: unknown): v is string => typeof v === 'string' && HEX64.test(v);

export const modL = (a: bigint): bigint => {
  const r = a % ELL;
  return r < 0n ? r + ELL : r;
};

/** Section 1, Scalar: 32 bytes little-endian, lowercase hex, below ℓ. */
export function scalar(v: unknown, what: string): bigint {
  if (!isHex64(v)) return refuse(`${what} is not 64 lowercase hexadecimal digits`);
  let s = 0n;
  for (let i = 62; i >= 0; i -= 2) s = (s << 8n) | BigInt(parseInt(v.slice(i, i + 2), 16));
  if (s >= ELL) refuse(`${what} is a scalar not below the group order`);
  return s;
}

export function scalarHex(s: bigint): string {
  let v = modL(s);
  let out = '';
  for (let i = 0; i < 32; i++) {
    out += Number(v & 0xffn)
      .toString(16)
      .padStart(2, '0');
    v >>= 8n;
  }
  return out;
}

/**
 * Section 1, Point: RFC 9496 decode (noble refuses non-canonical field elements, negative and
 * non-square values, a negative t and y = 0, so it accepts exactly the canonical encodings and
 * re-encoding would give back the same bytes: group.test.ts shows it), and the identity refused
 * everywhere.
 */
export function point(v: unknown, what: string): Pt {
  if (!isHex64(v)) return refuse(`${what} is not 64 lowercase hexadecimal digits`);
  let p: Pt;
  try {
    p = RistrettoPoint.fromBytes(hexToBytes(v));
  } catch {
    return refuse(`${what} is not a canonical ristretto255 encoding`);
  }
  if (p.is0()) refuse(`${what} is the identity point, which is refused everywhere`);
  return p;
}

export const hexOf = (p: Pt): string => p.toHex();

/**
 * Section 1, Canonical JSON (RFC 8785 as it applies here): keys sorted by UTF-16 code units,
 * no whitespace, strings and numbers as JSON.stringify writes them.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string')
    return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return refuse('a number that JSON cannot hold');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 asks.
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return refuse(`a value that JSON cannot hold (${typeof value})`);
}

/**
 * SHA-256 of a text given in pieces, fed to the hash about 64 KB at a time: the same digest as
 * of the pieces joined, without ever holding the whole text (a shuffle of 400,000 ballots of 10
 * is about 680 MB of JSON, above the largest string V8 makes).
 */
export function textHasher() {
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

const isLeaf = (v: unknown) => v === null || typeof v !== 'object';
/** Lists and records of plain values up to this length are written in one piece. */
const PIECE = 10_000;

/** canonicalJson's text, in pieces (the same text joined), for a value of any size. */
export function canonicalPieces(value: unknown, add: (piece: string) => void): void {
  if (isLeaf(value)) return add(canonicalJson(value));
  if (Array.isArray(value)) {
    if (value.length <= PIECE && value.every(isLeaf)) return add(canonicalJson(value));
    add('[');
    value.forEach((item, i) => {
      if (i > 0) add(',');
      canonicalPieces(item, add);
    });
    return add(']');
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  if (keys.length <= PIECE && keys.every((k) => isLeaf(record[k])))
    return add(canonicalJson(value));
  add('{');
  keys.forEach((k, i) => {
    add(`${i > 0 ? ',' : ''}${JSON.stringify(k)}:`);
    canonicalPieces(record[k], add);
  });
  add('}');
}

/** Section 2, digest: lowercase hex SHA-256 of the canonical JSON (hashed in pieces). */
export function digest(value: unknown): string {
  const hasher = textHasher();
  canonicalPieces(value, hasher.add);
  return hasher.hex();
}

/** Section 5.6, tracker: unpadded base64url of SHA-256 of the ballot's canonical JSON. */
export function trackerOf(ballot: unknown): string {
  const bytes = sha256(utf8ToBytes(canonicalJson(ballot)));
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += alphabet[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

export type HashTag =
  'pok' | 'individual' | 'overall' | 'rank' | 'decrypt' | 'shuffle-u' | 'shuffle';

/**
 * Section 2, H(tag, parts…): RFC 9380 §5.2 hash_to_field, expand_message_xmd with SHA-512,
 * count 1, m 1, p = ℓ, k = 128 (L = 48), DST "seconded-e2e-v1 " + tag, message the parts joined
 * by "|" in UTF-8.
 */
export function H(tag: HashTag, parts: readonly string[]): bigint {
  const [[c]] = hash_to_field(utf8ToBytes(parts.join('|')), 1, {
    DST: `seconded-e2e-v1 ${tag}`,
    p: ELL,
    m: 1,
    k: 128,
    expand: 'xmd',
    hash: sha512,
  }) as [[bigint]];
  return c;
}

/** Scalar multiplication of public values: variable time is fine, nothing here is secret. */
export const mul = (p: Pt, s: bigint): Pt => (s === 0n ? IDENTITY : p.multiplyUnsafe(s));

/** s·G, through noble's precomputed table of the base point. */
export const mulG = (s: bigint): Pt => (s === 0n ? IDENTITY : BASE.multiplyUnsafe(s));

/**
 * k·P for several scalars k on one point P, sharing the doublings: the points 2^(4i)·P are
 * computed once, then each scalar's signed base-16 digits are gathered into eight buckets and
 * summed (Yao's method, as in Pippenger's bucket form). A ballot's proofs multiply each
 * ciphertext component by two or more challenges, so this saves about a third of the work of
 * separate multiplications, whose cost is mostly the 252 doublings.
 */
export function mulMany(p: Pt, scalars: readonly bigint[]): Pt[] {
  if (scalars.length === 1) return [mul(p, scalars[0]!)];
  const digitsOf = (s: bigint): number[] => {
    const digits: number[] = [];
    let v = s;
    while (v > 0n) {
      let d = Number(v & 15n);
      v >>= 4n;
      if (d >= 8) {
        d -= 16;
        v += 1n;
      }
      digits.push(d);
    }
    return digits;
  };
  const all = scalars.map(digitsOf);
  const windows = Math.max(0, ...all.map((d) => d.length));
  const powers: Pt[] = [p];
  for (let i = 1; i < windows; i++) powers.push(powers[i - 1]!.double().double().double().double());
  return all.map((digits) => {
    const buckets: (Pt | undefined)[] = new Array(9);
    digits.forEach((d, i) => {
      if (d === 0) return;
      const q = d > 0 ? powers[i]! : powers[i]!.negate();
      const b = Math.abs(d);
      buckets[b] = buckets[b] ? buckets[b].add(q) : q;
    });
    let running: Pt | undefined;
    let sum: Pt = IDENTITY;
    for (let b = 8; b >= 1; b--) {
      const bucket = buckets[b];
      if (bucket) running = running ? running.add(bucket) : bucket;
      if (running) sum = sum.add(running);
    }
    return sum;
  });
}
