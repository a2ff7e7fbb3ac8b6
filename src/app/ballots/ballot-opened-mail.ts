import type { Db } from '../../db/database.ts';
import type { BallotRow } from '../../db/queries/ballots.ts';
import { findBody } from '../../db/queries/organisations.ts';
import type { BallotResult } from '../../domain/ballots/ballot.ts';
import type { MailText, MailTexts, ResultFigures } from '../../mail/texts.ts';
import { DEFAULT_TIME_ZONE } from '../meetings/schedule-meeting.ts';
import type { AppContext } from '../common/context.ts';
import { enqueueMailToMany } from '../common/enqueue-mail.ts';

/** Which email the electors of a ballot are sent. */
export type ElectorMail =
  | 'opened'
  | { readonly reminder: { readonly closesAt: string } }
  | { readonly result: BallotResult };

/**
 * Emails the electors of a ballot about it, in the caller's transaction, so the mail goes if and
 * only if the step that calls for it is taken: every elector when it opens, only those the roll
 * shows have not voted when it is about to close, and every elector its result once it is
 * counted. All of them are queued at once (enqueue-mail.ts `enqueueMailToMany`): the step's
 * transaction stays as short for 10,000 electors as for ten. Returns how many were emailed.
 */
export async function queueElectorMail(
  trx: Db,
  ctx: AppContext,
  ballot: BallotRow,
  mail: ElectorMail,
): Promise<number> {
  const body = await findBody(trx, ballot.body_id);
  const reminder = typeof mail === 'object' && 'reminder' in mail;
  const write = (texts: MailTexts, name: string): MailText => {
    const about = {
      name,
      bodyName: body?.name ?? '',
      question: ballot.question,
      timeZone: ballot.time_zone ?? DEFAULT_TIME_ZONE,
      link: `${ctx.baseUrl}/ballots/${ballot.id}`,
    };
    if (mail === 'opened') return texts.ballotOpened({ ...about, closesAt: ballot.closes_at });
    if ('reminder' in mail) return texts.ballotReminder({ ...about, ...mail.reminder });
    return texts.ballotResult({ ...about, result: resultFigures(mail.result) });
  };
  return enqueueMailToMany(trx, ctx, {
    to: { electorsOf: ballot.id, notVoted: reminder },
    kind: 'ballots',
    write,
  });
}

/** Emails every elector of a ballot that has just opened, with its link and closing time. */
export const queueBallotOpenedMail = (trx: Db, ctx: AppContext, ballot: BallotRow) =>
  queueElectorMail(trx, ctx, ballot, 'opened');

/** What a result email says of a count (texts.ts `ResultFigures`). */
export const resultFigures = (result: BallotResult): ResultFigures =>
  result.kind === 'yes-no'
    ? {
        kind: 'yes-no',
        outcome: result.outcome,
        for: result.for,
        against: result.against,
        abstain: result.abstain,
        threshold: result.threshold,
      }
    : { kind: 'other', votes: result.votes, electorate: result.electorate };
