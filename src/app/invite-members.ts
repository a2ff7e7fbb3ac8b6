import type { Actor } from '../domain/policy.ts';
import { listRegister } from '../db/queries/memberships.ts';
import { authorise } from './actor.ts';
import { appendAudit } from './audit-log.ts';
import { type AppContext, inTransaction, isoNow } from './context.ts';
import { enqueueMail, mailQueued } from './enqueue-mail.ts';
import { issueOneTimeLink } from './one-time-links.ts';

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
 * Emails members a link to set a password and sign in. Members who already have an account are
 * skipped. Links and their mail are saved in one transaction (the mail in the outbox), so the
 * invitations go out if and only if the links exist, and a mail server that is down only delays
 * them.
 */
export async function inviteMembers(
  ctx: AppContext,
  props: InviteMembersProps,
): Promise<InviteReport> {
  const invited = await inTransaction(ctx, async (trx) => {
    const { body } = await authorise(trx, props.actor, 'body.manageMembers', props.bodyId);
    const wanted = props.personIds ? new Set(props.personIds) : null;
    const register = (await listRegister(trx, [body.id])).filter(
      (m) =>
        m.left_on === null && m.account_person_id === null && (!wanted || wanted.has(m.person_id)),
    );
    let count = 0;
    for (const member of register) {
      const secret = await issueOneTimeLink(trx, {
        purpose: 'invite',
        personId: member.person_id,
        createdBy: props.actor?.personId ?? null,
        now: ctx.now(),
        validForMs: INVITATION_VALID_DAYS * 86_400_000,
      });
      await enqueueMail(
        trx,
        {
          to: member.email,
          subject: `You are invited to ${body.name} on Seconded`,
          text: [
            `Hello ${member.name},`,
            '',
            `${body.name} uses Seconded for its meetings, motions and ballots. Set a password to sign in:`,
            '',
            `${ctx.baseUrl}/invite/${secret}`,
            '',
            `The link works once and expires in ${INVITATION_VALID_DAYS} days.`,
            'If you did not expect this, you can ignore it.',
          ].join('\n'),
        },
        ctx.now(),
      );
      count++;
    }
    if (count) {
      await appendAudit(trx, ctx.dialect, {
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
