import type { Outcome } from '../../domain/resolutions/communication.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { loadCommunicationFor, stepCommunication } from './communication-support.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { mailQueued } from '../common/enqueue-mail.ts';

/** The answers a receiving secretary gives that need no motion of the body's own. */
export type CommunicationAnswer =
  | { readonly type: 'acknowledge' }
  | { readonly type: 'rule'; readonly inOrder: boolean; readonly reason?: string | undefined }
  | { readonly type: 'record-outcome'; readonly outcome: Outcome };

/**
 * The receiving body's secretary (or an administrator) answers a communication in its inbox:
 * acknowledges it, rules it in or out of order (out of order with a reason), or records what
 * its meeting decided. Each step follows the state machine (ILLEGAL_TRANSITION otherwise), is
 * audited, shown on the sender's resolution page and emailed to the sender's secretary.
 */
export async function answerCommunication(
  ctx: AppContext,
  props: { actor: Actor | null; communicationId: string; answer: CommunicationAnswer },
) {
  const result = await inTransaction(ctx, async (trx) => {
    const { row, resolution } = await loadCommunicationFor(
      trx,
      ctx,
      props.actor,
      props.communicationId,
    );
    const next = await stepCommunication(trx, ctx, {
      row,
      resolution,
      event: props.answer,
      actorPersonId: props.actor?.personId ?? null,
      at: isoNow(ctx),
    });
    return { status: next.status, reason: next.reason };
  });
  mailQueued(ctx);
  return result;
}
