import { assertStep } from '../../domain/conference/outcomes.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import { findSubmission, updateSubmission } from '../../db/queries/conference.ts';
import {
  decideReferenceBackRow,
  type ReferenceBackRecord,
} from '../../db/queries/conference-references.ts';
import type { MeetingTable } from '../../db/schema.ts';
import { auditConference } from './conference-support.ts';

/**
 * Decides a reference back, in the caller's transaction (by a show of hands, or as its card vote
 * closes): carried, each named ruling goes back to the committee (the submission is submitted
 * again, its ruling cleared, to be ruled and reported again; the old ruling stays in the audit
 * chain); lost, the report stands. src/domain/conference/reference-back.ts.
 */
export async function settleReferenceBack(
  trx: Db,
  props: {
    actor: Actor | null;
    meeting: MeetingTable;
    referenceBack: ReferenceBackRecord;
    outcome: 'carried' | 'lost';
    by: 'show-of-hands' | 'card-vote';
    at: string;
  },
) {
  const { referenceBack: ref, at } = props;
  const decided = await decideReferenceBackRow(trx, ref.id, {
    status: props.outcome,
    decided_by: props.by,
    updated_at: at,
  });
  if (!decided)
    throw new DomainError('ILLEGAL_TRANSITION', 'The reference back has been decided already.');
  if (props.outcome === 'carried')
    for (const id of ref.submissions) {
      const s = (await findSubmission(trx, id))!;
      assertStep(s.status, 'submitted');
      await updateSubmission(trx, id, { status: 'submitted', ruling: null, updated_at: at });
    }
  await auditConference(trx, props.actor, props.meeting, 'conference.referenceBackDecided', at, {
    referenceBackId: ref.id,
    submissionIds: ref.submissions,
    outcome: props.outcome,
    by: props.by,
  });
}
