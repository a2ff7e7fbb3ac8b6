import { NO_CONFIDENCE } from '../src/demo/seed-demo-meetings.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../src/app/shared/context.ts';
import { createAccountIn } from '../src/app/accounts/create-site-admin.ts';
import { createBody } from '../src/app/organisations/create-body.ts';
import { createOrganisation } from '../src/app/organisations/create-organisation.ts';
import { inTransaction } from '../src/app/shared/context.ts';
import { loadActor } from '../src/app/shared/actor.ts';
import { importMembers } from '../src/app/organisations/import-members.ts';
import type { Actor } from '../src/domain/organisations/policy.ts';
import { draftMotion, type MotionTextInput } from '../src/app/meetings/draft-motion.ts';
import { afterMotionDecided } from '../src/app/resolutions/publish-resolution.ts';
import { findMotion } from '../src/db/queries/meetings.ts';
import { decideQuestion } from '../src/domain/meetings/thresholds.ts';

/** A file of examples/ (member lists, ballots), read as text. */
export const exampleText = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../examples/${path}`, import.meta.url)), 'utf8');
export const examplePath = (path: string) =>
  fileURLToPath(new URL(`../examples/${path}`, import.meta.url));

/** The password of every account made here. */
export const PASSWORD = 'correct horse battery';

/** Creates a person with an account and returns their person id. */
export async function personWithAccount(
  ctx: AppContext,
  email: string,
  opts: { siteAdmin?: boolean; name?: string } = {},
) {
  const { personId } = await inTransaction(ctx, (trx) =>
    createAccountIn(trx, ctx.now().toISOString(), {
      name: opts.name ?? email.split('@')[0]!,
      email,
      password: PASSWORD,
      isSiteAdmin: opts.siteAdmin ?? false,
    }),
  );
  return personId;
}

/**
 * People with accounts who are members of a body, imported from its register by `actor` (the
 * register lists them by name and email, nothing more).
 */
export async function membersWithAccounts(
  ctx: AppContext,
  actor: Actor,
  bodyId: string,
  people: readonly (readonly [email: string, name: string])[],
) {
  for (const [email, name] of people) await personWithAccount(ctx, email, { name });
  await importMembers(ctx, {
    actor,
    bodyId,
    csv: ['Name,Email', ...people.map(([email, name]) => `${name},${email}`)].join('\n'),
    dryRun: false,
  });
}

export const actorFor = (ctx: AppContext, personId: string) =>
  loadActor(ctx.db, personId, ctx.now().toISOString().slice(0, 10));

/**
 * DESIGN.md section 2, step 1: Northfield Movement with its National Coordinating Group and the
 * Camden Town and Hackney groups below it, set up by a site administrator.
 */
export async function northfield(ctx: AppContext) {
  const adminId = await personWithAccount(ctx, 'admin@example.org', {
    siteAdmin: true,
    name: 'Ada Admin',
  });
  const organisation = await createOrganisation(ctx, {
    actor: await actorFor(ctx, adminId),
    name: 'Northfield Movement',
    topBodyName: 'National Coordinating Group',
    preset: 'citrine',
  });
  const admin = await actorFor(ctx, adminId);
  const camden = await createBody(ctx, {
    actor: admin,
    parentId: organisation.topBodyId,
    name: 'Camden Town Group',
    kind: 'branch',
  });
  const hackney = await createBody(ctx, {
    actor: admin,
    parentId: organisation.topBodyId,
    name: 'Hackney Group',
    kind: 'branch',
  });
  return {
    adminId,
    admin,
    organisation,
    nationalId: organisation.topBodyId,
    camdenId: camden.bodyId,
    hackneyId: hackney.bodyId,
  };
}

/** The Northfield story with Camden's register of 38 members (examples/members) imported. */
export async function northfieldWithCamdenRegister(ctx: AppContext) {
  const story = await northfield(ctx);
  await importMembers(ctx, {
    actor: story.admin,
    bodyId: story.camdenId,
    csv: exampleText('members/camden-branch-register.csv'),
    dryRun: false,
  });
  return story;
}

/**
 * DESIGN.md section 2's motion of no confidence, its clauses as the API takes them: three
 * "notes", three "believes", and two "calls on": the Northfield Party NEC (by id where it is a
 * body on this server) and the National Coordinating Group.
 */
export function noConfidenceClauses(callsOn: { necId?: string; nationalId: string }) {
  // The demo's motion (seed-demo-meetings.ts), its "calls on" bodies named by id here.
  const ids = [callsOn.necId, callsOn.nationalId];
  let next = 0;
  return NO_CONFIDENCE.clauses.map((clause) => {
    if (clause.kind !== 'calls-on') return clause;
    const bodyId = ids[next++];
    return bodyId ? { ...clause, bodyId } : clause;
  });
}

/**
 * A motion drafted in a body and carried 12–3 as a meeting would carry it: its resolution is
 * published and delivered to the bodies it calls on.
 */
export async function carriedResolution(
  ctx: AppContext,
  props: { actor: Actor; bodyId: string; text: MotionTextInput },
) {
  const { motionId, text } = await draftMotion(ctx, props);
  const result = decideQuestion({
    counts: { for: 12, against: 3, abstain: 0 },
    threshold: 'simple-majority-of-votes-cast',
    tieRule: 'not-carried',
    present: 15,
    members: 20,
  });
  const { resolutionId } = await inTransaction(ctx, async (trx) =>
    afterMotionDecided(trx, ctx, {
      motion: (await findMotion(trx, motionId))!,
      status: 'carried',
      text,
      result,
      declared: 'carried: simple majority of votes cast, 12–3, no abstentions',
      actorPersonId: props.actor.personId,
      at: ctx.now().toISOString(),
    }),
  );
  return { text, resolutionId: resolutionId! };
}
