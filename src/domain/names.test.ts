import { describe, expect, it } from 'vitest';
import { slugify } from './names.ts';

describe('slugify', () => {
  it('makes lower-case ASCII words joined by hyphens', () => {
    expect(slugify('No confidence in the leader')).toBe('no-confidence-in-the-leader');
    expect(slugify('  Rent & rates: 50% now!  ')).toBe('rent-rates-50-now');
    expect(slugify('Café crème')).toBe('cafe-creme');
  });

  it('reads other European scripts as their names sound, rather than dropping letters', () => {
    expect(slugify('Solidarność z Łodzią')).toBe('solidarnosc-z-lodzia');
    expect(slugify('Dvořák Street branch')).toBe('dvorak-street-branch');
    expect(slugify('Αθήνα branch')).toBe('athina-branch');
    expect(slugify('Θεσσαλονίκη')).toBe('thessaloniki');
    expect(slugify('Київ')).toBe('kiyiv');
    expect(slugify('İstanbul Şubesi')).toBe('istanbul-subesi');
    expect(slugify('Ærø Straße')).toBe('aero-strasse');
  });

  it('says "unnamed" when nothing has a Latin reading, and keeps to 60 characters', () => {
    expect(slugify('東京')).toBe('unnamed');
    expect(slugify('—')).toBe('unnamed');
    const long = slugify('word '.repeat(30));
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('-')).toBe(false);
  });
});
