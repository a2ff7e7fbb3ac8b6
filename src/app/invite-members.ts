import type { Actor } from '../domain/policy.ts';
import { listRegister } from '../db/queries/memberships.ts';
import type { MailMessage } from '../mail/mailer.ts';
import { authorise } from './actor.ts';
import { appendAudit } from './audit-log.ts';
import { type AppContext, inTransaction, isoNow } from './context.ts';
import { issueOneTimeLink } from './one-time-links.ts';

export const INVITATION_VALID_DAYS = 14;

export interface InviteMembersProps {
  readonly actor: Actor | null;
  readonly bodyId: string;
  /** Whom to invite; omitted, every current member without an account. */
  readonly personIds?: readonly string[] | undefined;
}

export interface InviteReport {
  readonly invited: number;
  /** Addresses whose mail the mail server refused; their links stay valid to resend. */
  readonly failed: readonly string[];
}

/**
 * Emails members a link to set a password and sign in. Members who already have an account are
 * skipped. Links are saved first and mail is sent after the commit, so a mail failure leaves
 * nothing half-done: the secretary can send again.
 */
export async function inviteMembers(
  ctx: AppContext,
  props: InviteMembersProps,
): Promise<InviteReport> {
  const messages = await inTransaction(ctx, async (trx) => {
    const { body } = await authorise(trx, props.actor, 'body.manageMembers', props.bodyId);
    const wanted = props.personIds ? new Set(props.personIds) : null;
    const register = (await listRegister(trx, [body.id])).filter(
      (m) =>
        m.left_on === null && m.account_person_id === null && (!wanted || wanted.has(m.person_id)),
    );
    const out: MailMessage[] = [];
    for (const member of register) {
      const secret = await issueOneTimeLink(trx, {
        purpose: 'invite',
        personId: member.person_id,
        createdBy: props.actor?.personId ?? null,
        now: ctx.now(),
        validForMs: INVITATION_VALID_DAYS * 86_400_000,
      });
      out.push({
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
      });
    }
    if (out.length) {
      await appendAudit(trx, ctx.dialect, {
        organisationId: body.organisation_id,
        actorPersonId: props.actor?.personId ?? null,
        action: 'members.invited',
        subject: `body:${body.id}`,
        data: { invited: out.length },
        at: isoNow(ctx),
      });
    }
    return out;
  });
  const failed: string[] = [];
  for (const message of messages) {
    await ctx.mailer.send(message).catch((error: unknown) => {
      ctx.log.error('invitation mail was not sent', error);
      failed.push(message.to);
    });
  }
  return { invited: messages.length - failed.length, failed };
}
