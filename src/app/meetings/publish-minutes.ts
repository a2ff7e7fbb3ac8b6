import { uniqueSlug } from '../../domain/resolutions/slugs.ts';
import type { Db } from '../../db/database.ts';
import type { MeetingRow } from '../../db/queries/meetings.ts';
import { lockOrganisation } from '../../db/queries/organisations.ts';
import {
  findPublishedMinutes,
  insertPublishedMinutes,
  listPublishedMinutesSlugs,
} from '../../db/queries/resolutions.ts';
import { appendAudit } from '../common/audit-log.ts';
import type { AppContext } from '../common/context.ts';

/**
 * Approved minutes are published like resolutions, in the transaction that approves them: at
 * `/r/<organisation>/minutes/<slug>` (the slug from the meeting's title and day, unique within
 * the organisation) and in the feeds. The page reads the minutes themselves, locked once
 * approved, with any later corrections beneath.
 */
export async function publishMinutes(
  trx: Db,
  ctx: AppContext,
  props: { meeting: MeetingRow; bodyName: string; actorPersonId: string | null; at: string },
) {
  const { meeting } = props;
  if (await findPublishedMinutes(trx, meeting.id)) return;
  await lockOrganisation(trx, meeting.organisation_id);
  const title = `${props.bodyName}: minutes of the ${meeting.title}`;
  const slug = uniqueSlug(
    `${props.bodyName} ${meeting.title} ${meeting.starts_at.slice(0, 10)}`,
    new Set(await listPublishedMinutesSlugs(trx, meeting.organisation_id)),
  );
  await insertPublishedMinutes(trx, {
    meeting_id: meeting.id,
    organisation_id: meeting.organisation_id,
    body_id: meeting.body_id,
    slug,
    title,
    published_at: props.at,
  });
  await appendAudit(trx, {
    organisationId: meeting.organisation_id,
    actorPersonId: props.actorPersonId,
    action: 'minutes.published',
    subject: `meeting:${meeting.id}`,
    data: { slug, title },
    at: props.at,
  });
}
