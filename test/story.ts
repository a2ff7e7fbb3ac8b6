import { NO_CONFIDENCE } from '../src/demo/seed-demo-meetings.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../src/app/common/context.ts';
import { createAccountIn } from '../src/app/accounts/create-site-admin.ts';
import { createBody } from '../src/app/organisations/create-body.ts';
import { createOrganisation } from '../src/app/organisations/create-organisation.ts';
import { inTransaction } from '../src/app/common/context.ts';
import { loadActor } from '../src/app/common/actor.ts';
import { importMembers } from '../src/app/organisations/import-members.ts';
import type { Actor } from '../src/domain/organisations/policy.ts';
import { draftMotion, type MotionTextInput } from '../src/app/meetings/draft-motion.ts';
import { afterMotionDecided } from '../src/app/resolutions/publish-resolution.ts';
import { findMotion } from '../src/db/queries/meetings.ts';
import { decideQuestion } from '../src/domain/meetings/thresholds.ts';
import {
  presetStandingOrders,
  type StandingOrders,
} from '../src/domain/organisations/standing-orders.ts';
import { upsertStandingOrders } from '../src/db/queries/standing-orders.ts';

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

/** The person id of whoever has `email`. */
export async function personIdOf(ctx: Pick<AppContext, 'db'>, email: string) {
  const { id } = await ctx.db
    .selectFrom('people')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return id;
}

/** A branch created below `parentId` by `actor`; returns its body id. */
export async function branchOf(ctx: AppContext, actor: Actor, parentId: string, name: string) {
  const { bodyId } = await createBody(ctx, { actor, parentId, name, kind: 'branch' });
  return bodyId;
}

/**
 * Citrine's standing orders with a quorum of `quorum` and no notice or motion deadline, so a
 * test can call a meeting and hold it within the hour; `more` changes any other rule.
 */
export const shortNoticeRules = (quorum = 2, more: Partial<StandingOrders> = {}) => ({
  ...presetStandingOrders('citrine'),
  quorum: { kind: 'count' as const, members: quorum },
  noticeDays: 0,
  motionDeadlineDays: 0,
  ...more,
});

/** Puts a body under `shortNoticeRules()`, written directly as a secretary would set them. */
export async function meetsAtShortNotice(ctx: AppContext, bodyId: string) {
  await upsertStandingOrders(ctx.db, {
    body_id: bodyId,
    preset: 'citrine',
    rules: JSON.stringify(shortNoticeRules()),
    updated_at: ctx.now().toISOString(),
  });
}

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
  return {
    adminId,
    admin,
    organisation,
    nationalId: organisation.topBodyId,
    camdenId: await branchOf(ctx, admin, organisation.topBodyId, 'Camden Town Group'),
    hackneyId: await branchOf(ctx, admin, organisation.topBodyId, 'Hackney Group'),
  };
}

/** Members the HTTP tests sign in as, by email and name, as `membersWithAccounts` takes them. */
export const ISLA = ['isla@example.org', 'Isla Singh'] as const;
export const BEN = ['ben@example.org', 'Ben Mensah'] as const;
export const CARA = ['cara@example.org', 'Cara Lund'] as const;

/** The Northfield story with `people` (email and name) on Camden's register, with accounts. */
export async function northfieldWithCamdenMembers(
  ctx: AppContext,
  people: readonly (readonly [email: string, name: string])[],
) {
  const story = await northfield(ctx);
  await membersWithAccounts(ctx, story.admin, story.camdenId, people);
  return story;
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

/** Camden with its imported register, each of its members as an actor who can vote. */
export async function camdenWithMembers(ctx: AppContext) {
  const story = await northfieldWithCamdenRegister(ctx);
  const people = await ctx.db
    .selectFrom('memberships')
    .select('person_id')
    .where('body_id', '=', story.camdenId)
    .where('role', '=', 'member')
    .orderBy('person_id')
    .execute();
  const members: Actor[] = people.map((p) => ({
    personId: p.person_id,
    isSiteAdmin: false,
    memberships: [
      { bodyId: story.camdenId, organisationId: story.organisation.organisationId, role: 'member' },
    ],
  }));
  return { ...story, members };
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
 * What the draft minutes of DESIGN.md section 2's meeting say, whichever layer runs it: the
 * motion of no confidence moved and seconded, the amendment lost 8–18, the motion carried 23–4
 * with its call on the NEC, and the opening with `chair` in the chair.
 */
export const noConfidenceMinutesLines = (chair: string) => [
  'Robin Hale moved the motion “No confidence in the Leader”, seconded by Sam Okafor.',
  'The amendment was lost: simple majority of votes cast, 8–18, 3 abstentions.',
  'The motion “No confidence in the Leader” was carried: simple majority of votes cast, 23–4, 2 abstentions.',
  'calls on the Northfield Party NEC to pass a motion of no confidence',
  `The meeting opened at 19:00, ${chair} in the chair, with 29 of 40 members present; the quorum is 10.`,
];

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
