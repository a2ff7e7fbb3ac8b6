import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { checkBallotOptions } from '../../domain/ballots/ballot.ts';
import {
  freezeElectorate,
  listNominations,
  lockBallot,
  updateBallot,
  updateBallotOptions,
} from '../../db/queries/ballots.ts';
import type { Db } from '../../db/database.ts';
import { authorise } from '../common/actor.ts';
import { endToEndOnly } from './board.ts';
import { queueBallotOpenedMail } from './ballot-opened-mail.ts';
import { mailQueued } from '../common/enqueue-mail.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';

/**
 * Opens a ballot: the electorate is frozen now (the body's current members with their
 * weights), so later joiners or leavers do not change who may vote, and each elector is emailed
 * the link. `byTimetable`: opened by the ballot's own timetable (ballot-timetable.ts), which its
 * officers set when drafting it, so nobody's authority is checked now.
 */
export async function openBallot(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string; byTimetable?: boolean },
) {
  const opened = await inTransaction(ctx, (trx) => openBallotIn(trx, ctx, props));
  mailQueued(ctx);
  publishOpened(ctx, props.ballotId, opened.electorate);
  return opened;
}

/** Tells those following a ballot that it opened; call it after the commit. */
export const publishOpened = (ctx: AppContext, ballotId: string, electorate: number) =>
  ctx.events.publish(`ballot:${ballotId}`, { type: 'opened', data: { electorate } });

/**
 * Opens a ballot in the caller's transaction (openBallot, or a ballot drafted and opened at once,
 * put-communication-to-ballot.ts); the caller tells the outbox and the ballot's followers after
 * the commit (`mailQueued`, `publishOpened`).
 */
export async function openBallotIn(
  trx: Db,
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string; byTimetable?: boolean | undefined },
) {
  const ballot = await lockBallot(trx, props.ballotId);
  if (!ballot) throw notFound('That ballot');
  if (!props.byTimetable)
    await authorise(trx, props.actor, 'body.runBallots', ballot.body_id, 'That ballot');
  if (ballot.end_to_end === 1) throw endToEndOnly();
  if (ballot.state !== 'draft')
    throw new DomainError('CONFLICT', 'This ballot has already been opened.');
  const { options } = ballot;
  if (options.kind === 'ranked') {
    // The paper lists the candidates given when drafting, then every seconded nomination.
    const seconded = (await listNominations(trx, ballot.id)).filter((n) => n.seconder_person_id);
    const paper = checkBallotOptions(
      {
        ...options,
        candidates: [...options.candidates, ...seconded.map((n) => n.candidate_name)],
      },
      'open',
    );
    await updateBallotOptions(trx, ballot.id, paper);
  }
  const electorate = await freezeElectorate(trx, ballot.id, ballot.body_id, today(ctx));
  if (electorate === 0)
    throw new DomainError('CONFLICT', 'Nobody could vote: the body has no members.');
  const at = isoNow(ctx);
  await updateBallot(trx, ballot.id, { state: 'open', opened_at: at, electorate });
  await appendAudit(trx, {
    organisationId: ballot.organisation_id,
    actorPersonId: props.actor?.personId ?? null,
    action: 'ballot.opened',
    subject: `ballot:${ballot.id}`,
    data: { electorate, ...(props.byTimetable ? { byTimetable: true } : {}) },
    at,
  });
  await queueBallotOpenedMail(trx, ctx, { ...ballot, state: 'open', opened_at: at });
  return { electorate };
}
