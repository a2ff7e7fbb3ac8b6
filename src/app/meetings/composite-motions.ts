import { t } from '../../messages/messages.ts';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import { compositeText } from '../../domain/meetings/motion-text.ts';
import { compositeMotion, transition } from '../../domain/meetings/motion.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import {
  deleteAgendaItem,
  findAgendaItemOfMotion,
  insertAgendaItem,
  insertMotion,
  listAgenda,
  lockMotion,
  updateAgendaItem,
  updateMotion,
  type MotionRow,
} from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { newClauseId } from './draft-motion.ts';
import {
  auditMeeting,
  motionStateOf,
  motionTextOf,
  recordEvent,
  saveMotionState,
} from './meeting-support.ts';
import { changeAgenda } from './meeting-step.ts';
import { newId } from '../common/secrets.ts';

/** At most this many motions in one composite. */
export const MAX_COMPOSITED = 20;

/**
 * The chair or secretary composites two or more motions for a meeting into one new motion
 * (motion-text.ts `compositeText`): every clause of every source is kept, and the composite takes the
 * first source's place on the agenda, ready to be moved by the first source's proposer and
 * seconded by the next source's. Each source is marked composited into it (motion.ts
 * `composite`: legal while submitted or on the agenda, ILLEGAL_TRANSITION after) and stays
 * linked both ways; the sources' other agenda items go. All in one transaction.
 */
export async function compositeMotions(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    meetingId: string;
    motionIds: readonly string[];
    /** Defaults to "Composite: " and the sources' titles. */
    title?: string | undefined;
  },
) {
  const ids = [...new Set(props.motionIds)];
  if (ids.length < 2 || ids.length > MAX_COMPOSITED) {
    throw invalid(`Choose from 2 to ${MAX_COMPOSITED} different motions to composite.`, [
      { path: 'motionIds', message: 'Choose two or more motions.' },
    ]);
  }
  return changeAgenda(ctx, props, async (trx, scope) => {
    const sources: MotionRow[] = [];
    for (const id of ids) {
      const motion = await lockMotion(trx, id);
      if (!motion || motion.body_id !== scope.meeting.body_id) throw notFound('That motion');
      if (motion.meeting_id && motion.meeting_id !== scope.meeting.id) {
        throw new DomainError('CONFLICT', `“${motion.title}” was submitted for another meeting.`);
      }
      sources.push(motion);
    }
    const text = compositeText(sources.map(motionTextOf), props.title ?? '', newClauseId);
    const [first, ...rest] = sources as [MotionRow, ...MotionRow[]];
    const proposerId = first.proposer_person_id;
    const seconderId =
      rest.map((m) => m.proposer_person_id).find((p) => p !== proposerId) ??
      first.seconder_person_id;
    const id = newId();
    const state = compositeMotion({ proposerId, seconderId, at: scope.at });
    await insertMotion(trx, {
      id,
      organisation_id: scope.meeting.organisation_id,
      body_id: scope.meeting.body_id,
      meeting_id: scope.meeting.id,
      title: text.title,
      text: JSON.stringify(text),
      substantive: null,
      status: state.status,
      state: JSON.stringify(state),
      proposer_person_id: proposerId,
      seconder_person_id: seconderId,
      created_at: scope.at,
      updated_at: scope.at,
      // A composite of questions the standing orders make secret is such a question too.
      secret_kind: sources.find((m) => m.secret_kind)?.secret_kind ?? null,
    });
    // Each source: composited into the new motion, its agenda item given to the composite (the
    // first one found) or taken off.
    let item: string | null = null;
    for (const source of sources) {
      const next = transition(
        motionStateOf(source),
        { type: 'composite', into: id },
        { rules: scope.rules },
      );
      await saveMotionState(trx, source.id, next, scope.at);
      await updateMotion(trx, source.id, { composited_into: id });
      const onAgenda = await findAgendaItemOfMotion(trx, source.id);
      if (onAgenda && !item) {
        item = onAgenda.id;
        await updateAgendaItem(trx, onAgenda.id, {
          title: t('agenda.motionItem', { title: text.title }),
          motion_id: id,
        });
      } else if (onAgenda) {
        await deleteAgendaItem(trx, onAgenda.id);
      }
      await auditMeeting(
        trx,
        ctx,
        scope,
        props.actor,
        'motion.composite',
        { motionId: source.id, from: source.status, to: next.status, into: id },
        `motion:${source.id}`,
      );
    }
    if (!item) {
      const agenda = await listAgenda(trx, scope.meeting.id);
      await insertAgendaItem(trx, {
        id: newId(),
        meeting_id: scope.meeting.id,
        position: (agenda[agenda.length - 1]?.position ?? 0) + 1,
        title: t('agenda.motionItem', { title: text.title }),
        motion_id: id,
        created_at: scope.at,
      });
    }
    if (scope.state.status === 'open') {
      await recordEvent(trx, scope, {
        type: 'note',
        text: `The motions ${sources.map((m) => `“${m.title}”`).join(', ')} were composited into “${text.title}”.`,
      });
    }
    await auditMeeting(
      trx,
      ctx,
      scope,
      props.actor,
      'motion.composited',
      { motionId: id, title: text.title, sources: sources.map((m) => m.id) },
      `motion:${id}`,
    );
    return { motionId: id, title: text.title };
  });
}
