import { countPriorities } from '../../domain/conference/priorities.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import {
  listDelegations,
  listPrioritiesPapers,
  savePriorities,
} from '../../db/queries/conference.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { subjectsOnBallot } from './cast-priorities-paper.ts';
import { auditConference, runConference } from './conference-support.ts';

/**
 * The organisers count the priorities ballot: per section, the top N subjects go to debate; the
 * totals are kept and published, and sealed in the audit chain.
 */
export async function countConferencePriorities(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string },
) {
  return inTransaction(ctx, async (trx) => {
    const { meeting, conference } = await runConference(trx, props.actor, props.meetingId);
    if (conference.priorities)
      throw new DomainError('BALLOT_CLOSED', 'The priorities ballot has been counted.');
    const sectionOf = new Map(
      (await listDelegations(trx, meeting.id)).map((d) => [d.id, d.section]),
    );
    const papers = (await listPrioritiesPapers(trx, meeting.id)).map((p) => ({
      ...p,
      section: sectionOf.get(p.delegationId)!,
    }));
    const result = countPriorities({
      sections: conference.sections.map((s) => s.key),
      subjects: await subjectsOnBallot(trx, meeting.id),
      papers,
      ...conference.rules.priorities,
    });
    const at = isoNow(ctx);
    await savePriorities(trx, meeting.id, result, at);
    await auditConference(trx, props.actor, meeting, 'conference.prioritiesCounted', at, {
      result,
    });
    return result;
  });
}
