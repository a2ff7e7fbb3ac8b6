import type { Actor } from '../../domain/organisations/policy.ts';
import { listRegister } from '../../db/queries/memberships.ts';
import type { Db } from '../../db/database.ts';
import { findPerson } from '../../db/queries/people.ts';
import { mailTextsFor } from '../../mail/texts.ts';
import { authorise } from '../common/actor.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { enqueueMail, mailQueued } from '../common/enqueue-mail.ts';
import { issueOneTimeLink } from '../accounts/one-time-links.ts';

export const INVITATION_VALID_DAYS = 14;

export interface InviteMembersProps {
  readonly actor: Actor | null;
  readonly bodyId: string;
  /** Whom to invite; omitted, every current member without an account. */
  readonly personIds?: readonly string[] | undefined;
}

export interface InviteReport {
  /** Invitations queued; the outbox sends them, retrying while the mail server is down. */
  readonly invited: number;
}

/**
 * Emails members a link to set a password and sign in, in the inviter's language. Members who
 * already have an account are skipped. Links and their mail are saved in one transaction (the
 * mail in the outbox), so the invitations go out if and only if the links exist, and a mail
 * server that is down only delays them.
 */
export async function inviteMembers(
  ctx: AppContext,
  props: InviteMembersProps,
): Promise<InviteReport> {
  const invited = await inTransaction(ctx, async (trx) => {
    const { body } = await authorise(trx, props.actor, 'body.manageMembers', props.bodyId);
    const register = await toInvite(trx, body.id, props.personIds);
    const count = await queueInvitations(ctx, trx, props.actor, body, register);
    if (count) {
      await appendAudit(trx, {
        organisationId: body.organisation_id,
        actorPersonId: props.actor?.personId ?? null,
        action: 'members.invited',
        subject: `body:${body.id}`,
        data: { invited: count },
        at: isoNow(ctx),
      });
    }
    return count;
  });
  if (invited) mailQueued(ctx);
  return { invited };
}

/** The current members without an account (of those named, if any): whom an invitation goes to. */
async function toInvite(trx: Db, bodyId: string, personIds?: readonly string[]) {
  const wanted = personIds ? new Set(personIds) : null;
  return (await listRegister(trx, [bodyId])).filter(
    (m) =>
      m.left_on === null && m.account_person_id === null && (!wanted || wanted.has(m.person_id)),
  );
}

/**
 * How many emails inviting everyone would send now, for the inviter to confirm before they go
 * (they cannot be called back).
 */
export async function countInvitations(ctx: AppContext, props: InviteMembersProps) {
  const { body } = await authorise(ctx.db, props.actor, 'body.manageMembers', props.bodyId);
  return (await toInvite(ctx.db, body.id, props.personIds)).length;
}

/**
 * Issues each member an invitation link and queues its mail in the outbox, in the caller's
 * transaction; returns how many. Someone invited has no account, so no language of their own
 * yet: they are written to in the language of whoever invites them, likely that of the
 * organisation too.
 */
export async function queueInvitations(
  ctx: AppContext,
  trx: Db,
  actor: Actor | null,
  body: { name: string },
  members: readonly { person_id: string; name: string; email: string }[],
): Promise<number> {
  const inviter = actor && (await findPerson(trx, actor.personId));
  const texts = mailTextsFor(inviter?.locale);
  for (const member of members) {
    const secret = await issueOneTimeLink(trx, {
      purpose: 'invite',
      personId: member.person_id,
      createdBy: actor?.personId ?? null,
      now: ctx.now(),
      validForMs: INVITATION_VALID_DAYS * 86_400_000,
    });
    await enqueueMail(
      trx,
      {
        to: member.email,
        ...texts.invitation({
          name: member.name,
          bodyName: body.name,
          link: `${ctx.baseUrl}/invite/${secret}`,
          validDays: INVITATION_VALID_DAYS,
        }),
      },
      ctx.now(),
    );
  }
  return members.length;
}
