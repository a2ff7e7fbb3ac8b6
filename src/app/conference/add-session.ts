import { assertSession, type SessionDraft } from '../../domain/conference/credentials.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { insertSession } from '../../db/queries/conference.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { newId } from '../common/secrets.ts';
import { auditConference, runConference } from './conference-support.ts';

/**
 * The organisers add a session to the conference's timetable (Labour Party Rule Book, Chapter 3,
 * Clause III: the Conference Arrangements Committee sets the timetable), with the delegates who
 * must be in for it to do business. The door checks delegates in to each session. Audited.
 */
export async function addConferenceSession(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string } & SessionDraft,
) {
  const draft = { title: props.title.trim(), startsAt: props.startsAt, quorum: props.quorum };
  assertSession(draft);
  return inTransaction(ctx, async (trx) => {
    const { meeting } = await runConference(trx, props.actor, props.meetingId);
    const at = isoNow(ctx);
    const id = newId();
    const startsAt = new Date(draft.startsAt).toISOString();
    await insertSession(trx, {
      id,
      meeting_id: meeting.id,
      title: draft.title,
      starts_at: startsAt,
      quorum: draft.quorum,
      created_at: at,
      updated_at: at,
    });
    await auditConference(trx, props.actor, meeting, 'conference.sessionAdded', at, {
      sessionId: id,
      title: draft.title,
      startsAt,
      quorum: draft.quorum,
    });
    return { sessionId: id };
  });
}
