import {
  groupsFromClaim,
  identityFromClaims,
  rolesFromGroups,
} from '../../domain/accounts/identity-provider.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Role } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import {
  findIdentityProvider,
  findMembersOfOrganisationByEmail,
  findMembersOfOrganisationByNumber,
  forgetExternalSignInsBefore,
  insertExternalSignIn,
  takeExternalSignIn,
  type StoredProvider,
} from '../../db/queries/identity-providers.ts';
import {
  findMembership,
  insertMembership,
  isCurrentMember,
  updateMembership,
} from '../../db/queries/memberships.ts';
import { findOrganisationBySlug, listBodies } from '../../db/queries/organisations.ts';
import { findAccount } from '../../db/queries/people.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { hashSecret, newId } from '../common/secrets.ts';
import { redirectUriOf } from './identity-provider-of.ts';
import { authorizationUrl, newAuthorizationSecrets, redeem } from './openid-relying-party.ts';
import { startSession, type StartedSession } from './sign-in.ts';

/**
 * Signing in with an organisation's OpenID provider: the authorization code flow with PKCE,
 * state and nonce (OpenID Connect Core 1.0 section 3.1; RFC 7636; RFC 9700 section 2.1.1).
 *
 * The state, nonce and code verifier of a sign-in wait in the database, not in the browser: 10
 * minutes at most, taken once (a replayed answer finds nothing), and seen by every app process
 * behind a load balancer; the verifier never leaves the server. The browser holds only the state,
 * in an httpOnly cookie, and the answer must bring back that same state: so an answer started in
 * another browser (someone else's sign-in, forced on this one) is refused.
 */

/** How long a person has to sign in at the provider. */
export const EXTERNAL_SIGN_IN_MINUTES = 10;

async function providerOf(db: Db, slug: string) {
  const organisation = await findOrganisationBySlug(db, slug);
  const provider = organisation && (await findIdentityProvider(db, organisation.id));
  if (!organisation || !provider) throw notFound('That organisation’s sign-in provider');
  return { organisation, provider };
}

/**
 * Starts a sign-in with the provider of organisation `slug`: returns the provider's address to
 * send the browser to, and the state for the browser's cookie.
 */
export async function startExternalSignIn(
  ctx: AppContext,
  props: { slug: string; next: string | undefined; allowHttp: boolean },
): Promise<{ url: string; state: string }> {
  const { organisation, provider } = await providerOf(ctx.db, props.slug);
  const secrets = newAuthorizationSecrets();
  const redirectUri = redirectUriOf(ctx.baseUrl, organisation.slug);
  const url = await authorizationUrl(provider, { redirectUri, ...secrets }, props.allowHttp);
  const now = ctx.now();
  await inTransaction(ctx, async (trx) => {
    await forgetExternalSignInsBefore(trx, now.toISOString());
    await insertExternalSignIn(trx, {
      state_hash: hashSecret(secrets.state),
      organisation_id: organisation.id,
      nonce: secrets.nonce,
      code_verifier: secrets.codeVerifier,
      next: props.next ?? null,
      expires_at: new Date(now.getTime() + EXTERNAL_SIGN_IN_MINUTES * 60_000).toISOString(),
      created_at: now.toISOString(),
    });
  });
  return { url: url.href, state: secrets.state };
}

export interface FinishExternalSignInProps {
  readonly slug: string;
  /** The query of the provider's answer, as it arrived at the redirect address. */
  readonly query: string;
  /** The state this browser's cookie holds (set when it started), if any. */
  readonly browserState: string | undefined;
  readonly allowHttp: boolean;
}

const failed = (why: string) =>
  new DomainError(
    'EXTERNAL_SIGN_IN_FAILED',
    `The sign-in with your organisation’s provider could not be checked (${why}). Start again from the sign-in page.`,
  );

/**
 * Finishes a sign-in: checks the answer belongs to a sign-in this browser started, redeems it at
 * the provider, matches the person to a member, brings the roles the groups map up to date, and
 * starts a session as a password sign-in would. Nothing is created for a person not matched.
 */
export async function finishExternalSignIn(
  ctx: AppContext,
  props: FinishExternalSignInProps,
): Promise<StartedSession & { next: string | null }> {
  const { organisation, provider } = await providerOf(ctx.db, props.slug);
  const answer = new URL(`${redirectUriOf(ctx.baseUrl, organisation.slug)}${props.query}`);
  const state = answer.searchParams.get('state');
  if (!state || !props.browserState || state !== props.browserState)
    throw failed('it was not started in this browser');
  const pending = await inTransaction(ctx, (trx) => takeExternalSignIn(trx, hashSecret(state)));
  if (!pending || pending.organisation_id !== organisation.id || pending.expires_at <= isoNow(ctx))
    throw failed('it was used already, or took too long');
  if (answer.searchParams.get('error'))
    throw failed(`the provider answered ${answer.searchParams.get('error')!.slice(0, 60)}`);
  const claims = await redeem(
    provider,
    answer,
    {
      redirectUri: redirectUriOf(ctx.baseUrl, organisation.slug),
      state,
      nonce: pending.nonce,
      codeVerifier: pending.code_verifier,
    },
    props.allowHttp,
  );
  const identity = identityFromClaims(claims, {
    matchBy: provider.matchBy,
    memberNumberClaim: provider.memberNumberClaim,
    providerName: provider.name,
  });
  return inTransaction(ctx, async (trx) => {
    const day = today(ctx);
    const people =
      identity.by === 'email'
        ? await findMembersOfOrganisationByEmail(trx, organisation.id, identity.email, day)
        : await findMembersOfOrganisationByNumber(trx, organisation.id, identity.memberNumber, day);
    if (people.length !== 1)
      throw new DomainError(
        'NO_MEMBER_MATCHED',
        people.length
          ? `${provider.name} signed you in, but several members of ${organisation.name} have that member number. Ask its secretary to correct the register.`
          : `${provider.name} signed you in, but no member of ${organisation.name} matches you. Ask its secretary to check the register.`,
      );
    const personId = people[0]!.id;
    // A site administrator sets up every organisation on the server: one organisation's
    // provider must not be able to sign in as them.
    if ((await findAccount(trx, personId))?.is_site_admin === 1)
      throw new DomainError(
        'NO_MEMBER_MATCHED',
        'A site administrator signs in with their password, not through an organisation’s provider.',
      );
    if (provider.groupsClaim && provider.roleMappings.length)
      await followGroups(ctx, trx, provider, personId, claims[provider.groupsClaim]);
    const session = await startSession(trx, ctx.now(), personId);
    return { ...session, next: pending.next };
  });
}

/** Gives and ends the mapped roles as the person's groups say (domain `rolesFromGroups`). */
async function followGroups(
  ctx: AppContext,
  trx: Db,
  provider: StoredProvider,
  personId: string,
  groupsClaim: unknown,
) {
  const bodies = await listBodies(trx, provider.organisationId);
  const top = bodies.find((b) => b.parent_id === null);
  const day = today(ctx);
  const at = isoNow(ctx);
  for (const { body: slug, role, holds } of rolesFromGroups(
    provider.roleMappings,
    groupsFromClaim(groupsClaim),
  )) {
    const body = slug === null ? top : bodies.find((b) => b.slug === slug);
    if (!body) continue;
    const existing = await findMembership(trx, body.id, personId, role);
    const held = existing !== undefined && (existing.left_on === null || existing.left_on > day);
    if (holds === held) continue;
    // As assign-role.ts: an officer of a body is one of its members (an admin need not be).
    if (holds && role !== 'admin' && !(await isCurrentMember(trx, body.id, personId, day)))
      continue;
    if (holds && existing)
      await updateMembership(trx, existing.id, { left_on: null, joined_on: day });
    else if (holds) await insertMembership(trx, officer(body.id, personId, role, day, at));
    else await updateMembership(trx, existing!.id, { left_on: day });
    await appendAudit(trx, {
      organisationId: provider.organisationId,
      actorPersonId: null,
      action: holds ? 'role.given' : 'role.ended',
      subject: `body:${body.id}`,
      data: { personId, role, by: 'identity-provider' },
      at,
    });
  }
}

const officer = (bodyId: string, personId: string, role: Role, day: string, at: string) => ({
  id: newId(),
  body_id: bodyId,
  person_id: personId,
  role,
  member_number: null,
  joined_on: day,
  left_on: null,
  vote_weight: null,
  created_at: at,
});
