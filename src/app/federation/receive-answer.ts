import { DomainError } from '../../domain/errors.ts';
import {
  REMOTE_NOTE_MAX,
  isOutcome,
  statusOfAnswer,
  type AnswerType,
} from '../../domain/federation/remote-body.ts';
import {
  communicationTransition,
  type CommunicationEvent,
  type CommunicationStatus,
} from '../../domain/resolutions/communication.ts';
import { findLinkOfOffer, recordReceived } from '../../db/queries/federation.ts';
import { findResolution, lockCommunication } from '../../db/queries/resolutions.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { mailQueued } from '../common/enqueue-mail.ts';
import {
  communicationStateOf,
  recordCommunicationState,
  tellSender,
} from '../resolutions/communication-support.ts';

export interface ReceivedAnswer {
  readonly activityId: string;
  readonly actorId: string;
  readonly type: AnswerType;
  /** The Offer it answers. */
  readonly offerId: string;
  /** The state it says (the activity's name). */
  readonly status: string;
  readonly note: string | null;
}

/** The step of the state machine a remote answer is (its motion is the remote body's own). */
function eventOf(status: CommunicationStatus, note: string | null): CommunicationEvent {
  if (status === 'acknowledged') return { type: 'acknowledge' };
  if (status === 'ruled-in' || status === 'ruled-out') {
    return { type: 'rule', inOrder: status === 'ruled-in', reason: note ?? undefined };
  }
  if (status === 'on-agenda') return { type: 'put-on-agenda', motionId: '' };
  if (status === 'composited') return { type: 'composite', motionId: '' };
  if (status === 'balloting') return { type: 'put-to-ballot', motionId: '' };
  if (isOutcome(status)) return { type: 'record-outcome', outcome: status };
  throw new DomainError('VALIDATION_FAILED', `No answer says "${status}".`);
}

/**
 * Records a remote body's answer on the communication that offered it our resolution: the same
 * state machine (an answer out of order is refused, ILLEGAL_TRANSITION), the same history line
 * the sender's resolution page shows, an audit event and mail to the sending secretaries. Only
 * the actor the Offer went to may answer it (FORBIDDEN); one already received changes nothing.
 */
export async function receiveAnswer(
  ctx: AppContext,
  answer: ReceivedAnswer,
): Promise<'recorded' | 'duplicate'> {
  const status = statusOfAnswer(answer.type, answer.status);
  if (!status) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `A ${answer.type} does not say "${answer.status.slice(0, 40)}".`,
    );
  }
  const note =
    typeof answer.note === 'string'
      ? [...answer.note]
          // Plain text: control characters other than line breaks are dropped.
          .filter((ch) => ch >= ' ' || ch === '\n')
          .join('')
          .trim()
          .slice(0, REMOTE_NOTE_MAX) || null
      : null;
  const outcome = await inTransaction(ctx, async (trx) => {
    const at = isoNow(ctx);
    const link = await findLinkOfOffer(trx, answer.offerId);
    if (link?.direction !== 'out') {
      throw new DomainError('NOT_FOUND', 'No resolution was offered by that activity.');
    }
    if (link.remote_actor !== answer.actorId) {
      throw new DomainError('FORBIDDEN', 'Only the body it was offered to may answer it.');
    }
    if (
      !(await recordReceived(trx, {
        activity_id: answer.activityId,
        actor_id: answer.actorId,
        received_at: at,
      }))
    ) {
      return 'duplicate' as const;
    }
    const row = (await lockCommunication(trx, link.communication_id))!;
    const resolution = (await findResolution(trx, row.resolution_id))!;
    const next = communicationTransition(communicationStateOf(row), eventOf(status, note));
    // The sender's copy never holds the receiver's motion: that lives on the other server.
    await recordCommunicationState(
      trx,
      row,
      { ...next, motionId: null },
      {
        at,
        actorPersonId: null,
        note,
      },
    );
    await appendAudit(trx, {
      organisationId: resolution.organisation_id,
      actorPersonId: null,
      action: `communication.${eventOf(status, note).type}`,
      subject: `communication:${row.id}`,
      data: {
        resolutionId: resolution.id,
        from: answer.actorId,
        status: next.status,
        reason: note,
      },
      at,
    });
    await tellSender(trx, ctx, resolution, row, next.status, note);
    return 'recorded' as const;
  });
  if (outcome === 'recorded') mailQueued(ctx);
  return outcome;
}
