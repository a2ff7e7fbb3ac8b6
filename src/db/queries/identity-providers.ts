import type { Db } from '../database.ts';
import { readJson } from '../json.ts';
import type { ExternalSignInTable, IdentityProviderTable } from '../schema.ts';
import type { ProviderSettings, RoleMapping } from '../../domain/accounts/identity-provider.ts';
import { notLeftBy } from './memberships.ts';

/** An organisation's provider as the domain sees it, with what only the relying party needs. */
export interface StoredProvider extends ProviderSettings {
  readonly organisationId: string;
  readonly clientSecret: string;
}

const asProvider = (row: IdentityProviderTable): StoredProvider => ({
  organisationId: row.organisation_id,
  name: row.name,
  issuer: row.issuer,
  clientId: row.client_id,
  clientSecret: row.client_secret,
  matchBy: row.match_by,
  memberNumberClaim: row.member_number_claim,
  groupsClaim: row.groups_claim,
  roleMappings: readJson<RoleMapping[]>(row.role_mappings),
  passwordSignIn: row.password_sign_in === 1,
});

export async function findIdentityProvider(
  db: Db,
  organisationId: string,
): Promise<StoredProvider | undefined> {
  const row = await db
    .selectFrom('identity_providers')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row && asProvider(row);
}

/** Registers the organisation's provider, or replaces what it had; a null secret keeps the old. */
export async function saveIdentityProvider(
  db: Db,
  organisationId: string,
  settings: ProviderSettings,
  clientSecret: string | null,
  at: string,
) {
  const values = {
    name: settings.name,
    issuer: settings.issuer,
    client_id: settings.clientId,
    match_by: settings.matchBy,
    member_number_claim: settings.memberNumberClaim,
    groups_claim: settings.groupsClaim,
    role_mappings: JSON.stringify(settings.roleMappings),
    password_sign_in: settings.passwordSignIn ? 1 : 0,
    updated_at: at,
  };
  const updated = await db
    .updateTable('identity_providers')
    .set(clientSecret === null ? values : { ...values, client_secret: clientSecret })
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return;
  if (clientSecret === null) throw new Error('A new provider needs its client secret.');
  await db
    .insertInto('identity_providers')
    .values({
      organisation_id: organisationId,
      client_secret: clientSecret,
      created_at: at,
      ...values,
    })
    .execute();
}

/** Every registered provider with its organisation, for the sign-in page's buttons. */
export const listIdentityProviders = (db: Db) =>
  db
    .selectFrom('identity_providers')
    .innerJoin('organisations', 'organisations.id', 'identity_providers.organisation_id')
    .select(['organisations.slug', 'organisations.name as organisation', 'identity_providers.name'])
    .orderBy('organisations.name')
    .execute();

/**
 * The providers of the organisations `personId` is a current member of that have switched
 * password sign-in off.
 */
export const providersRequiredFor = (db: Db, personId: string, today: string) =>
  db
    .selectFrom('memberships')
    .innerJoin('bodies', 'bodies.id', 'memberships.body_id')
    .innerJoin('identity_providers', 'identity_providers.organisation_id', 'bodies.organisation_id')
    .select('identity_providers.name')
    .distinct()
    .where('memberships.person_id', '=', personId)
    .where(notLeftBy(today))
    .where('identity_providers.password_sign_in', '=', 0)
    .execute();

/** The people who are current members (of any body) of the organisation with this email. */
export const findMembersOfOrganisationByEmail = (
  db: Db,
  organisationId: string,
  email: string,
  today: string,
) =>
  db
    .selectFrom('memberships')
    .innerJoin('bodies', 'bodies.id', 'memberships.body_id')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .select('people.id')
    .distinct()
    .where('bodies.organisation_id', '=', organisationId)
    .where('memberships.role', '=', 'member')
    .where(notLeftBy(today))
    .where('people.email', '=', email)
    .execute();

/** The people who are current members of the organisation under this member number. */
export const findMembersOfOrganisationByNumber = (
  db: Db,
  organisationId: string,
  memberNumber: string,
  today: string,
) =>
  db
    .selectFrom('memberships')
    .innerJoin('bodies', 'bodies.id', 'memberships.body_id')
    .select('memberships.person_id as id')
    .distinct()
    .where('bodies.organisation_id', '=', organisationId)
    .where('memberships.role', '=', 'member')
    .where(notLeftBy(today))
    .where('memberships.member_number', '=', memberNumber)
    .execute();

export const insertExternalSignIn = (db: Db, row: ExternalSignInTable) =>
  db.insertInto('external_sign_ins').values(row).execute();

export const forgetExternalSignInsBefore = (db: Db, now: string) =>
  db.deleteFrom('external_sign_ins').where('expires_at', '<=', now).execute();

/**
 * Takes a waiting sign-in by its state's hash, once: it is deleted as it is read, and only the
 * request whose delete removed the row gets it, so a replayed answer finds nothing.
 */
export async function takeExternalSignIn(
  db: Db,
  stateHash: string,
): Promise<ExternalSignInTable | undefined> {
  const row = await db
    .selectFrom('external_sign_ins')
    .selectAll()
    .where('state_hash', '=', stateHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const deleted = await db
    .deleteFrom('external_sign_ins')
    .where('state_hash', '=', stateHash)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows) === 1 ? row : undefined;
}
