import type { z } from 'zod';

/**
 * Reads a JSON column. Where the domain has a zod schema for the shape (standing orders), the
 * value is validated against it and a stored value that does not fit throws here, at the seam.
 * The other JSON columns (motion texts and states, ballot options and results, minutes) are
 * written only from the same domain types through src/db, so they are read back as that type;
 * this is the one place that says so.
 */
export function readJson<T>(text: string, schema?: z.ZodType<T>): T {
  const value: unknown = JSON.parse(text);
  return schema ? schema.parse(value) : (value as T);
}

/** A nullable JSON column: null stays null. */
export const readJsonOrNull = <T>(text: string | null, schema?: z.ZodType<T>): T | null =>
  text === null ? null : readJson(text, schema);
