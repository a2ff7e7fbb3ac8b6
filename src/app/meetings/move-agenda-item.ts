import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { listAgenda, setAgendaItemPosition } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { auditMeeting } from './meeting-support.ts';
import { changeAgenda } from './meeting-step.ts';

/**
 * Moves an agenda item one place up or down (secretary, chair, admin), while the meeting has not
 * closed. Moving the first item up, or the last down, leaves the agenda as it is.
 */
export async function moveAgendaItem(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    meetingId: string;
    agendaItemId: string;
    direction: 'up' | 'down';
  },
) {
  await changeAgenda(ctx, props, async (trx, scope) => {
    const agenda = await listAgenda(trx, scope.meeting.id);
    const index = agenda.findIndex((a) => a.id === props.agendaItemId);
    const item = agenda[index];
    if (!item) throw notFound('That agenda item');
    const other = agenda[props.direction === 'up' ? index - 1 : index + 1];
    if (!other) return;
    if (other.position === item.position) {
      throw new DomainError('CONFLICT', 'Two agenda items share a place; try again.');
    }
    await setAgendaItemPosition(trx, item.id, other.position);
    await setAgendaItemPosition(trx, other.id, item.position);
    await auditMeeting(trx, ctx, scope, props.actor, 'meeting.agendaItemMoved', {
      agendaItemId: item.id,
      direction: props.direction,
      position: agenda.indexOf(other) + 1,
    });
  });
}
