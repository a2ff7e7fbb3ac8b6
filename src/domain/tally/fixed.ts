/**
 * Fixed-point decimal arithmetic for counts whose rules fix the number of decimal places.
 *
 * A statute that says "to five decimal places, any remainder being ignored" (Scottish Local
 * Government Elections Order 2007, rule 48(3)) cannot be honoured with binary floating point:
 * 0.1 has no exact binary form. A `Fixed` holds a value as an integer number of units of
 * 10^-places (a scaled bigint), so every sum is exact and every division rounds exactly where,
 * and how, the rule says.
 *
 * Terms:
 * - places: the number of decimal places (5 for Scottish STV, 9 for Meek, 2 for ERS97).
 * - units: the value multiplied by 10^places, an integer.
 * - rounding: 'down' truncates toward minus infinity ("any remainder being ignored"), 'up' rounds
 *   toward plus infinity (the PRF Meek rule's "rounded up"). Counts never go negative, so 'down'
 *   is also truncation toward zero.
 *
 * The counting loops keep units in plain `number`s (exact integers below 2^53) for speed; the
 * helpers at the end of this file do the few operations that need more than 53 bits exactly.
 */
import { DomainError } from '../errors.ts';

export type Rounding = 'down' | 'up';

const POW10: bigint[] = [];
for (let i = 0n, p = 1n; i <= 30n; i++, p *= 10n) POW10.push(p);

/** 10^places as a bigint. */
export function scaleOf(places: number): bigint {
  const s = POW10[places];
  if (s === undefined) throw new RangeError(`unsupported number of decimal places: ${places}`);
  return s;
}

/** Divide two bigints rounding toward minus infinity ('down') or plus infinity ('up'). */
export function divRound(n: bigint, d: bigint, rounding: Rounding): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  let q = n / d; // truncates toward zero
  const r = n - q * d;
  if (r !== 0n) {
    if (rounding === 'down' && n < 0n) q -= 1n;
    if (rounding === 'up' && n > 0n) q += 1n;
  }
  return q;
}

export class Fixed {
  /** The value times 10^places. */
  readonly units: bigint;
  readonly places: number;

  private constructor(units: bigint, places: number) {
    this.units = units;
    this.places = places;
  }

  static fromUnits(units: bigint | number, places: number): Fixed {
    scaleOf(places);
    return new Fixed(typeof units === 'bigint' ? units : BigInt(units), places);
  }

  static zero(places: number): Fixed {
    return Fixed.fromUnits(0n, places);
  }

  /** An integer count (of ballot papers, say) as a fixed-point value. */
  static of(n: number | bigint, places: number): Fixed {
    const whole = typeof n === 'bigint' ? n : BigInt(n);
    return new Fixed(whole * scaleOf(places), places);
  }

  /**
   * Parse a decimal string such as "1913.5" or "-0.00001". More places than `places` is an error
   * unless a rounding is given, so a value is never silently changed.
   */
  static parse(text: string, places: number, rounding?: Rounding): Fixed {
    const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
    if (!m) throw new RangeError(`not a decimal number: "${text}"`);
    const sign = m[1] === '-' ? -1n : 1n;
    const frac = m[3] ?? '';
    const all = BigInt((m[2] ?? '0') + frac);
    const given = frac.length;
    let units: bigint;
    if (given <= places) units = all * scaleOf(places - given);
    else if (rounding) units = divRound(sign * all, scaleOf(given - places), rounding) * sign;
    else throw new RangeError(`"${text}" has more than ${places} decimal places`);
    return new Fixed(sign * units, places);
  }

  private same(other: Fixed): void {
    if (other.places !== this.places) {
      throw new RangeError(`cannot mix ${this.places} and ${other.places} decimal places`);
    }
  }

  add(other: Fixed): Fixed {
    this.same(other);
    return new Fixed(this.units + other.units, this.places);
  }

  sub(other: Fixed): Fixed {
    this.same(other);
    return new Fixed(this.units - other.units, this.places);
  }

  /** Multiply by a whole number (a count of papers): always exact. */
  times(n: number | bigint): Fixed {
    return new Fixed(this.units * (typeof n === 'bigint' ? n : BigInt(n)), this.places);
  }

  /** this × other, rounded to `places`. */
  mul(other: Fixed, rounding: Rounding): Fixed {
    this.same(other);
    return new Fixed(
      divRound(this.units * other.units, scaleOf(this.places), rounding),
      this.places,
    );
  }

  /** this ÷ other, rounded to `places`. */
  div(other: Fixed, rounding: Rounding): Fixed {
    this.same(other);
    return new Fixed(
      divRound(this.units * scaleOf(this.places), other.units, rounding),
      this.places,
    );
  }

  /** Divide by a whole number, rounded to `places`. */
  divInt(n: number | bigint, rounding: Rounding): Fixed {
    return new Fixed(
      divRound(this.units, typeof n === 'bigint' ? n : BigInt(n), rounding),
      this.places,
    );
  }

  /** this × a ÷ b computed exactly, then rounded once (Droop's muldiv; the Scottish transfer value). */
  mulDiv(a: Fixed, b: Fixed, rounding: Rounding): Fixed {
    this.same(a);
    this.same(b);
    return new Fixed(divRound(this.units * a.units, b.units, rounding), this.places);
  }

  cmp(other: Fixed): -1 | 0 | 1 {
    this.same(other);
    return this.units < other.units ? -1 : this.units > other.units ? 1 : 0;
  }

  eq(other: Fixed): boolean {
    return this.cmp(other) === 0;
  }

  lt(other: Fixed): boolean {
    return this.cmp(other) < 0;
  }

  lte(other: Fixed): boolean {
    return this.cmp(other) <= 0;
  }

  gt(other: Fixed): boolean {
    return this.cmp(other) > 0;
  }

  gte(other: Fixed): boolean {
    return this.cmp(other) >= 0;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  /** Units as a number, checked to be exact (the counting loops work in these). */
  toUnitsNumber(): number {
    const n = Number(this.units);
    if (!Number.isSafeInteger(n)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `value ${this.toString()} is too large to count exactly`,
      );
    }
    return n;
  }

  /** The value with exactly `places` decimals, e.g. "1913.00000". */
  toString(): string {
    return formatUnits(this.units, this.places);
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Format scaled integer units with exactly `places` decimals. */
export function formatUnits(units: bigint | number, places: number): string {
  let u = typeof units === 'bigint' ? units : BigInt(units);
  const neg = u < 0n;
  if (neg) u = -u;
  let s = u.toString();
  if (places > 0) {
    s = s.padStart(places + 1, '0');
    s = `${s.slice(0, -places)}.${s.slice(-places)}`;
  }
  return neg ? `-${s}` : s;
}

/* ------------------------------------------------------------------------------------------ */
/* Exact helpers on units held in numbers, for the counting loops.                             */
/* ------------------------------------------------------------------------------------------ */

/** Throw unless a number of units can be held exactly (an integer below 2^53). */
export function assertExact(units: number, what: string): void {
  if (!Number.isSafeInteger(units)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${what} is too large to count exactly in fixed point (${units} units)`,
    );
  }
}

/** a × b ÷ d with one rounding, on units held in numbers (bigint inside: exact for any size). */
export function mulDivUnits(a: number, b: number, d: number, rounding: Rounding): number {
  return Number(divRound(BigInt(a) * BigInt(b), BigInt(d), rounding));
}

/**
 * ⌊x / d⌋ exactly, for integers below 2^53: the floating-point division may round to the
 * integer on the far side of the true quotient, which the remainder shows and this corrects.
 */
function floorDiv(x: number, d: number): number {
  const q = Math.floor(x / d);
  const r = x - q * d;
  return r < 0 ? q - 1 : r >= d ? q + 1 : q;
}

/**
 * A multiplier of two fractions of one (0 ≤ a, b ≤ 10^places) rounded to `places`, done in
 * doubles without losing a bit: the Meek loop multiplies a ballot's weight by a keep factor
 * millions of times, too often for bigint. Requires places ≤ 9 (products < 2^60 are split so
 * that no intermediate exceeds 2^53).
 */
export function fractionMultiplier(
  places: number,
): (a: number, b: number, rounding: Rounding) => number {
  if (places > 9) throw new RangeError('fractionMultiplier supports at most 9 places');
  const half = Math.ceil(places / 2);
  const H = 10 ** half; // split point for b
  const S = 10 ** places;
  const K = S / H; // 10^(places-half)
  return (a, b, rounding) => {
    // b = b1*H + b0; a*b = a*b1*H + a*b0; each partial product < 2^53.
    const b1 = Math.floor(b / H);
    const b0 = b - b1 * H;
    const y = a * b0;
    const yq = floorDiv(y, H);
    const yr = y - yq * H;
    // a*b = (a*b1 + yq)*H + yr ; divide by S = K*H
    const n = a * b1 + yq;
    const nq = floorDiv(n, K);
    const nr = n - nq * K;
    if (rounding === 'up' && (nr !== 0 || yr !== 0)) return nq + 1;
    return nq;
  };
}
