import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { deleteAgendaItem, listAgenda, lockMotion } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { auditMeeting, motionStateOf, saveMotionState } from './meeting-support.ts';
import { changeAgenda } from './meeting-step.ts';

/**
 * Takes an item off a meeting's agenda (secretary, chair, admin), while the meeting has not
 * closed. A motion on it goes back to being submitted, for this or a later agenda; a motion the
 * meeting has taken up (moved, debated, decided) keeps its item: that is the record
 * (AGENDA_ITEM_TAKEN_UP).
 */
export async function removeAgendaItem(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; agendaItemId: string },
) {
  await changeAgenda(ctx, props, async (trx, scope) => {
    const agenda = await listAgenda(trx, scope.meeting.id);
    const item = agenda.find((a) => a.id === props.agendaItemId);
    if (!item) throw notFound('That agenda item');
    if (item.motion_id) {
      const motion = await lockMotion(trx, item.motion_id);
      if (motion && motion.status !== 'on-agenda') {
        throw new DomainError(
          'AGENDA_ITEM_TAKEN_UP',
          `The meeting has taken up that motion (state ${motion.status}); its item stays on the agenda.`,
        );
      }
      if (motion) {
        await saveMotionState(
          trx,
          motion.id,
          { ...motionStateOf(motion), status: 'submitted' },
          scope.at,
        );
      }
    }
    await deleteAgendaItem(trx, item.id);
    await auditMeeting(trx, ctx, scope, props.actor, 'meeting.agendaItemRemoved', {
      agendaItemId: item.id,
      title: item.title,
      motionId: item.motion_id,
    });
  });
}
