import type { AppContext } from '../src/app/common/context.ts';
import { smallConference } from './conference.ts';
import { assignRole } from '../src/app/organisations/assign-role.ts';
import { createBallot } from '../src/app/ballots/create-ballot.ts';
import { createBody } from '../src/app/organisations/create-body.ts';
import { importMembers } from '../src/app/organisations/import-members.ts';
import { nominate } from '../src/app/ballots/nominate.ts';
import { inTransaction } from '../src/app/common/context.ts';
import { publishMinutes } from '../src/app/meetings/publish-minutes.ts';
import { publishModelMotion } from '../src/app/resolutions/publish-model-motion.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { loadActor } from '../src/app/common/actor.ts';
import {
  can,
  type Action,
  type Actor,
  type BodyInTree,
} from '../src/domain/organisations/policy.ts';
import type { Database } from '../src/db/schema.ts';
import { client } from './http-client.ts';
import {
  appRoutes,
  openApiDocument,
  requestSchema,
  sampleOf,
  type RouteKey,
} from './route-table.ts';
import { PASSWORD, personIdOf, personWithAccount } from './story.ts';

/** The roles every route is tried as (issue 9): Camden's people, a Hackney member, and nobody. */
export const ROLES = [
  'anonymous',
  'member',
  'member of another branch',
  'secretary',
  'chair',
  'scrutineer',
  'admin',
  'site administrator',
] as const;
export type RoleName = (typeof ROLES)[number];

/**
 * The demo organisations (meetings held and to come, motions, amendments, questions, a counted
 * election) plus a draft election with a nomination, and one signed-in client per role. Every
 * role but "member of another branch" and "site administrator" is held in Camden Town Group.
 */
export async function rolesFixture(ctx: AppContext) {
  const demo = await seedDemo(ctx);
  const { db } = ctx;
  const body = async (name: string) =>
    await db.selectFrom('bodies').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
  const camden = await body('Camden Town Group');
  const hackney = await body('Hackney Group');
  const siteAdmin = await db
    .selectFrom('people')
    .select('id')
    .where('email', '=', 'demo.admin@example.org')
    .executeTakeFirstOrThrow();
  const operator = await loadActor(db, siteAdmin.id, ctx.now().toISOString().slice(0, 10));

  const emails: Record<Exclude<RoleName, 'anonymous'>, string> = {
    member: 'camden.member@example.org',
    'member of another branch': 'hackney.member@example.org',
    secretary: 'camden.secretary@example.org',
    chair: 'camden.chair@example.org',
    scrutineer: 'camden.scrutineer@example.org',
    admin: 'camden.admin@example.org',
    'site administrator': 'site.admin@example.org',
  };
  // The demo has Camden's plain member and scrutineer (with the demo's password) already.
  for (const role of ['member of another branch', 'admin'] as const)
    await personWithAccount(ctx, emails[role], { name: `Test ${role}` });
  await personWithAccount(ctx, emails['site administrator'], {
    name: 'Test site administrator',
    siteAdmin: true,
  });
  const outsider = emails['member of another branch'];
  await importMembers(ctx, {
    actor: operator,
    bodyId: hackney.id,
    csv: `Name,Email\nTest ${outsider.split('@')[0]},${outsider}`,
    dryRun: false,
  });
  await assignRole(ctx, {
    actor: operator,
    bodyId: camden.id,
    email: emails.admin,
    role: 'admin',
    holds: true,
  });

  const secretaryId = await personIdOf(ctx, emails.secretary);
  const secretary = await loadActor(db, secretaryId, ctx.now().toISOString().slice(0, 10));
  const election = await createBallot(ctx, {
    actor: secretary,
    bodyId: camden.id,
    question: 'Treasurer',
    options: { kind: 'ranked', candidates: [], seats: 1, method: 'scottish-stv' },
    secret: true,
  });
  const nomination = await nominate(ctx, {
    actor: secretary,
    ballotId: election.ballotId,
    candidate: emails.member,
  });

  const clients = {} as Record<RoleName, ReturnType<typeof client>>;
  for (const role of ROLES) {
    const c = client(ctx, 1_000_000);
    if (role !== 'anonymous') {
      const password = role in demoRoles ? demo.password : PASSWORD;
      const res = await c.form('/sign-in', { email: emails[role], password });
      if (res.status !== 303) throw new Error(`${role} could not sign in (${res.status})`);
    }
    clients[role] = c;
  }
  const actors = {} as Record<RoleName, Actor | null>;
  for (const role of ROLES)
    actors[role] =
      role === 'anonymous'
        ? null
        : await loadActor(
            db,
            await personIdOf(ctx, emails[role]),
            ctx.now().toISOString().slice(0, 10),
          );

  const tree = await ancestorsOf(ctx, camden.id);
  // Camden's organisation's top body: the last of its ancestors.
  const topTree = await ancestorsOf(ctx, tree.ancestorIds.at(-1) ?? camden.id);
  const first = async <T extends keyof Database>(table: T, where?: [string, string]) => {
    let q = db.selectFrom(table as 'meetings').selectAll();
    if (where) q = q.where(where[0] as 'id', '=', where[1]);
    return (await q.executeTakeFirstOrThrow()) as unknown as Record<string, string>;
  };
  // Camden's scheduled meeting (the demo's conference is a scheduled meeting of the NEC).
  const meeting =
    ((await db
      .selectFrom('meetings')
      .selectAll()
      .where('status', '=', 'scheduled')
      .where('body_id', '=', camden.id)
      .executeTakeFirst()) as unknown as Record<string, string> | undefined) ??
    (await first('meetings'));
  const motion = await first('motions', ['meeting_id', meeting['id']!]);
  const conferenceIds = await smallConference(ctx, secretary, meeting['id']!, camden.id);
  const ids = {
    ...conferenceIds,
    organisationSlug: (
      await db
        .selectFrom('organisations')
        .select('slug')
        .where('id', '=', camden.organisation_id)
        .executeTakeFirstOrThrow()
    ).slug,
    bodies: camden.id,
    ballots: (await first('ballots', ['state', 'closed']))['id']!,
    draftBallot: election.ballotId,
    meetings: meeting['id']!,
    heldMeeting: (await first('minutes'))['meeting_id']!,
    motions: motion['id']!,
    amendments: (await first('amendments'))['id']!,
    questions: (await first('questions'))['id']!,
    nominations: nomination.nominationId,
    agendaItem: (await first('agenda_items', ['meeting_id', meeting['id']!]))['id']!,
    // A plain member of Camden's register, holding no office, whom no role signs in as: the
    // register's routes (edit, lapse, remove, invite) act on them.
    members: (
      await db
        .selectFrom('memberships as m')
        .innerJoin('people', 'people.id', 'm.person_id')
        .select('people.id')
        .where('m.body_id', '=', camden.id)
        .where('m.role', '=', 'member')
        .where('people.email', 'not in', Object.values(emails))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('memberships as o')
                .select('o.id')
                .whereRef('o.person_id', '=', 'm.person_id')
                .where('o.role', '!=', 'member'),
            ),
          ),
        )
        .orderBy('people.email')
        .executeTakeFirstOrThrow()
    ).id,
  };
  const resolution = await db
    .selectFrom('resolutions')
    .selectAll()
    .where('body_id', '=', camden.id)
    .executeTakeFirstOrThrow();
  const communication = await db
    .selectFrom('communications')
    .selectAll()
    .where('to_body_id', 'is not', null)
    .executeTakeFirstOrThrow();
  // Published minutes of the held meeting, and the resolution offered as a model motion, so
  // that the public pages of both have something to show.
  const held = await db
    .selectFrom('meetings')
    .selectAll()
    .where('status', '=', 'closed')
    .where('body_id', '=', camden.id)
    .executeTakeFirstOrThrow();
  await inTransaction(ctx, (trx) =>
    publishMinutes(trx, ctx, {
      meeting: held,
      bodyName: camden.name,
      actorPersonId: secretaryId,
      at: ctx.now().toISOString(),
    }),
  );
  // Only a body with bodies below it offers a model motion: Camden gets a committee.
  await createBody(ctx, {
    actor: operator,
    parentId: camden.id,
    name: 'Camden Town Campaigns Committee',
    kind: 'committee',
  });
  await publishModelMotion(ctx, { actor: secretary, resolutionId: resolution.id });
  const minutes = await db.selectFrom('published_minutes').selectAll().executeTakeFirst();
  const resolutionIds = {
    resolutions: resolution.id,
    communications: communication.id,
    /** /r/:org/:slug and /r/:org/minutes/:slug */
    resolutionSlug: resolution.slug,
    minutesSlug: minutes?.slug ?? 'no-minutes-published',
    bodySlug: camden.slug,
  };
  const addresseeTree = await ancestorsOf(ctx, communication.to_body_id!);
  // Ids that exist but belong elsewhere: another branch, another organisation's top body.
  const otherIds = [
    hackney.id,
    (await body('National Executive Committee')).id,
    (await body('Islington Group')).id,
  ];
  return {
    ids: { ...ids, ...resolutionIds },
    otherIds,
    clients,
    /** What the policy says `role` may do to Camden: the expectation a declared action gives. */
    may: (role: RoleName, action: Action, of?: 'addressee' | 'top') =>
      can(actors[role], action, of === 'addressee' ? addresseeTree : of === 'top' ? topTree : tree),
  };
}

const demoRoles = { member: true, secretary: true, chair: true, scrutineer: true };

/**
 * The roles fixture with what a test of every route needs beside it: the app's routes and a
 * small valid body for each API route, from the app's own OpenAPI document.
 */
export async function everyRouteAsEveryRole(ctx: AppContext) {
  const fixture = await rolesFixture(ctx);
  const doc = await openApiDocument(fixture.clients.anonymous);
  return {
    fixture,
    routes: appRoutes(ctx),
    sampleBody: (key: RouteKey) => sampleOf(doc, requestSchema(doc, key)),
  };
}

async function ancestorsOf(ctx: AppContext, bodyId: string): Promise<BodyInTree> {
  const ancestorIds: string[] = [];
  let b = await ctx.db
    .selectFrom('bodies')
    .selectAll()
    .where('id', '=', bodyId)
    .executeTakeFirstOrThrow();
  const organisationId = b.organisation_id;
  while (b.parent_id) {
    ancestorIds.push(b.parent_id);
    b = await ctx.db
      .selectFrom('bodies')
      .selectAll()
      .where('id', '=', b.parent_id)
      .executeTakeFirstOrThrow();
  }
  return { id: bodyId, organisationId, ancestorIds };
}
