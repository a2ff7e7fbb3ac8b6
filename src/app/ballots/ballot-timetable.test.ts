import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { flushOutbox, movableContext } from '../../../test/factories.ts';
import { mailBody, mailerThrough, mailHeader, smtpServerPerTest } from '../../../test/smtp.ts';
import { camdenWithMembers } from '../../../test/story.ts';
import { findBallot } from '../../db/queries/ballots.ts';
import type { OpenDatabase } from '../../db/database.ts';
import { runBallotTimetable } from './ballot-timetable.ts';
import { castBallot } from './cast-ballot.ts';
import { createBallot } from './create-ballot.ts';
import { viewBallot } from './view-ballot.ts';

const DAY = 86_400_000;
const timetable = { reminderBeforeMs: DAY };

describeEachDatabase('a ballot with a timetable', (database) => {
  const startSmtp = smtpServerPerTest();

  /**
   * A server process: its own context (clock, mailer, events) over the shared database, as a
   * restart or a second process behind the same load balancer would have.
   */
  const processAt = (db: OpenDatabase, port: number, at: string) =>
    movableContext(db, { mailer: mailerThrough(port) }, at);

  it('opens on time, emails every elector, reminds those who have not voted once, and closes and counts on time across restarts and two processes', async () => {
    const smtp = await startSmtp();
    const first = processAt(database(), smtp.port, '2026-07-01T09:00:00Z');
    const { admin, members, ballotId } = await camdenWithMembers(first).then(async (camden) => ({
      ...camden,
      ...(await createBallot(first, {
        actor: camden.admin,
        bodyId: camden.camdenId,
        question: 'Should the branch support the strike fund?',
        options: { kind: 'yes-no' },
        secret: true,
        opensAt: '2026-07-02T09:00:00Z',
        closesAt: '2026-07-05T17:00:00Z',
        timeZone: 'Europe/London',
      })),
    }));
    await flushOutbox(first);
    const before = smtp.received.length;
    const mailSince = (from: number) => smtp.received.slice(from).map(mailBody);

    // Before its opening time nothing happens, however often the timetable runs.
    expect(await runBallotTimetable(first, timetable)).toEqual({
      opened: 0,
      reminded: 0,
      closed: 0,
    });
    await expect(
      castBallot(first, { actor: members[0]!, ballotId, choice: 'for' }),
    ).rejects.toMatchObject({ code: 'BALLOT_NOT_OPEN' });

    // At its opening time two processes run their rounds at once: it opens once.
    first.setNow('2026-07-02T09:00:00Z');
    const second = processAt(database(), smtp.port, '2026-07-02T09:00:01Z');
    const rounds = await Promise.all([
      runBallotTimetable(first, timetable),
      runBallotTimetable(second, timetable),
    ]);
    expect(rounds.reduce((n, r) => n + r.opened, 0)).toBe(1);
    const opened = (await findBallot(first.db, ballotId))!;
    // Opened by whichever round came first: at the time of that process's clock.
    expect(opened.state).toBe('open');
    expect(['2026-07-02T09:00:00.000Z', '2026-07-02T09:00:01.000Z']).toContain(opened.opened_at);
    await flushOutbox(first);
    await flushOutbox(second);
    const openings = smtp.received.slice(before);
    expect(openings).toHaveLength(opened.electorate);
    expect(new Set(openings.map((m) => mailHeader(m, 'To'))).size).toBe(opened.electorate);
    for (const text of openings.map(mailBody)) {
      expect(text).toContain(`http://seconded.test/ballots/${ballotId}`);
      // 17:00 UTC is 18:00 in London in July.
      expect(text).toMatch(
        /Voting closes on .*6:00\s?PM \(Europe\/London\)|18:00.*\(Europe\/London\)/,
      );
    }

    // 23 vote; the rest are reminded a day before it closes, once, after a restart.
    for (const member of members.slice(0, 23))
      await castBallot(first, { actor: member, ballotId, choice: 'for' });
    const beforeReminder = smtp.received.length;
    const restarted = processAt(database(), smtp.port, '2026-07-04T16:59:59Z');
    expect((await runBallotTimetable(restarted, timetable)).reminded).toBe(0);
    restarted.setNow('2026-07-04T17:00:00Z');
    second.setNow('2026-07-04T17:00:00Z');
    const reminders = await Promise.all([
      runBallotTimetable(restarted, timetable),
      runBallotTimetable(second, timetable),
      runBallotTimetable(restarted, timetable),
    ]);
    expect(reminders.reduce((n, r) => n + r.reminded, 0)).toBe(1);
    await flushOutbox(restarted);
    const reminded = mailSince(beforeReminder);
    expect(reminded).toHaveLength(opened.electorate - 23);
    for (const text of reminded) {
      expect(text).toContain('You have not yet voted');
      expect(text).toContain(`http://seconded.test/ballots/${ballotId}`);
    }
    const voterAddresses = await first.db
      .selectFrom('people')
      .select('email')
      .where(
        'id',
        'in',
        members.slice(0, 23).map((m) => m.personId),
      )
      .execute();
    const remindedTo = smtp.received.slice(beforeReminder).map((m) => mailHeader(m, 'To'));
    for (const { email } of voterAddresses) expect(remindedTo).not.toContain(email);

    // At its closing time it closes and is counted, as closing by hand does, once.
    const third = processAt(database(), smtp.port, '2026-07-05T17:00:00Z');
    restarted.setNow('2026-07-05T17:00:00Z');
    const closes = await Promise.all([
      runBallotTimetable(third, timetable),
      runBallotTimetable(restarted, timetable),
    ]);
    expect(closes.reduce((n, r) => n + r.closed, 0)).toBe(1);
    const view = await viewBallot(third, { actor: admin, ballotId });
    expect(view.state).toBe('closed');
    expect(view.result).toMatchObject({ kind: 'yes-no', for: 23, against: 0, outcome: 'carried' });
    const audit = await third.db
      .selectFrom('audit_events')
      .select(['action', 'data', 'actor_person_id'])
      .where('subject', '=', `ballot:${ballotId}`)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'ballot.created',
      'ballot.opened',
      'ballot.closed',
    ]);
    expect(audit.slice(1).every((a) => a.actor_person_id === null)).toBe(true);
    expect(JSON.parse(audit[2]!.data)).toMatchObject({ byTimetable: true, votes: 23 });

    // Every elector is emailed the result, with its figures, its rule and the link to the count.
    const beforeResult = smtp.received.length;
    await flushOutbox(third);
    const results = mailSince(beforeResult);
    expect(results).toHaveLength(opened.electorate);
    for (const text of results) {
      expect(text).toContain('has closed and been counted');
      expect(text).toContain('Carried: 23 for, 0 against, 0 abstaining.');
      expect(text).toContain('Decided by a simple majority of votes cast.');
      expect(text).toContain(`http://seconded.test/ballots/${ballotId}`);
    }

    // Later rounds find nothing to do and send nothing more.
    const afterClose = smtp.received.length;
    third.setNow('2026-07-06T09:00:00Z');
    expect(await runBallotTimetable(third, timetable)).toEqual({
      opened: 0,
      reminded: 0,
      closed: 0,
    });
    await flushOutbox(third);
    expect(smtp.received.length).toBe(afterClose);
  }, 120_000);

  it('refuses a timetable that closes before it opens, or starts in the past', async () => {
    const ctx = movableContext(database(), {}, '2026-07-01T09:00:00Z');
    const camden = await camdenWithMembers(ctx);
    const draft = async (times: { opensAt?: string; closesAt?: string; timeZone?: string }) =>
      createBallot(ctx, {
        actor: camden.admin,
        bodyId: camden.camdenId,
        question: 'Q?',
        options: { kind: 'yes-no' },
        secret: true,
        ...times,
      });
    await expect(
      draft({ opensAt: '2026-07-03T09:00:00Z', closesAt: '2026-07-02T09:00:00Z' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ path: 'closesAt' }] });
    await expect(draft({ opensAt: '2026-06-30T09:00:00Z' })).rejects.toMatchObject({
      problems: [{ path: 'opensAt' }],
    });
    await expect(draft({ closesAt: '2026-07-01T08:00:00Z' })).rejects.toMatchObject({
      problems: [{ path: 'closesAt' }],
    });
    await expect(
      draft({ closesAt: '2026-07-02T08:00:00Z', timeZone: 'Mars/Olympus' }),
    ).rejects.toMatchObject({
      problems: [{ path: 'timeZone' }],
    });
  });
});
