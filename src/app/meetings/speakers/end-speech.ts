import { endSpeech as end } from '../../../domain/meetings/speakers.ts';
import { updateSpeaker } from '../../../db/queries/speakers.ts';
import type { ActorAtMeeting } from '../meeting-step.ts';
import type { AppContext } from '../../common/context.ts';
import { changeSpeakersList } from './speakers-support.ts';

/** The chair ends the speech in progress (the speaker sat down, or their time is up). */
export async function endSpeech(ctx: AppContext, props: ActorAtMeeting) {
  await changeSpeakersList(ctx, { ...props, may: 'body.runMeetings' }, async (trx, scope, list) => {
    const ended = end(list.requests, scope.at);
    await updateSpeaker(trx, ended.id, { finished_at: ended.finishedAt });
  });
}
