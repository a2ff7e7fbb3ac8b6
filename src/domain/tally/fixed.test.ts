import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divRound, Fixed, formatUnits, fractionMultiplier, mulDivUnits } from './fixed.ts';

describe('Fixed', () => {
  it('parses and prints at a fixed number of places', () => {
    expect(Fixed.parse('1913', 5).toString()).toBe('1913.00000');
    expect(Fixed.parse('0.1', 5).toString()).toBe('0.10000');
    expect(Fixed.parse('-2.5', 2).toString()).toBe('-2.50');
    expect(Fixed.of(6, 9).toString()).toBe('6.000000000');
  });

  it('refuses more places than it holds unless told how to round', () => {
    expect(() => Fixed.parse('0.123456', 5)).toThrow(/more than 5 decimal places/);
    expect(Fixed.parse('0.123456', 5, 'down').toString()).toBe('0.12345');
    expect(Fixed.parse('0.123451', 5, 'up').toString()).toBe('0.12346');
  });

  it('truncates a Scottish transfer value: surplus x value / total, remainder ignored', () => {
    // Govan 2007: surplus 781 of 2694 votes, papers of value 1
    const one = Fixed.of(1, 5);
    expect(one.mulDiv(Fixed.of(781, 5), Fixed.of(2694, 5), 'down').toString()).toBe('0.28990');
    expect(
      Fixed.parse('0.28990', 5)
        .mulDiv(Fixed.parse('10', 5), Fixed.parse('30', 5), 'down')
        .toString(),
    ).toBe('0.09663');
  });

  it('adds tenths exactly, as binary floating point cannot', () => {
    let t = Fixed.zero(5);
    for (let i = 0; i < 10; i++) t = t.add(Fixed.parse('0.1', 5));
    expect(t.eq(Fixed.of(1, 5))).toBe(true);
  });

  it('rounds division down and up', () => {
    expect(divRound(7n, 2n, 'down')).toBe(3n);
    expect(divRound(7n, 2n, 'up')).toBe(4n);
    expect(divRound(-7n, 2n, 'down')).toBe(-4n);
    expect(divRound(-7n, 2n, 'up')).toBe(-3n);
    expect(divRound(6n, 2n, 'up')).toBe(3n);
    expect(Fixed.of(2, 2).div(Fixed.of(3, 2), 'up').toString()).toBe('0.67');
    expect(Fixed.of(2, 2).div(Fixed.of(3, 2), 'down').toString()).toBe('0.66');
  });

  it('refuses to mix places', () => {
    expect(() => Fixed.of(1, 5).add(Fixed.of(1, 9))).toThrow(/mix/);
  });

  it('formats units', () => {
    expect(formatUnits(5, 5)).toBe('0.00005');
    expect(formatUnits(-5, 2)).toBe('-0.05');
    expect(formatUnits(123, 0)).toBe('123');
  });

  it('multiplies fractions of one exactly in doubles, matching bigint, both roundings', () => {
    for (const places of [2, 5, 9]) {
      const one = 10 ** places;
      const mul = fractionMultiplier(places);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: one }), fc.integer({ min: 0, max: one }), (a, b) => {
          for (const r of ['up', 'down'] as const) {
            expect(mul(a, b, r)).toBe(mulDivUnits(a, b, one, r));
          }
        }),
        { numRuns: 2000 },
      );
    }
  });
});
