import { describe, expect, it } from 'vitest';
import { formatDecimal, formatNumber, pluralOf, typeset } from './language.ts';

const NARROW = '\u202f';

describe('numbers in the reader’s language', () => {
  it('writes a count with the language’s separators, grouping from five figures', () => {
    expect(formatNumber('en', 12345.5)).toBe('12,345.5');
    expect(formatNumber('fr', 12345.5)).toBe(`12${NARROW}345,5`);
    // A year or a four-figure count is never split.
    expect(formatNumber('fr', 2026)).toBe('2026');
    expect(formatNumber('en', 2026)).toBe('2026');
  });

  it('writes a count’s exact figure with a decimal comma in French, every digit kept', () => {
    expect(formatDecimal('fr', '16.00000')).toBe('16,00000');
    expect(formatDecimal('en', '16.00000')).toBe('16.00000');
    expect(formatDecimal('fr', '-3.25')).toBe('-3,25');
    expect(formatDecimal('fr', '12345678901234.56789')).toBe(
      `12${NARROW}345${NARROW}678${NARROW}901${NARROW}234,56789`,
    );
    expect(formatDecimal('en', '12345678901234.56789')).toBe('12,345,678,901,234.56789');
    expect(formatDecimal('fr', '31')).toBe('31');
    // Anything not a figure is left as it is.
    expect(formatDecimal('fr', 'none')).toBe('none');
  });
});

describe('plurals in the reader’s language', () => {
  it('gives 0 and 1 the singular in French, only 1 in English', () => {
    expect([0, 1, 2].map((n) => pluralOf('fr', n))).toEqual(['one', 'one', 'other']);
    expect([0, 1, 2].map((n) => pluralOf('en', n))).toEqual(['other', 'one', 'other']);
  });
});

describe('French typography', () => {
  it('puts a narrow no-break space before : ; ! ? and inside « »', () => {
    expect(typeset('fr', 'Quotient : 16 ; élu ! Vraiment ? « Oui »')).toBe(
      `Quotient${NARROW}: 16${NARROW}; élu${NARROW}! Vraiment${NARROW}? «${NARROW}Oui${NARROW}»`,
    );
  });

  it('leaves times, addresses and English as written', () => {
    expect(typeset('fr', 'à 19:00, https://example.org')).toBe('à 19:00, https://example.org');
    expect(typeset('en', 'Quota: 16; elected!')).toBe('Quota: 16; elected!');
  });
});
