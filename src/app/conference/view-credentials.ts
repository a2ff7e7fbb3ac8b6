import type { Actor } from '../../domain/organisations/policy.ts';
import { countCheckedIn, findCredential, listDelegations } from '../../db/queries/conference.ts';
import { namesOf } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { runConference } from './conference-support.ts';

/**
 * The organisers' door list: every delegate named, by delegation, with their credential's state
 * (null before one is issued) and the delegates checked in now. The codes are not shown: each
 * delegate shows their own on their phone.
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
  const delegates = [];
  for (const d of delegations)
    for (const personId of d.makeUp.delegates)
      delegates.push({
        personId,
        name: names.get(personId) ?? '',
        delegation: d.bodyName,
        leader: d.makeUp.leader === personId,
        state: (await findCredential(db, meeting.id, personId))?.state ?? null,
      });
  return { meetingId: meeting.id, present: await countCheckedIn(db, meeting.id), delegates };
}
export type CredentialsView = Awaited<ReturnType<typeof viewCredentials>>;
