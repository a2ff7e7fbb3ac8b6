import { DomainError } from '../domain/errors.ts';
import type { Actor } from '../domain/organisations/policy.ts';
import { findOrganisationBySlug } from '../db/queries/organisations.ts';
import { discardUnsentMailTo } from '../db/queries/outbox.ts';
import { assignRole } from '../app/organisations/assign-role.ts';
import { type AppContext, inTransaction, isoNow } from '../app/common/context.ts';
import { createAccountIn } from '../app/accounts/create-site-admin.ts';
import { createBody } from '../app/organisations/create-body.ts';
import { createOrganisation } from '../app/organisations/create-organisation.ts';
import { editStandingOrders } from '../app/organisations/edit-standing-orders.ts';
import { presetStandingOrders } from '../domain/organisations/standing-orders.ts';
import { importMembers } from '../app/organisations/import-members.ts';
import { loadActor } from '../app/common/actor.ts';
import { newSecret } from '../app/common/secrets.ts';
import { seedDemoBallots } from './seed-demo-ballots.ts';
import { seedDemoE2eBallot } from './seed-demo-e2e.ts';
import { seedDemoConference } from './seed-demo-conference.ts';
import { seedDemoMeetings } from './seed-demo-meetings.ts';
import { seedDemoResolutions } from './seed-demo-resolutions.ts';

const FIRST = [
  'Isla',
  'Farah',
  'Yusuf',
  'Ben',
  'Priya',
  'Liam',
  'Xavi',
  'Grace',
  'Zoe',
  'Alba',
  'Amara',
  'Nell',
  'Omar',
  'Kemi',
  'Dev',
  'Nadia',
  'Maya',
  'Mo',
  'Siobhan',
  'Tom',
];
const LAST = [
  'Singh',
  'Young',
  'Zielinski',
  'Mensah',
  'Xu',
  'Lewis',
  'Chowdhury',
  'Patel',
  'Rahman',
  'Kowalski',
  'Usman',
  'Nguyen',
  'Thompson',
  'Walsh',
  'Okafor',
  'Hughes',
];

/** A register of `count` fictional members as CSV, all at example.org. */
function demoRegister(prefix: string, branch: string, count: number, offset: number): string {
  const lines = ['Membership Number,Full Name,Email,Branch,Joined'];
  for (let i = 0; i < count; i++) {
    const first = FIRST[(i * 7 + offset) % FIRST.length]!;
    const last = LAST[(i * 3 + offset) % LAST.length]!;
    const n = offset * 1000 + i;
    lines.push(
      `${prefix}${n},${first} ${last},${first.toLowerCase()}.${last.toLowerCase()}.${n}@example.org,${branch},20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 9}`,
    );
  }
  return lines.join('\n');
}

export interface DemoAccount {
  readonly email: string;
  readonly role: string;
}

/** The accounts of the demo (all with one password), named as the brief's people; ids by email. */
const DEMO_ACCOUNTS: readonly (DemoAccount & { readonly name: string })[] = [
  {
    email: 'demo.admin@example.org',
    name: 'Demo Administrator',
    role: 'site administrator; admin of both organisations',
  },
  {
    email: 'camden.secretary@example.org',
    name: 'Rowan Ellis',
    role: 'secretary, Camden Town Group',
  },
  { email: 'camden.chair@example.org', name: 'Jordan Blake', role: 'chair, Camden Town Group' },
  {
    email: 'ncg.secretary@example.org',
    name: 'Sam Okoye',
    role: 'secretary, National Coordinating Group',
  },
  {
    email: 'nec.secretary@example.org',
    name: 'Morgan Reid',
    role: 'secretary, Northfield Party NEC',
  },
  { email: 'hackney.secretary@example.org', name: 'Alex Morgan', role: 'secretary, Hackney Group' },
  {
    email: 'camden.member@example.org',
    name: 'Casey Lin',
    role: 'member, Camden Town Group (no office)',
  },
  {
    email: 'camden.scrutineer@example.org',
    name: 'Zuri Adeyemi',
    role: 'scrutineer, Camden Town Group (read-only)',
  },
  { email: 'nec.chair@example.org', name: 'Robin Hale', role: 'chair, Northfield Party NEC' },
];

function createDemoAccounts(ctx: AppContext, password: string) {
  return inTransaction(ctx, async (trx) => {
    const at = isoNow(ctx);
    const ids: Record<string, string> = {};
    for (const [i, account] of DEMO_ACCOUNTS.entries()) {
      const { personId } = await createAccountIn(trx, at, {
        name: account.name,
        email: account.email,
        password,
        isSiteAdmin: i === 0,
      });
      ids[account.email] = personId;
    }
    return ids;
  });
}

/** The officers of the story, each given an account and an office in their body. */
const demoOfficers = (
  branches: Readonly<Record<string, string>>,
  nationalId: string,
  necId: string,
) => [
  {
    email: 'camden.secretary@example.org',
    name: 'Rowan Ellis',
    body: branches['Camden Town Group']!,
    branch: 'Camden Town Group',
    role: 'secretary',
  },
  {
    email: 'camden.chair@example.org',
    name: 'Jordan Blake',
    body: branches['Camden Town Group']!,
    branch: 'Camden Town Group',
    role: 'chair',
  },
  {
    email: 'ncg.secretary@example.org',
    name: 'Sam Okoye',
    body: nationalId,
    branch: 'National Coordinating Group',
    role: 'secretary',
  },
  {
    email: 'hackney.secretary@example.org',
    name: 'Alex Morgan',
    body: branches['Hackney Group']!,
    branch: 'Hackney Group',
    role: 'secretary',
  },
  {
    email: 'nec.secretary@example.org',
    name: 'Morgan Reid',
    body: necId,
    branch: 'National Executive Committee',
    role: 'secretary',
  },
  {
    email: 'nec.chair@example.org',
    name: 'Robin Hale',
    body: necId,
    branch: 'National Executive Committee',
    role: 'chair',
  },
  {
    // Independent of the branch's officers, and last on its register, so that the story
    // signs them in to no meeting and gives them no vote in the demo's ballots.
    email: 'camden.scrutineer@example.org',
    name: 'Zuri Adeyemi',
    body: branches['Camden Town Group']!,
    branch: 'Camden Town Group',
    role: 'scrutineer',
  },
];

/**
 * Loads the organisations and people of DESIGN.md section 2 (all fictional, all at
 * example.org) so that a new user can look around: Northfield Movement with its National
 * Coordinating Group and three local groups, and Northfield Party with its NEC. A few officers
 * get accounts, all with one random password that is returned once.
 */
export async function seedDemo(
  ctx: AppContext,
): Promise<{ password: string; accounts: DemoAccount[]; discardedMail: number }> {
  if (await findOrganisationBySlug(ctx.db, 'northfield-movement')) {
    throw new DomainError(
      'ALREADY_EXISTS',
      'The demo is already loaded (Northfield Movement exists).',
    );
  }
  const password = newSecret().slice(0, 16);
  const people = await createDemoAccounts(ctx, password);
  const refresh = (): Promise<Actor> =>
    loadActor(ctx.db, people['demo.admin@example.org']!, isoNow(ctx).slice(0, 10));

  const movement = await createOrganisation(ctx, {
    actor: await refresh(),
    name: 'Northfield Movement',
    topBodyName: 'National Coordinating Group',
    preset: 'citrine',
  });
  const party = await createOrganisation(ctx, {
    actor: await refresh(),
    name: 'Northfield Party',
    topBodyName: 'National Executive Committee',
    preset: 'citrine',
  });
  let admin = await refresh();
  const branches: Record<string, string> = {};
  for (const name of ['Camden Town Group', 'Hackney Group', 'Islington Group']) {
    branches[name] = (
      await createBody(ctx, { actor: admin, parentId: movement.topBodyId, name, kind: 'branch' })
    ).bodyId;
  }
  // Camden's standing orders as the story has them (DESIGN.md section 2, step 2): Citrine's,
  // with a quorum of 10 members and a casting vote for the chair.
  await editStandingOrders(ctx, {
    actor: admin,
    bodyId: branches['Camden Town Group']!,
    rules: {
      ...presetStandingOrders('citrine'),
      quorum: { kind: 'count', members: 10 },
      tieRule: 'casting-vote',
    },
  });
  const officers = demoOfficers(branches, movement.topBodyId, party.topBodyId);
  const registers = [
    // 36 here, with the secretary, the chair, the scrutineer and Casey Lin (an account, no
    // office): 40 in all.
    demoRegister('M', 'Camden Town Group', 36, 1),
    demoRegister('M', 'Hackney Group', 25, 2),
    demoRegister('M', 'Islington Group', 12, 3),
    demoRegister('M', 'National Coordinating Group', 10, 5),
    ...officers
      .filter((o) => o.body !== party.topBodyId)
      .map(
        (o, i) =>
          `Membership Number,Full Name,Email,Branch,Joined\nO${i},${o.name},${o.email},${o.branch},2019-04-01`,
      ),
    `Membership Number,Full Name,Email,Branch,Joined\nO9,Casey Lin,camden.member@example.org,Camden Town Group,2021-09-01`,
  ];
  for (const csv of registers) {
    await importMembers(ctx, { actor: admin, bodyId: movement.topBodyId, csv, dryRun: false });
  }
  await importMembers(ctx, {
    actor: admin,
    bodyId: party.topBodyId,
    csv: `${demoRegister('P', 'National Executive Committee', 11, 4)}\nP9,Morgan Reid,nec.secretary@example.org,National Executive Committee,2018-01-01\nP8,Robin Hale,nec.chair@example.org,National Executive Committee,2016-05-01`,
    dryRun: false,
  });
  admin = await refresh();
  for (const o of officers) {
    await assignRole(ctx, {
      actor: admin,
      bodyId: o.body,
      personId: people[o.email]!,
      role: o.role,
      holds: true,
    });
  }
  await seedDemoMeetings(ctx, {
    camdenId: branches['Camden Town Group']!,
    chairId: people['camden.chair@example.org']!,
    nationalId: movement.topBodyId,
    necId: party.topBodyId,
  });
  await seedDemoResolutions(ctx, {
    nationalId: movement.topBodyId,
    secretaryId: people['ncg.secretary@example.org']!,
  });
  await seedDemoBallots(ctx, {
    camdenId: branches['Camden Town Group']!,
    secretaryId: people['camden.secretary@example.org']!,
  });
  await seedDemoE2eBallot(ctx, {
    camdenId: branches['Camden Town Group']!,
    secretaryId: people['camden.secretary@example.org']!,
    chairId: people['camden.chair@example.org']!,
  });
  await seedDemoConference(ctx, {
    necId: party.topBodyId,
    necSecretaryId: people['nec.secretary@example.org']!,
    delegations: [
      [branches['Camden Town Group']!, 'clp', 1_200],
      [branches['Hackney Group']!, 'clp', 800],
      [branches['Islington Group']!, 'affiliates', 40_000],
      [movement.topBodyId, 'affiliates', 25_000],
    ],
    leaderId: people['camden.secretary@example.org']!,
    delegateId: people['camden.member@example.org']!,
  });
  // The story queues notices and notifications to its fictional people. example.org never
  // receives mail (RFC 2606), and written to the log they would bury the first start's output.
  const discardedMail = await discardUnsentMailTo(ctx.db, 'example.org');
  return {
    password,
    accounts: DEMO_ACCOUNTS.map(({ email, role }) => ({ email, role })),
    discardedMail,
  };
}
