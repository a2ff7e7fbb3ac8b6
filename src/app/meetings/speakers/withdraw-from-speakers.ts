import { DomainError } from '../../../domain/errors.ts';
import { withdrawRequest } from '../../../domain/meetings/speakers.ts';
import { can, type Actor } from '../../../domain/organisations/policy.ts';
import { updateSpeaker } from '../../../db/queries/speakers.ts';
import { type AppContext, inTransaction } from '../../shared/context.ts';
import { loadMeeting, publishMeeting } from '../meeting-support.ts';
import { loadSpeakersList } from './speakers-support.ts';

/** A member takes their name off the speakers list; the chair can take anyone's off. */
export async function withdrawFromSpeakers(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; requestId: string },
) {
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in first.');
  const actor = props.actor;
  await inTransaction(ctx, async (trx) => {
    const scope = await loadMeeting(trx, ctx, actor, props.meetingId, 'body.participate');
    const list = await loadSpeakersList(trx, scope.meeting.id);
    const withdrawn = withdrawRequest(list.requests, {
      id: props.requestId,
      personId: actor.personId,
      isChair: can(actor, 'body.runMeetings', scope.loaded.inTree),
      at: scope.at,
    });
    await updateSpeaker(trx, withdrawn.id, { withdrawn_at: withdrawn.withdrawnAt });
  });
  publishMeeting(ctx, props.meetingId, 'speakers');
}
