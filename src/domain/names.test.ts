import { describe, expect, it } from 'vitest';
import { slugify } from './names.ts';

describe('slugify', () => {
  it.each([
    ['No confidence in the leader', 'no-confidence-in-the-leader'],
    ['  Rent & rates: 50% now!  ', 'rent-rates-50-now'],
    ['Café crème', 'cafe-creme'],
  ])('makes lower-case ASCII words joined by hyphens: %j becomes %s', (name, slug) =>
    expect(slugify(name)).toBe(slug),
  );

  it.each([
    ['Solidarność z Łodzią', 'solidarnosc-z-lodzia'],
    ['Dvořák Street branch', 'dvorak-street-branch'],
    ['Αθήνα branch', 'athina-branch'],
    ['Θεσσαλονίκη', 'thessaloniki'],
    ['Київ', 'kiyiv'],
    ['İstanbul Şubesi', 'istanbul-subesi'],
    ['Ærø Straße', 'aero-strasse'],
  ])(
    'reads other European scripts as their names sound, rather than dropping letters: %s becomes %s',
    (name, slug) => expect(slugify(name)).toBe(slug),
  );

  it.each(['東京', '—'])('says "unnamed" when nothing has a Latin reading: %s', (name) =>
    expect(slugify(name)).toBe('unnamed'),
  );

  it('keeps to 60 characters, and does not end on a hyphen', () => {
    const long = slugify('word '.repeat(30));
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('-')).toBe(false);
  });
});
