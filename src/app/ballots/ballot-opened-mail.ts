import type { Db } from '../../db/database.ts';
import { listElectorAddresses } from '../../db/queries/ballot-timetable.ts';
import type { BallotRow } from '../../db/queries/ballots.ts';
import { findBody } from '../../db/queries/organisations.ts';
import { mailTextsFor } from '../../mail/texts.ts';
import { DEFAULT_TIME_ZONE } from '../meetings/schedule-meeting.ts';
import type { AppContext } from '../common/context.ts';
import { enqueueMail } from '../common/enqueue-mail.ts';

/**
 * Emails every elector of a ballot that has just opened, with its link and closing time, in the
 * caller's transaction (the opening's): the mail goes if and only if the ballot opens.
 */
export async function queueBallotOpenedMail(
  trx: Db,
  ctx: AppContext,
  ballot: BallotRow,
): Promise<number> {
  const [body, electors] = await Promise.all([
    findBody(trx, ballot.body_id),
    listElectorAddresses(trx, ballot.id, { notVoted: false }),
  ]);
  for (const e of electors) {
    const mail = mailTextsFor(e.locale).ballotOpened({
      name: e.name,
      bodyName: body?.name ?? '',
      question: ballot.question,
      closesAt: ballot.closes_at,
      timeZone: ballot.time_zone ?? DEFAULT_TIME_ZONE,
      link: `${ctx.baseUrl}/ballots/${ballot.id}`,
    });
    await enqueueMail(trx, { to: e.email, ...mail }, ctx.now());
  }
  return electors.length;
}
