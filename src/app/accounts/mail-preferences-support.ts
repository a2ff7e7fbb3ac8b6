import { kindsOff, type MailKind } from '../../domain/accounts/mail-kinds.ts';
import { notFound } from '../../domain/errors.ts';
import type { Db } from '../../db/database.ts';
import {
  findMailPreferences,
  findMailPreferencesByToken,
  insertMailPreferences,
} from '../../db/queries/mail-preferences.ts';
import { newSecret } from '../common/secrets.ts';

/** A person's email preferences: their one-click token and the kinds they turned off. */
export interface MailPreferences {
  readonly personId: string;
  readonly token: string;
  readonly off: readonly MailKind[];
}

const preferencesOf = (row: {
  person_id: string;
  token: string;
  off: string;
}): MailPreferences => ({
  personId: row.person_id,
  token: row.token,
  off: kindsOff(JSON.parse(row.off)),
});

/** A person's preferences, made (nothing turned off, a new token) the first time they are needed. */
export async function mailPreferencesOf(trx: Db, personId: string, at: string) {
  const found = await findMailPreferences(trx, personId);
  if (found) return preferencesOf(found);
  await insertMailPreferences(trx, { person_id: personId, token: newSecret(), at });
  return preferencesOf((await findMailPreferences(trx, personId))!);
}

/** The preferences a one-click address names: "not found" for a token nobody holds. */
export async function mailPreferencesByToken(trx: Db, token: string) {
  const found = token ? await findMailPreferencesByToken(trx, token) : undefined;
  if (!found) throw notFound('That email settings link');
  return preferencesOf(found);
}

/** The address that turns one kind of email off in one click (RFC 8058), and shows the settings. */
export const unsubscribeAddress = (baseUrl: string, token: string, kind: MailKind) =>
  `${baseUrl}/mail/${token}/unsubscribe/${kind}`;
