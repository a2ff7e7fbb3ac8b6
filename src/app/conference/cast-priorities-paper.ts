import { groupBySubject } from '../../domain/conference/arrangements.ts';
import { assertPaper } from '../../domain/conference/priorities.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import {
  findPrioritiesPaper,
  insertPrioritiesPaper,
  listSubmissions,
} from '../../db/queries/conference.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { actForDelegation } from './conference-support.ts';

/** The subjects on the priorities ballot: those of the motions in order, in listing order. */
export async function subjectsOnBallot(
  trx: Parameters<typeof listSubmissions>[0],
  meetingId: string,
) {
  const submissions = await listSubmissions(trx, meetingId);
  return [...groupBySubject(submissions.filter((s) => s.kind !== 'rule-change')).keys()];
}

/**
 * A delegation's priorities ballot paper, cast by its leader (or entered by the organisers):
 * one paper per delegation (src/domain/conference/priorities.ts).
 */
export async function castPrioritiesPaper(
  ctx: AppContext,
  props: { actor: Actor | null; delegationId: string; subjects: readonly string[] },
) {
  return inTransaction(ctx, async (trx) => {
    const { meeting, conference, delegation } = await actForDelegation(
      trx,
      props.actor,
      props.delegationId,
      { leader: true },
    );
    if (conference.priorities)
      throw new DomainError('BALLOT_CLOSED', 'The priorities ballot has been counted.');
    if (await findPrioritiesPaper(trx, meeting.id, delegation.id))
      throw new DomainError('ALREADY_VOTED', 'This delegation has cast its priorities paper.');
    const subjects = await subjectsOnBallot(trx, meeting.id);
    assertPaper(
      { delegationId: delegation.id, section: delegation.section, subjects: props.subjects },
      subjects,
      conference.rules.priorities.choicesPerPaper,
    );
    await insertPrioritiesPaper(trx, {
      meeting_id: meeting.id,
      delegation_id: delegation.id,
      subjects: JSON.stringify(props.subjects),
      cast_at: isoNow(ctx),
    });
    return { delegationId: delegation.id };
  });
}
