import type { Db } from '../../db/database.ts';
import { listElectorAddresses } from '../../db/queries/ballot-timetable.ts';
import type { BallotRow } from '../../db/queries/ballots.ts';
import { findBody } from '../../db/queries/organisations.ts';
import { mailTextsFor } from '../../mail/texts.ts';
import { DEFAULT_TIME_ZONE } from '../meetings/schedule-meeting.ts';
import type { AppContext } from '../common/context.ts';
import { enqueueMemberMail } from '../common/enqueue-mail.ts';

/**
 * Emails the electors of a ballot about it, in the caller's transaction, so the mail goes if and
 * only if the step that calls for it is taken: every elector when it opens, and only those the
 * roll shows have not voted when it is about to close. Returns how many were emailed.
 */
export async function queueElectorMail(
  trx: Db,
  ctx: AppContext,
  ballot: BallotRow,
  mail: 'opened' | { reminder: { closesAt: string } },
): Promise<number> {
  const reminder = mail !== 'opened';
  const [body, electors] = await Promise.all([
    findBody(trx, ballot.body_id),
    listElectorAddresses(trx, ballot.id, { notVoted: reminder }),
  ]);
  let queued = 0;
  for (const e of electors) {
    const about = {
      name: e.name,
      bodyName: body?.name ?? '',
      question: ballot.question,
      timeZone: ballot.time_zone ?? DEFAULT_TIME_ZONE,
      link: `${ctx.baseUrl}/ballots/${ballot.id}`,
    };
    const texts = mailTextsFor(e.locale);
    const text = reminder
      ? texts.ballotReminder({ ...about, closesAt: mail.reminder.closesAt })
      : texts.ballotOpened({ ...about, closesAt: ballot.closes_at });
    const to = { personId: e.person_id, kind: 'ballots' } as const;
    if (await enqueueMemberMail(trx, ctx, to, { to: e.email, ...text })) queued++;
  }
  return queued;
}

/** Emails every elector of a ballot that has just opened, with its link and closing time. */
export const queueBallotOpenedMail = (trx: Db, ctx: AppContext, ballot: BallotRow) =>
  queueElectorMail(trx, ctx, ballot, 'opened');
