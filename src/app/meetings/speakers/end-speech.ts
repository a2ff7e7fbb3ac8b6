import { DomainError } from '../../../domain/errors.ts';
import { endSpeech as end } from '../../../domain/meetings/speakers.ts';
import type { Actor } from '../../../domain/organisations/policy.ts';
import { updateSpeaker } from '../../../db/queries/speakers.ts';
import { type AppContext, inTransaction } from '../../shared/context.ts';
import { loadMeeting, publishMeeting } from '../meeting-support.ts';
import { loadSpeakersList } from './speakers-support.ts';

/** The chair ends the speech in progress (the speaker sat down, or their time is up). */
export async function endSpeech(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string },
) {
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in first.');
  const actor = props.actor;
  await inTransaction(ctx, async (trx) => {
    const scope = await loadMeeting(trx, ctx, actor, props.meetingId, 'body.runMeetings');
    const list = await loadSpeakersList(trx, scope.meeting.id);
    const ended = end(list.requests, scope.at);
    await updateSpeaker(trx, ended.id, { finished_at: ended.finishedAt });
  });
  publishMeeting(ctx, props.meetingId, 'speakers');
}
