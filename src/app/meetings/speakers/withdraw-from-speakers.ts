import { withdrawRequest } from '../../../domain/meetings/speakers.ts';
import { can, type Actor } from '../../../domain/organisations/policy.ts';
import { updateSpeaker } from '../../../db/queries/speakers.ts';
import type { AppContext } from '../../common/context.ts';
import { changeSpeakersList } from './speakers-support.ts';

/** A member takes their name off the speakers list; the chair can take anyone's off. */
export async function withdrawFromSpeakers(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; requestId: string },
) {
  await changeSpeakersList(
    ctx,
    { ...props, may: 'body.participate' },
    async (trx, scope, list, actor) => {
      const withdrawn = withdrawRequest(list.requests, {
        id: props.requestId,
        personId: actor.personId,
        isChair: can(actor, 'body.runMeetings', scope.loaded.inTree),
        at: scope.at,
      });
      await updateSpeaker(trx, withdrawn.id, { withdrawn_at: withdrawn.withdrawnAt });
    },
  );
}
