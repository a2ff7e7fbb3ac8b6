import type { Actor } from '../../domain/organisations/policy.ts';
import { currentSession, quorate } from '../../domain/conference/credentials.ts';
import {
  checkedInBySession,
  listCredentials,
  listDelegations,
  listSessions,
} from '../../db/queries/conference.ts';
import { namesOf } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { runConference } from './conference-support.ts';

/**
 * The organisers' door list: every delegate named, by delegation, with their credential's state
 * (null before one is issued) and the sessions they are checked in to; and each session with
 * its attendance and whether it is quorate, and the one sitting now (the door's default). The codes are not shown: only their hashes are kept.
 */
export async function viewCredentials(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string },
) {
  const db = ctx.db;
  const { meeting } = await runConference(db, props.actor, props.meetingId);
  const delegations = await listDelegations(db, meeting.id);
  const names = await namesOf(
    db,
    delegations.flatMap((d) => d.makeUp.delegates),
  );
  const credentials = new Map((await listCredentials(db, meeting.id)).map((c) => [c.person_id, c]));
  const inside = await checkedInBySession(db, meeting.id);
  const sessions = (await listSessions(db, meeting.id)).map((s) => {
    const present = inside.get(s.id)?.size ?? 0;
    return {
      id: s.id,
      title: s.title,
      startsAt: s.starts_at,
      quorum: s.quorum,
      present,
      quorate: quorate(present, s.quorum),
    };
  });
  const delegates = [];
  for (const d of delegations)
    for (const personId of d.makeUp.delegates)
      delegates.push({
        personId,
        name: names.get(personId) ?? '',
        delegation: d.bodyName,
        leader: d.makeUp.leader === personId,
        state: credentials.get(personId)?.state ?? null,
        inSessions: sessions.filter((s) => inside.get(s.id)?.has(personId)).map((s) => s.id),
      });
  const current = currentSession(sessions, ctx.now().toISOString());
  return { meetingId: meeting.id, currentSessionId: current?.id ?? null, sessions, delegates };
}
export type CredentialsView = Awaited<ReturnType<typeof viewCredentials>>;
