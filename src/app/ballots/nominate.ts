import { checkNomination } from '../../domain/ballots/ballot.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { isUniqueViolation } from '../../db/database.ts';
import {
  findBallot,
  findNomination,
  insertNomination,
  setSeconder,
} from '../../db/queries/ballots.ts';
import { findMemberOfBody, isCurrentMember } from '../../db/queries/memberships.ts';
import { authorise } from '../common/actor.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { newId } from '../common/secrets.ts';

/** Proposes a member of the body as a candidate; the actor is the proposer. */
export async function nominate(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string; candidate: string },
) {
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in to nominate.');
  const proposer = props.actor.personId;
  try {
    return await inTransaction(ctx, async (trx) => {
      const ballot = await findBallot(trx, props.ballotId);
      if (!ballot) throw notFound('That ballot');
      await authorise(trx, props.actor, 'body.participate', ballot.body_id, 'That ballot');
      // An end-to-end election names its candidates on its board's setup, at its creation.
      if (ballot.end_to_end === 1)
        throw new DomainError(
          'NOMINATION_INVALID',
          'This end-to-end election named its candidates when it was drafted.',
        );
      const day = today(ctx);
      const candidate = await findMemberOfBody(trx, ballot.body_id, props.candidate.trim(), day);
      checkNomination({
        ballotKind: ballot.kind,
        ballotState: ballot.state,
        candidateIsMember: !!candidate,
        candidate: candidate?.person_id ?? '',
        proposer,
        proposerIsMember: await isCurrentMember(trx, ballot.body_id, proposer, day),
      });
      const id = newId();
      const at = isoNow(ctx);
      await insertNomination(trx, {
        id,
        ballot_id: ballot.id,
        candidate_person_id: candidate!.person_id,
        candidate_name: candidate!.name,
        proposer_person_id: proposer,
        seconder_person_id: null,
        created_at: at,
      });
      await appendAudit(trx, {
        organisationId: ballot.organisation_id,
        actorPersonId: proposer,
        action: 'nomination.proposed',
        subject: `ballot:${ballot.id}`,
        data: { nominationId: id, candidate: candidate!.name },
        at,
      });
      return { nominationId: id };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DomainError('NOMINATION_INVALID', 'That member has already been nominated.');
    throw error;
  }
}

/** Seconds a nomination; the actor is the seconder. */
export async function secondNomination(
  ctx: AppContext,
  props: { actor: Actor | null; nominationId: string },
) {
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in to second a nomination.');
  const seconder = props.actor.personId;
  await inTransaction(ctx, async (trx) => {
    const nomination = await findNomination(trx, props.nominationId);
    const ballot = nomination ? await findBallot(trx, nomination.ballot_id) : undefined;
    if (!nomination || !ballot) throw notFound('That nomination');
    await authorise(trx, props.actor, 'body.participate', ballot.body_id, 'That ballot');
    if (nomination.seconder_person_id)
      throw new DomainError('NOMINATION_INVALID', 'This nomination has already been seconded.');
    const day = today(ctx);
    checkNomination({
      ballotKind: ballot.kind,
      ballotState: ballot.state,
      candidateIsMember: true,
      candidate: nomination.candidate_person_id,
      proposer: nomination.proposer_person_id,
      proposerIsMember: true,
      seconder,
      seconderIsMember: await isCurrentMember(trx, ballot.body_id, seconder, day),
    });
    const updated = await setSeconder(trx, nomination.id, seconder);
    if (Number(updated.numUpdatedRows) !== 1)
      throw new DomainError(
        'NOMINATION_INVALID',
        'This nomination has just been seconded by someone else.',
      );
    await appendAudit(trx, {
      organisationId: ballot.organisation_id,
      actorPersonId: seconder,
      action: 'nomination.seconded',
      subject: `ballot:${ballot.id}`,
      data: { nominationId: nomination.id, candidate: nomination.candidate_name },
      at: isoNow(ctx),
    });
  });
}
