/**
 * The bulletin board's hash chain (docs/e2e-protocol.md sections 1 and 5): canonical JSON, the
 * digest of a value, the next event of the chain, and the voters' pseudonyms. An election's
 * history as a hash-chained event log follows Belenios (its `events` and `last_event`); the
 * canonical JSON is RFC 8785 (JCS) for the values the board holds: no floats beyond what
 * `JSON.stringify` writes, object keys sorted by UTF-16 code units.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { DomainError } from '../errors.ts';
import { base64url, type Random, systemRandom } from './group.ts';

export type BoardEventType =
  | 'setup'
  | 'trustee-key'
  | 'trustee-polynomial'
  | 'trustee-verification'
  | 'open'
  | 'ballot'
  | 'close'
  | 'total'
  | 'shuffle'
  | 'partial-decryption'
  | 'result';

export interface BoardEvent {
  readonly seq: number;
  readonly type: BoardEventType;
  readonly payload: unknown;
  readonly prev: string;
  readonly hash: string;
}

export interface Board {
  readonly format: 'seconded-board-1';
  readonly events: readonly BoardEvent[];
}

/** The `prev` of the first event: 64 zeros. */
export const GENESIS = '0'.repeat(64);

/**
 * RFC 8785 canonical JSON. Keys whose value is `undefined` are left out, as JSON.stringify does
 * (so the digest is that of the JSON that is stored); anything JSON cannot hold is refused.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    // JCS writes numbers as ECMAScript's Number.prototype.toString does (RFC 8785 §3.2.2.3).
    if (!Number.isFinite(value)) throw unrepresentable('a number that is not finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value
      .map((item: unknown) => {
        if (item === undefined) throw unrepresentable('an undefined item in a list');
        return canonicalJson(item);
      })
      .join(',')}]`;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 requires.
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  throw unrepresentable(typeof value);
}

function unrepresentable(what: string) {
  return new DomainError('VALIDATION_FAILED', `Canonical JSON cannot hold ${what}.`);
}

/**
 * canonicalJson in pieces whose concatenation is canonicalJson(value): objects and lists are
 * opened `depth` levels down, below which each value is written whole. A shuffle of 400,000
 * ballots is more text than one JavaScript string may hold (docs/mixnet-protocol.md, "How the
 * server keeps a big event"), so its hash is computed over these pieces, never over one string.
 */
export function* canonicalParts(value: unknown, depth = 4): Generator<string> {
  if (depth === 0 || value === null || typeof value !== 'object') {
    yield canonicalJson(value);
  } else if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      if (item === undefined) throw unrepresentable('an undefined item in a list');
      if (i > 0) yield ',';
      yield* canonicalParts(item, depth - 1);
    }
    yield ']';
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    yield '{';
    for (const [i, key] of keys.entries()) {
      yield `${i > 0 ? ',' : ''}${JSON.stringify(key)}:`;
      yield* canonicalParts(record[key], depth - 1);
    }
    yield '}';
  }
}

/**
 * Lowercase hex of SHA-256 of the UTF-8 of the canonical JSON (section 2, digest), fed to the
 * hash a bounded run of text at a time: the same bytes as sha256(canonicalJson(value)).
 */
export function digest(value: unknown): string {
  const hash = sha256.create();
  let run = '';
  for (const part of canonicalParts(value)) {
    run += part;
    if (run.length >= 1 << 16) {
      hash.update(utf8ToBytes(run));
      run = '';
    }
  }
  hash.update(utf8ToBytes(run));
  return bytesToHex(hash.digest());
}

/** The event after `prev` (or the first, when `prev` is null), its hash computed over the rest. */
export function nextEvent(
  prev: BoardEvent | null,
  type: BoardEventType,
  payload: unknown,
): BoardEvent {
  const seq = prev ? prev.seq + 1 : 0;
  const prevHash = prev ? prev.hash : GENESIS;
  return {
    seq,
    type,
    payload,
    prev: prevHash,
    hash: digest({ seq, type, payload, prev: prevHash }),
  };
}

/** Section 1, Pseudonym: 128 random bits in 22 characters of base64url. */
export function newPseudonymWith(random: Random): string {
  return base64url(random(16));
}

export function newPseudonym(): string {
  return newPseudonymWith(systemRandom);
}
