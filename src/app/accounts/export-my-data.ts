import { notFound } from '../../domain/errors.ts';
import { listTokensOfPerson } from '../../db/queries/auth.ts';
import { listAuditEventsAbout } from '../../db/queries/audit.ts';
import { listDataAccessAbout } from '../../db/queries/data-access.ts';
import { listMembershipsOfPerson } from '../../db/queries/memberships.ts';
import { findAccount, findPerson } from '../../db/queries/people.ts';
import type { AppContext } from '../common/context.ts';

/**
 * Everything Seconded holds about the signed-in person (UK GDPR article 15, right of access),
 * as one JSON document: their details, account, every membership and role, the links sent to
 * them, the audited actions they took, and who else looked at their data. Password hashes and link secrets are not included:
 * they are only hashes of secrets, of use to nobody.
 */
export async function exportMyData(ctx: AppContext, props: { personId: string }) {
  const person = await findPerson(ctx.db, props.personId);
  if (!person) throw notFound('Your account');
  const [account, memberships, links, actions, looks] = await Promise.all([
    findAccount(ctx.db, person.id),
    listMembershipsOfPerson(ctx.db, person.id),
    listTokensOfPerson(ctx.db, person.id),
    listAuditEventsAbout(ctx.db, person.id),
    listDataAccessAbout(ctx.db, person.id),
  ]);
  return {
    exportedAt: ctx.now().toISOString(),
    person: { id: person.id, name: person.name, email: person.email, createdAt: person.created_at },
    account: account
      ? { createdAt: account.created_at, siteAdministrator: account.is_site_admin === 1 }
      : null,
    memberships: memberships.map((m) => ({
      organisation: m.organisation_name,
      body: m.body_name,
      role: m.role,
      memberNumber: m.member_number,
      joinedOn: m.joined_on,
      leftOn: m.left_on,
      voteWeight: m.vote_weight,
      recordedAt: m.created_at,
    })),
    linksSent: links.map((l) => ({
      purpose: l.purpose,
      sentAt: l.created_at,
      expiresAt: l.expires_at,
      usedAt: l.used_at,
    })),
    actionsTaken: actions.map((a) => ({ at: a.at, action: a.action, subject: a.subject })),
    /** Who else looked at this person's data, newest first (the latest 500). */
    seenBy: looks.map((l) => ({
      at: l.at,
      by: l.viewer_name,
      what: l.kind,
      body: l.body_name,
    })),
  };
}
