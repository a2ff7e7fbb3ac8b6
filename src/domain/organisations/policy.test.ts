import { describe, expect, it } from 'vitest';
import { ACTIONS, can, type Action, type Actor, type BodyInTree, type Role } from './policy.ts';

// One organisation: a national body with two branches; and a second organisation.
const ORG = 'org-northfield';
const national: BodyInTree = { id: 'national', organisationId: ORG, ancestorIds: [] };
const camden: BodyInTree = { id: 'camden', organisationId: ORG, ancestorIds: ['national'] };
const hackney: BodyInTree = { id: 'hackney', organisationId: ORG, ancestorIds: ['national'] };

const holding = (role: Role, body: BodyInTree, organisationId = body.organisationId): Actor => ({
  personId: `p-${role}-${body.id}`,
  isSiteAdmin: false,
  memberships: [{ bodyId: body.id, organisationId, role }],
});

const ACTORS: Record<string, Actor | null> = {
  anonymous: null,
  'member of camden': holding('member', camden),
  'member of hackney (another branch)': holding('member', hackney),
  'secretary of hackney (another branch)': holding('secretary', hackney),
  'secretary of camden': holding('secretary', camden),
  'chair of camden': holding('chair', camden),
  'scrutineer of camden': holding('scrutineer', camden),
  'admin of camden': holding('admin', camden),
  'admin of the national body': holding('admin', national),
  'secretary of the national body': holding('secretary', national),
  'admin of another organisation': holding('admin', {
    id: 'elsewhere',
    organisationId: 'org-other',
    ancestorIds: [],
  }),
  'site admin with no membership': { personId: 'site', isSiteAdmin: true, memberships: [] },
};

/** What the chair of Camden may do to it: run its business, with the register to hand. */
const CHAIR: readonly Action[] = [
  'body.view',
  'body.participate',
  'body.runBallots',
  'body.runMeetings',
  'body.viewMembers',
];
/** The secretary may do what the chair may, and keep the register, rules and correspondence. */
const SECRETARY: readonly Action[] = [
  ...CHAIR,
  'body.countPapers',
  'body.manageMembers',
  'body.editStandingOrders',
  'body.answerCommunications',
];
/** An admin (of the body or one above it) may do what the secretary may, and run the body. */
const ADMIN: readonly Action[] = [
  ...SECRETARY,
  'body.manageOfficers',
  'body.createChild',
  'body.viewAudit',
];

/** What each actor may do to Camden's body. Every cell is written out: change one, see it here. */
const EXPECTED: Record<string, readonly Action[]> = {
  anonymous: [],
  'member of camden': ['body.view', 'body.participate'],
  'member of hackney (another branch)': ['body.view'],
  'secretary of hackney (another branch)': ['body.view'],
  'secretary of camden': SECRETARY,
  'chair of camden': CHAIR,
  'scrutineer of camden': [
    'body.view',
    'body.participate',
    'body.countPapers',
    'body.viewMembers',
    'body.viewAudit',
  ],
  'admin of camden': ADMIN,
  'admin of the national body': ADMIN,
  'secretary of the national body': ['body.view'],
  'admin of another organisation': [],
  'site admin with no membership': ['server.createOrganisation'],
};

describe('the policy, as a matrix of every action and every role, on a branch', () => {
  for (const [who, actor] of Object.entries(ACTORS)) {
    for (const action of ACTIONS) {
      const allowed = EXPECTED[who]!.includes(action);
      it(`${who} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        expect(can(actor, action, camden)).toBe(allowed);
      });
    }
  }
});

describe('the policy across branches', () => {
  it('members of another branch see nothing private of this one', () => {
    for (const who of [
      'member of hackney (another branch)',
      'secretary of hackney (another branch)',
    ]) {
      for (const action of ACTIONS.filter(
        (a) => a !== 'body.view' && a !== 'server.createOrganisation',
      )) {
        expect(can(ACTORS[who]!, action, camden), `${who} ${action}`).toBe(false);
      }
    }
  });

  it('a role held in a branch gives nothing in the body above it', () => {
    expect(can(ACTORS['admin of camden']!, 'body.viewMembers', national)).toBe(false);
    expect(can(ACTORS['secretary of camden']!, 'body.manageMembers', national)).toBe(false);
  });

  it('a role that has ended is not passed to the policy, so it grants nothing', () => {
    const left: Actor = { personId: 'x', isSiteAdmin: false, memberships: [] };
    expect(ACTIONS.some((a) => can(left, a, camden))).toBe(false);
  });
});
