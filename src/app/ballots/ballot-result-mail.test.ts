import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { flushOutbox, movableContext } from '../../../test/factories.ts';
import { mailBody, mailerThrough, mailHeader, smtpServerPerTest } from '../../../test/smtp.ts';
import { camdenWithMembers } from '../../../test/story.ts';
import { setMailPreferences } from '../accounts/set-mail-preferences.ts';
import { castBallot } from './cast-ballot.ts';
import { closeBallot } from './close-ballot.ts';
import { createBallot } from './create-ballot.ts';
import { openBallot } from './open-ballot.ts';

/** A header of a raw message, unfolded (RFC 5322 section 2.2.3): a long one spans lines. */
const unfolded = (message: string, name: string) =>
  mailHeader(message.slice(0, message.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' '), name);

describeEachDatabase('the result email of a ballot', (database) => {
  const startSmtp = smtpServerPerTest();

  it('reaches every elector once, in their language and by name, with the figures and the rule, and not one who turned ballot mail off', async () => {
    const smtp = await startSmtp();
    const ctx = movableContext(database(), { mailer: mailerThrough(smtp.port) });
    const camden = await camdenWithMembers(ctx);
    const { ballotId } = await createBallot(ctx, {
      actor: camden.admin,
      bodyId: camden.camdenId,
      question: 'Should the branch support the strike fund?',
      options: { kind: 'yes-no' },
      secret: true,
    });
    const electors = await ctx.db
      .selectFrom('people')
      .innerJoin('memberships', 'memberships.person_id', 'people.id')
      .select(['people.id', 'people.name', 'people.email'])
      .where('memberships.body_id', '=', camden.camdenId)
      .where('memberships.role', '=', 'member')
      .orderBy('people.id')
      .execute();
    // One elector reads French; one will turn ballot mail off.
    const [french, quiet] = [electors[0]!, electors[1]!];
    await ctx.db.updateTable('people').set({ locale: 'fr' }).where('id', '=', french.id).execute();

    await openBallot(ctx, { actor: camden.admin, ballotId });
    await flushOutbox(ctx);
    const openings = [...smtp.received];
    const to = (m: string) => mailHeader(m, 'To');
    expect(openings.map(to).sort()).toEqual(electors.map((e) => e.email).sort());
    // The quiet member stops ballot mail in one click, from the address their email carries.
    const quietOpening = openings.find((m) => to(m) === quiet.email)!;
    const address = /^<(.*)>$/.exec(unfolded(quietOpening, 'List-Unsubscribe')!)![1]!;
    const token = /\/mail\/([^/]+)\/unsubscribe\/ballots$/.exec(address)![1]!;
    await setMailPreferences(ctx, { token, stop: 'ballots' });

    for (const member of camden.members.slice(0, 5))
      await castBallot(ctx, { actor: member, ballotId, choice: 'for' });
    await castBallot(ctx, { actor: camden.members[5]!, ballotId, choice: 'against' });
    const before = smtp.received.length;
    await closeBallot(ctx, { actor: camden.admin, ballotId, confirmed: true });
    await flushOutbox(ctx);
    const results = smtp.received.slice(before);

    // Once to each elector but the quiet one.
    expect(results.map(to).sort()).toEqual(
      electors
        .filter((e) => e.id !== quiet.id)
        .map((e) => e.email)
        .sort(),
    );
    for (const message of results) {
      const elector = electors.find((e) => e.email === to(message))!;
      const text = mailBody(message);
      expect(text).toContain(`http://seconded.test/ballots/${ballotId}`);
      if (elector.id === french.id) {
        expect(text).toContain(`Bonjour ${elector.name},`);
        expect(text).toContain('5 pour, 1 contre, 0 abstentions.');
      } else {
        expect(text).toContain(`Dear ${elector.name},`);
        expect(text).toContain('Carried: 5 for, 1 against, 0 abstaining.');
        expect(text).toContain('Decided by a simple majority of votes cast.');
      }
      // Each carries its reader's own one-click address, the same as their opening email's.
      const opening = openings.find((m) => to(m) === elector.email)!;
      expect(unfolded(message, 'List-Unsubscribe')).toBe(unfolded(opening, 'List-Unsubscribe'));
    }
    const tokens = results.map((m) => unfolded(m, 'List-Unsubscribe'));
    expect(new Set(tokens).size).toBe(results.length);

    // A second close is refused and sends nothing more.
    await expect(
      closeBallot(ctx, { actor: camden.admin, ballotId, confirmed: true }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await flushOutbox(ctx);
    expect(smtp.received.length).toBe(before + results.length);
  }, 120_000);
});
