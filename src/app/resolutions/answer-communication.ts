import type { Outcome } from '../../domain/resolutions/communication.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { loadCommunicationFor, stepCommunication } from './communication-support.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { mailQueued } from '../common/enqueue-mail.ts';
import { LOCALES, type Locale } from '../../domain/language.ts';
import type { Written } from '../../mail/texts.ts';
import { t } from '../../messages/messages.ts';

/** The answers a receiving secretary gives that need no motion of the body's own. */
export type CommunicationAnswer =
  | { readonly type: 'acknowledge' }
  | { readonly type: 'rule'; readonly inOrder: boolean; readonly reason?: string | undefined }
  /** Recorded by hand: `reason` is required, and the sender is told it was recorded by hand. */
  | {
      readonly type: 'record-outcome';
      readonly outcome: Outcome;
      readonly reason?: string | undefined;
    };

/**
 * The receiving body's secretary (or an administrator) answers a communication in its inbox:
 * acknowledges it, rules it in or out of order (out of order with a reason), or records what
 * its meeting decided. Each step follows the state machine (ILLEGAL_TRANSITION otherwise), is
 * audited, shown on the sender's resolution page and emailed to the sender's secretary.
 *
 * An outcome recorded here is recorded by hand (one decided by a vote here, at a meeting or by a
 * ballot of the members, is recorded on its own with its figures: publish-resolution.ts). It
 * needs a reason (VALIDATION_FAILED without one, and nothing changes), and the history the
 * sender reads says "recorded by hand: <reason>", in each reader's language.
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
    const { answer } = props;
    const byHand = answer.type === 'record-outcome';
    const next = await stepCommunication(trx, ctx, {
      row,
      resolution,
      event: byHand ? { ...answer, byHand: true } : answer,
      note: byHand ? recordedByHand(answer.reason?.trim() ?? '') : undefined,
      actorPersonId: props.actor?.personId ?? null,
      at: isoNow(ctx),
    });
    return { status: next.status, reason: next.reason };
  });
  mailQueued(ctx);
  return result;
}

/** "recorded by hand: <reason>" in every language, so each sender reads it in theirs. */
const recordedByHand = (reason: string): Written =>
  Object.fromEntries(
    LOCALES.map((lang) => [lang, t('comm.recordedByHand', { reason }, lang)]),
  ) as Record<Locale, string>;
