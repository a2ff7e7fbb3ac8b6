import { electionKey, newPseudonym } from '../../domain/e2e/index.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import {
  freezeElectorate,
  freezeElectorateOfMeeting,
  updateBallot,
  type BallotRow,
} from '../../db/queries/ballots.ts';
import { insertPseudonyms, listElectors } from '../../db/queries/ballot-board.ts';
import { findQuestionOfBallot, updateQuestion } from '../../db/queries/meetings.ts';
import { addProxyGiversAsElectors } from '../../db/queries/proxies.ts';
import type { MeetingScope } from '../meetings/meeting-support.ts';
import { proxyGiversOf } from '../meetings/put-to-secret-ballot.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { appendToBoard, lockForOfficers } from './board.ts';
import { queueBallotOpenedMail } from './ballot-opened-mail.ts';
import { mailQueued } from '../common/enqueue-mail.ts';

/**
 * Opens an end-to-end ballot (protocol section 5, event 5), once every trustee has checked their
 * shares: the election key is the sum of the trustees' first commitments, and the electorate is
 * frozen now, as for a plain ballot (the body's current members; for a ballot of those present
 * at a meeting, the members signed in, as put-to-secret-ballot.ts does), each given a fresh
 * pseudonym published with their weight. Only the server knows whose each pseudonym is.
 */
export async function openE2eBallot(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string; byTimetable?: boolean },
) {
  const linked = await findQuestionOfBallot(ctx.db, props.ballotId);
  const opened = await inTransaction(ctx, async (trx) => {
    const { scope, ballot, state } = await lockForOfficers(
      trx,
      ctx,
      props.actor,
      props.ballotId,
      linked?.meeting_id ?? null,
      props.byTimetable,
    );
    if (ballot.state !== 'draft')
      throw new DomainError('CONFLICT', 'This ballot has already been opened.');
    const n = state.setup.payload.trustees.length;
    if (state.verifications.length < n)
      throw new DomainError(
        'CONFLICT',
        `The ballot opens once every trustee has checked their key shares: ${state.verifications.length} of ${n} so far.`,
      );
    const key = electionKey(state.polynomials);
    const electors = await freezeFor(trx, ballot, scope, linked?.id ?? null, today(ctx));
    if (electors === 0)
      throw new DomainError('CONFLICT', 'Nobody could vote: the ballot has no electors.');
    const rows = (await listElectors(trx, ballot.id)).map((e) => ({
      ballot_id: ballot.id,
      person_id: e.person_id,
      pseudonym: newPseudonym(),
      weight: ballot.weighted ? e.weight : 1,
    }));
    await insertPseudonyms(trx, rows);
    const at = isoNow(ctx);
    // In pseudonym order: the list says nothing of the register's order.
    const electorate = rows
      .map((r) => ({ pseudonym: r.pseudonym, weight: r.weight }))
      .sort((a, b) => (a.pseudonym < b.pseudonym ? -1 : 1));
    const event = await appendToBoard(trx, ballot.id, 'open', { electionKey: key, electorate, at });
    await updateBallot(trx, ballot.id, { state: 'open', opened_at: at, electorate: electors });
    await appendAudit(trx, {
      organisationId: ballot.organisation_id,
      actorPersonId: props.actor?.personId ?? null,
      action: 'ballot.opened',
      subject: `ballot:${ballot.id}`,
      data: {
        electorate: electors,
        endToEnd: true,
        board: event.hash,
        ...(props.byTimetable ? { byTimetable: true } : {}),
      },
      at,
    });
    // A meeting's ballot is announced in the room, not by email.
    if (!scope) await queueBallotOpenedMail(trx, ctx, ballot);
    return { electorate: electors, openHash: event.hash, electionKey: key };
  });
  mailQueued(ctx);
  ctx.events.publish(`ballot:${props.ballotId}`, {
    type: 'opened',
    data: { electorate: opened.electorate },
  });
  return opened;
}

/**
 * Freezes the electorate: the body's members, or those present at the meeting it belongs to and
 * the members away whose proxy a member present holds (as put-to-secret-ballot.ts does).
 */
async function freezeFor(
  trx: Db,
  ballot: BallotRow,
  scope: MeetingScope | null,
  questionId: string | null,
  day: string,
): Promise<number> {
  if (!scope || !questionId) return freezeElectorate(trx, ballot.id, ballot.body_id, day);
  const frozen = await freezeElectorateOfMeeting(
    trx,
    ballot.id,
    ballot.body_id,
    scope.meeting.id,
    scope.today,
  );
  const givers = proxyGiversOf(scope);
  await addProxyGiversAsElectors(trx, ballot.id, givers);
  frozen.electors += givers.length;
  frozen.weight += givers.reduce((n, g) => n + g.weight, 0);
  // P and M as the thresholds read them: heads, or card weights for a card vote.
  const weighted = ballot.weighted === 1;
  const members = weighted
    ? scope.members.reduce((n, m) => n + (m.vote_weight ?? 1), 0)
    : scope.members.length;
  await updateQuestion(trx, questionId, {
    present: weighted ? frozen.weight : frozen.electors,
    members,
  });
  return frozen.electors;
}
