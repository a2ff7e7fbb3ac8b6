import { slugify } from '../names.ts';

/**
 * Permanent public addresses of resolutions and minutes: `/r/<organisation-slug>/<slug>`, the
 * slug made from the title (lower case, hyphens) and unique within the organisation. Once
 * given, a slug never changes, so links in the press and in feeds keep working.
 */

/** Words the public pages use for themselves under `/r/<organisation>/`; never a slug. */
export const RESERVED_SLUGS: readonly string[] = [
  'feed.atom',
  'bodies',
  'minutes',
  'feed',
  'chain',
];

/**
 * The slug for a title: the title's slug if it is free, else with `-2`, `-3`, ... appended
 * (`taken` holds the organisation's slugs already given).
 */
export function uniqueSlug(title: string, taken: ReadonlySet<string>): string {
  const base = slugify(title);
  const free = (s: string) => !taken.has(s) && !RESERVED_SLUGS.includes(s);
  if (free(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (free(candidate)) return candidate;
  }
}
