import { t } from '../../messages/messages.ts';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import { transition } from '../../domain/meetings/motion.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import {
  findAgendaItemOfMotion,
  insertAgendaItem,
  listAgenda,
  lockMotion,
  updateMotion,
} from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { auditMeeting, motionStateOf, saveMotionState } from './meeting-support.ts';
import { changeAgenda } from './meeting-step.ts';
import { newId } from '../common/secrets.ts';

/**
 * Adds an item to the end of a meeting's agenda (secretary, chair, admin). With `motionId`, a
 * submitted motion of the same body is put on the agenda (motion.ts `place-on-agenda`).
 */
export function addAgendaItem(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    meetingId: string;
    title?: string | undefined;
    motionId?: string | undefined;
  },
) {
  return changeAgenda(ctx, props, async (trx, scope) => {
    let title = props.title?.trim() ?? '';
    let motionId: string | null = null;
    if (props.motionId) {
      const motion = await lockMotion(trx, props.motionId);
      if (!motion || motion.body_id !== scope.meeting.body_id) throw notFound('That motion');
      if (await findAgendaItemOfMotion(trx, motion.id)) {
        throw new DomainError('ALREADY_EXISTS', 'That motion is already on an agenda.');
      }
      if (motion.meeting_id && motion.meeting_id !== scope.meeting.id) {
        throw new DomainError('CONFLICT', 'That motion was submitted for another meeting.');
      }
      const state = transition(
        motionStateOf(motion),
        { type: 'place-on-agenda' },
        {
          rules: scope.rules,
        },
      );
      await saveMotionState(trx, motion.id, state, scope.at);
      await updateMotion(trx, motion.id, { meeting_id: scope.meeting.id });
      motionId = motion.id;
      title ||= t('agenda.motionItem', { title: motion.title });
    }
    if (!title || title.length > 300) {
      throw invalid('Give the agenda item a title (up to 300 characters).', [
        { path: 'title', message: 'Give the item a title.' },
      ]);
    }
    const agenda = await listAgenda(trx, scope.meeting.id);
    const id = newId();
    await insertAgendaItem(trx, {
      id,
      meeting_id: scope.meeting.id,
      position: (agenda[agenda.length - 1]?.position ?? 0) + 1,
      title,
      motion_id: motionId,
      created_at: scope.at,
    });
    await auditMeeting(trx, ctx, scope, props.actor, 'meeting.agendaItemAdded', {
      agendaItemId: id,
      title,
      motionId,
    });
    return { agendaItemId: id };
  });
}
