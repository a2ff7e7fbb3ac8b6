/**
 * Who may do what: the one place that decides. Every page, API route and CLI command asks
 * `can(actor, action, body)`; nothing else inspects roles. Roles are held per body
 * (DESIGN.md section 3); an `admin` role reaches the body and every body below it, the other
 * roles reach only their own body. Being a site administrator lets a person set up organisations
 * but not read their members: member data stays inside its organisation (DESIGN.md section 5).
 */

export const ROLES = ['member', 'secretary', 'chair', 'scrutineer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role =>
  (ROLES as readonly string[]).includes(value);

export const ACTIONS = [
  /** See the body's name, place in the tree and officers. */
  'body.view',
  /** Take part in the body's business: see its ballots and meetings (voting needs the electorate too). */
  'body.participate',
  /** Create, open and close ballots. */
  'body.runBallots',
  /** Count the paper ballots of a hybrid ballot and enter the count (the tellers). */
  'body.countPapers',
  /** Call and run meetings: agenda, notice, opening, the chair's console, minutes. */
  'body.runMeetings',
  /** See the member register: names, emails, member numbers. */
  'body.viewMembers',
  /** Import, add, invite and remove members. */
  'body.manageMembers',
  /** Give and take away roles (secretary, chair, scrutineer, admin). */
  'body.manageOfficers',
  /** Create bodies below this one. */
  'body.createChild',
  /** Change the body's standing orders. */
  'body.editStandingOrders',
  /** Read the organisation's audit chain. */
  'body.viewAudit',
  /**
   * Answer resolutions delivered to the body (acknowledge, rule, put on the agenda, composite,
   * record the outcome), adopt model motions, publish the body's resolutions as model motions and
   * decide whether its resolutions are public.
   */
  'body.answerCommunications',
  /** Create a new organisation on this server. */
  'server.createOrganisation',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface ActorMembership {
  readonly bodyId: string;
  readonly organisationId: string;
  readonly role: Role;
}

/** The signed-in person as the policy sees them; `null` actor means anonymous. */
export interface Actor {
  readonly personId: string;
  readonly isSiteAdmin: boolean;
  /** Current memberships only (not left). */
  readonly memberships: readonly ActorMembership[];
}

/** The body an action is about, with its ancestors (parent first, root last). */
export interface BodyInTree {
  readonly id: string;
  readonly organisationId: string;
  readonly ancestorIds: readonly string[];
}

type RoleRule = 'here' | 'here-or-above';
/** For each action, which roles grant it, and whether a role held above the body counts. */
const GRANTS: Record<
  Exclude<Action, 'server.createOrganisation' | 'body.view'>,
  Partial<Record<Role, RoleRule>>
> = {
  'body.participate': {
    member: 'here',
    secretary: 'here',
    chair: 'here',
    scrutineer: 'here',
    admin: 'here-or-above',
  },
  'body.runBallots': { secretary: 'here', chair: 'here', admin: 'here-or-above' },
  'body.runMeetings': { secretary: 'here', chair: 'here', admin: 'here-or-above' },
  // The tellers: the secretary, or the scrutineer, who is independent of the chair.
  'body.countPapers': { secretary: 'here', scrutineer: 'here', admin: 'here-or-above' },
  'body.viewMembers': {
    secretary: 'here',
    chair: 'here',
    scrutineer: 'here',
    admin: 'here-or-above',
  },
  'body.manageMembers': { secretary: 'here', admin: 'here-or-above' },
  'body.manageOfficers': { admin: 'here-or-above' },
  'body.createChild': { admin: 'here-or-above' },
  'body.editStandingOrders': { secretary: 'here', admin: 'here-or-above' },
  'body.viewAudit': { scrutineer: 'here-or-above', admin: 'here-or-above' },
  'body.answerCommunications': { secretary: 'here', admin: 'here-or-above' },
};

/** Decides whether `actor` may do `action` on `body` (omit body for server-wide actions). */
export function can(actor: Actor | null, action: Action, body?: BodyInTree): boolean {
  if (!actor) return false;
  if (action === 'server.createOrganisation') return actor.isSiteAdmin;
  if (!body) return false;
  if (action === 'body.view') {
    // The tree of an organisation is not private from its own members.
    return actor.memberships.some((m) => m.organisationId === body.organisationId);
  }
  const grants = GRANTS[action];
  return actor.memberships.some((m) => {
    const rule = grants[m.role];
    if (!rule) return false;
    if (m.bodyId === body.id) return true;
    return rule === 'here-or-above' && body.ancestorIds.includes(m.bodyId);
  });
}
