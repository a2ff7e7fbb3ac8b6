import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../common/secrets.ts';

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Random bytes drawn 4 KB at a time: a call per receipt cost more than making the code. */
let pool = Buffer.alloc(0);
let poolAt = 0;

/** A receipt code: 60 random bits, as `XXXX-XXXX-XXXX`. */
export function newReceiptCode(): string {
  if (poolAt + 12 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  let code = '';
  // 256 is a multiple of 32: each byte's remainder is uniform. Used bytes are zeroed, so the
  // pool never holds a code already given out.
  for (let i = 0; i < 12; i++) {
    code += ALPHABET[pool[poolAt]! % 32];
    pool[poolAt++] = 0;
  }
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** What is stored and published of a receipt: a hash bound to its ballot. */
export function receiptFingerprint(ballotId: string, code: string): string {
  const normal = code
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return sha256Hex(`${ballotId}:${normal}`);
}
