import transliterate from '@sindresorhus/transliterate';

/**
 * Slugs for URLs: lower case, ASCII letters and digits, words joined by hyphens. Other scripts
 * are transliterated first (Łódź → lodz, Αθήνα → athina, Київ → kiyiv), so a Polish, Greek or
 * Ukrainian branch's addresses read as its names do; ASCII keeps every URL, file name and
 * header plain. Scripts with no Latin reading here (Chinese, say) leave nothing: "unnamed".
 */
export function slugify(name: string): string {
  const slug = transliterate(name)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'unnamed';
}

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

/** Emails are identities: trimmed and lower-cased, or `null` when not a plausible address. */
export function normaliseEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

/** Collapses runs of whitespace and trims; names come from spreadsheets. */
export function normaliseName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

export const BODY_KINDS = ['national', 'region', 'branch', 'committee'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
