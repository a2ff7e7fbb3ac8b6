/**
 * The bulletin board's hash chain (docs/e2e-protocol.md sections 1 and 5): canonical JSON, the
 * digest of a value, the next event of the chain, and the voters' pseudonyms. An election's
 * history as a hash-chained event log follows Belenios (its `events` and `last_event`); the
 * canonical JSON is RFC 8785 (JCS) for the values the board holds: no floats beyond what
 * `JSON.stringify` writes, object keys sorted by UTF-16 code units.
 */
import { DomainError } from '../errors.ts';
import { base64url, type Random, sha256Pieces, systemRandom } from './group.ts';

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

const isLeaf = (v: unknown) => v === null || typeof v !== 'object';
/** Lists and records of plain values up to this length are written in one piece. */
const PIECE = 10_000;

/** canonicalJson's text in pieces (joined, the same text), for a value of any size. */
export function canonicalPieces(value: unknown, add: (piece: string) => void): void {
  if (isLeaf(value)) return add(canonicalJson(value));
  if (Array.isArray(value)) {
    if (value.length <= PIECE && value.every(isLeaf)) return add(canonicalJson(value));
    add('[');
    value.forEach((item: unknown, i) => {
      if (item === undefined) throw unrepresentable('an undefined item in a list');
      if (i > 0) add(',');
      canonicalPieces(item, add);
    });
    return add(']');
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  if (keys.length <= PIECE && keys.every((k) => isLeaf(record[k])))
    return add(canonicalJson(value));
  add('{');
  keys.forEach((key, i) => {
    add(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`);
    canonicalPieces(record[key], add);
  });
  add('}');
}

/**
 * Lowercase hex of SHA-256 of the UTF-8 of the canonical JSON (section 2, digest), hashed in
 * pieces so that an event of any size (a shuffle of 400,000 ballots) can be digested.
 */
export function digest(value: unknown): string {
  const hasher = sha256Pieces();
  canonicalPieces(value, hasher.add);
  return hasher.hex();
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
