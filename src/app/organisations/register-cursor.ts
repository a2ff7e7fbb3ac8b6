import { invalid } from '../../domain/errors.ts';
import type { RegisterKey } from '../../db/queries/register.ts';

/**
 * A place in the register, as the API and the pages' links carry it: the keys of one row
 * (sort name, person, membership), opaque to clients (base64url of their JSON). A page asked
 * `after` a cursor starts at the row following it; one asked `before`, ends at the row before.
 */
export const encodeCursor = (key: RegisterKey): string =>
  Buffer.from(JSON.stringify([key.sortName, key.personId, key.membershipId])).toString('base64url');

/** The row a cursor names; a cursor not made by `encodeCursor` is refused, naming `field`. */
export function decodeCursor(cursor: string, field: string): RegisterKey {
  let keys: unknown;
  try {
    keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    keys = null;
  }
  if (!Array.isArray(keys) || keys.length !== 3 || !keys.every((k) => typeof k === 'string'))
    throw invalid('That place in the register is not one this server gave.', [
      { path: field, message: 'Not a cursor from this register.' },
    ]);
  const [sortName, personId, membershipId] = keys as [string, string, string];
  return { sortName, personId, membershipId };
}
