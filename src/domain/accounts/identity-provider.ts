import { DomainError, type FieldProblem } from '../errors.ts';
import { normaliseEmail } from '../names.ts';
import type { Role } from '../organisations/policy.ts';

/**
 * Signing in with an organisation's own OpenID provider (OpenID Connect Core 1.0): what an
 * administrator registers, how the claims a provider vouches for name a member, and which roles
 * its groups give. Pure: the relying party's checks (state, nonce, PKCE, the ID token's
 * signature) are made by openid-client before any claim reaches here.
 */

/** How a person signed in by the provider is matched to a member. */
export const MATCH_BY = ['email', 'claim'] as const;
export type MatchBy = (typeof MATCH_BY)[number];

/** Roles a group may give; being a member comes from the register, never from a group. */
export const MAPPABLE_ROLES = ['secretary', 'chair', 'scrutineer', 'admin'] as const;
export type MappableRole = (typeof MAPPABLE_ROLES)[number] & Role;

/** A group of the provider that gives a role in one body (by its slug; the top body if null). */
export interface RoleMapping {
  readonly group: string;
  readonly role: MappableRole;
  readonly body: string | null;
}

/** What an administrator registers (the secret apart: it is kept, never shown back). */
export interface ProviderSettings {
  readonly name: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly matchBy: MatchBy;
  readonly memberNumberClaim: string | null;
  readonly groupsClaim: string | null;
  readonly roleMappings: readonly RoleMapping[];
  readonly passwordSignIn: boolean;
}

/** A claim name as providers spell them (`member_number`, `urn:example:member-no`). */
const CLAIM_NAME = /^[A-Za-z0-9_.:/-]{1,100}$/;

/**
 * Checks what an administrator typed, listing every problem at once. The issuer must be https
 * (OpenID Connect Discovery 1.0, section 3) unless the server allows http for development.
 */
export function checkProviderSettings(
  input: {
    name: string;
    issuer: string;
    clientId: string;
    clientSecret: string;
    matchBy: string;
    memberNumberClaim: string;
    groupsClaim: string;
    roleMappings: string;
    passwordSignIn: boolean;
  },
  opts: { allowHttp: boolean; hasSecret: boolean },
): { settings: ProviderSettings; clientSecret: string | null } {
  const problems: FieldProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (!name) problem('name', 'Give the provider a name members will recognise.');
  const issuer = input.issuer.trim().replace(/\/+$/, '');
  const url = parseUrl(issuer);
  if (!url)
    problem(
      'issuer',
      'Give the issuer as an address, such as https://id.example.org/realms/members.',
    );
  else if (url.protocol !== 'https:' && !(opts.allowHttp && url.protocol === 'http:'))
    problem('issuer', 'The issuer must be an https address.');
  else if (url.search || url.hash || url.username || url.password)
    problem('issuer', 'The issuer has no query, fragment or password in it.');
  const clientId = input.clientId.trim();
  if (!clientId) problem('clientId', 'Give the client id the provider made for Seconded.');
  const clientSecret = input.clientSecret.trim();
  if (!clientSecret && !opts.hasSecret)
    problem('clientSecret', 'Give the client secret the provider made for Seconded.');
  const matchBy = (MATCH_BY as readonly string[]).includes(input.matchBy)
    ? (input.matchBy as MatchBy)
    : undefined;
  if (!matchBy) problem('matchBy', 'Choose how members are matched: email or member number.');
  const memberNumberClaim = input.memberNumberClaim.trim() || null;
  if (matchBy === 'claim' && !memberNumberClaim)
    problem('memberNumberClaim', 'Name the claim that holds the member number.');
  if (matchBy === 'claim' && memberNumberClaim && !CLAIM_NAME.test(memberNumberClaim))
    problem('memberNumberClaim', 'A claim name is letters, digits and _ . : / - only.');
  const groupsClaim = input.groupsClaim.trim() || null;
  if (groupsClaim && !CLAIM_NAME.test(groupsClaim))
    problem('groupsClaim', 'A claim name is letters, digits and _ . : / - only.');
  const { mappings, wrong } = parseRoleMappings(input.roleMappings);
  if (wrong.length)
    problem(
      'roleMappings',
      `Write each line as "group = role" or "group = role @ body": ${wrong.join('; ')}.`,
    );
  if (mappings.length && !groupsClaim)
    problem('groupsClaim', 'Name the claim that holds the groups, to map them to roles.');
  if (problems.length || !matchBy)
    throw new DomainError('VALIDATION_FAILED', 'The provider could not be registered.', problems);
  return {
    settings: {
      name,
      issuer,
      clientId,
      matchBy,
      memberNumberClaim: matchBy === 'claim' ? memberNumberClaim : null,
      groupsClaim,
      roleMappings: mappings,
      passwordSignIn: input.passwordSignIn,
    },
    clientSecret: clientSecret || null,
  };
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * Role mappings as typed, one a line: `branch-secretaries = secretary @ camden-town-group`. A
 * line without `@ body` gives the role in the organisation's top body.
 */
export function parseRoleMappings(text: string): { mappings: RoleMapping[]; wrong: string[] } {
  const mappings: RoleMapping[] = [];
  const wrong: string[] = [];
  for (const line of text.split(/\r?\n/).map((l) => l.trim())) {
    if (!line) continue;
    const m = /^(.+?)\s*=\s*([a-z]+)\s*(?:@\s*([a-z0-9-]+))?$/.exec(line);
    const role = m?.[2];
    if (!m || !role || !(MAPPABLE_ROLES as readonly string[]).includes(role)) {
      wrong.push(line.length > 60 ? `${line.slice(0, 60)}…` : line);
      continue;
    }
    mappings.push({ group: groupName(m[1]!), role: role as MappableRole, body: m[3] ?? null });
  }
  return { mappings, wrong };
}

/** The mappings written back as lines, for the form. */
export const roleMappingLines = (mappings: readonly RoleMapping[]) =>
  mappings.map((m) => `${m.group} = ${m.role}${m.body ? ` @ ${m.body}` : ''}`).join('\n');

/**
 * A group's name as compared: Keycloak's group mapper sends full paths (`/branch-secretaries`)
 * unless told not to, so a leading slash is not part of the name.
 */
const groupName = (raw: string) => raw.trim().replace(/^\/+/, '');

/** Who the provider says this is, in the one way the organisation matches people. */
export type Identity =
  | { readonly by: 'email'; readonly email: string }
  | { readonly by: 'claim'; readonly memberNumber: string };

/**
 * The identity the claims vouch for. An email counts only when the provider says it verified it
 * (`email_verified` exactly true, OpenID Connect Core 1.0 section 5.1): anyone can type an
 * unverified address into a provider that lets people sign up, and would then be that member.
 */
export function identityFromClaims(
  claims: Readonly<Record<string, unknown>>,
  rule: { matchBy: MatchBy; memberNumberClaim: string | null; providerName: string },
): Identity {
  if (rule.matchBy === 'email') {
    const email = typeof claims.email === 'string' ? normaliseEmail(claims.email) : null;
    if (!email)
      throw new DomainError(
        'NO_MEMBER_MATCHED',
        `${rule.providerName} did not give an email address, so no member could be matched.`,
      );
    if (claims.email_verified !== true)
      throw new DomainError(
        'EMAIL_NOT_VERIFIED',
        `${rule.providerName} has not verified your email address, so it cannot sign you in here. Verify it with ${rule.providerName} first.`,
      );
    return { by: 'email', email };
  }
  const raw = rule.memberNumberClaim ? claims[rule.memberNumberClaim] : undefined;
  const memberNumber =
    typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  if (!memberNumber || memberNumber.length > 100)
    throw new DomainError(
      'NO_MEMBER_MATCHED',
      `${rule.providerName} did not give a member number, so no member could be matched.`,
    );
  return { by: 'claim', memberNumber };
}

/** The groups a claim lists: an array of names, or one name. */
export function groupsFromClaim(value: unknown): Set<string> {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return new Set(list.filter((g): g is string => typeof g === 'string').map(groupName));
}

/** One role in one body, held or not, as the groups say. */
export interface RoleFromGroups {
  readonly body: string | null;
  readonly role: MappableRole;
  readonly holds: boolean;
}

/**
 * Which mapped roles the person holds. The mapping is the whole truth about the roles it names:
 * a role in a body is held when any of its groups is among the person's, and ended when none is,
 * so that taking someone out of the group at the provider takes the role away at the next
 * sign-in. Roles the mapping does not name are never touched.
 */
export function rolesFromGroups(
  mappings: readonly RoleMapping[],
  groups: ReadonlySet<string>,
): RoleFromGroups[] {
  const byRole = new Map<string, RoleFromGroups>();
  for (const m of mappings) {
    const key = `${m.body ?? ''}\n${m.role}`;
    const holds = (byRole.get(key)?.holds ?? false) || groups.has(m.group);
    byRole.set(key, { body: m.body, role: m.role, holds });
  }
  return [...byRole.values()];
}
