import { divRound } from '../tally/fixed.ts';
import { invalid } from '../errors.ts';

/**
 * Exact fractions for the card vote. A section's share (Labour: one half) times the part of the
 * section's weight cast for (say 431,207 / 876,001) has no exact decimal or binary form, and the
 * normalised totals must add up to the shares exactly, so they are kept as reduced fractions of
 * bigints. Decimals are only for display, rounded once with the tally's exact `divRound`
 * (src/domain/tally/fixed.ts).
 *
 * Terms: `n` the numerator, `d` the denominator (always > 0); every Ratio is in lowest terms.
 */
export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

/** n / d in lowest terms. */
export function ratio(n: bigint | number, d: bigint | number = 1n): Ratio {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('a fraction with denominator 0');
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd) || 1n;
  return { n: nn / g, d: dd / g };
}

export const ZERO: Ratio = { n: 0n, d: 1n };
export const ONE: Ratio = { n: 1n, d: 1n };

export const add = (a: Ratio, b: Ratio) => ratio(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Ratio, b: Ratio) => ratio(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Ratio, b: Ratio) => ratio(a.n * b.n, a.d * b.d);
export const div = (a: Ratio, b: Ratio) => ratio(a.n * b.d, a.d * b.n);
export const sum = (xs: readonly Ratio[]) => xs.reduce(add, ZERO);
/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export const compare = (a: Ratio, b: Ratio): -1 | 0 | 1 => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const equals = (a: Ratio, b: Ratio) => a.n === b.n && a.d === b.d;

/** "n/d" (or "n" for a whole number): the exact form published in the section table. */
export const ratioText = (r: Ratio) => (r.d === 1n ? `${r.n}` : `${r.n}/${r.d}`);

/**
 * Reads "1/2", "0.5", "50%" or "3" as an exact fraction.
 * @throws DomainError VALIDATION_FAILED for anything else.
 */
export function parseRatio(text: string): Ratio {
  const s = text.trim();
  const frac = /^(\d+)\s*\/\s*(\d+)$/.exec(s);
  if (frac && BigInt(frac[2]!) > 0n) return ratio(BigInt(frac[1]!), BigInt(frac[2]!));
  const dec = /^(\d+)(?:\.(\d+))?(%?)$/.exec(s);
  if (dec) {
    const places = dec[2]?.length ?? 0;
    const r = ratio(BigInt(dec[1]! + (dec[2] ?? '')), 10n ** BigInt(places));
    return dec[3] ? mul(r, ratio(1, 100)) : r;
  }
  throw invalid(`“${text}” is not a fraction (write 1/2, 0.5 or 50%).`, [
    { path: 'share', message: 'Write a fraction such as 1/2.' },
  ]);
}

/** The fraction as a percentage with `places` decimals, rounded down (display only). */
export function percentText(r: Ratio, places = 3): string {
  const scale = 10n ** BigInt(places);
  const units = divRound(r.n * 100n * scale, r.d, 'down');
  const whole = units / scale;
  const frac = (units % scale).toString().padStart(places, '0');
  return places > 0 ? `${whole}.${frac}%` : `${whole}%`;
}
