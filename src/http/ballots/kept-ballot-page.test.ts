import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { signedIn } from '../../../test/http-client.ts';
import { BEN, ISLA, northfieldWithCamdenMembers } from '../../../test/story.ts';
import { findPersonByEmail } from '../../db/queries/people.ts';

/**
 * A ballot's page is kept whole for each reader at the database's version (ballot-pages.tsx,
 * readerBallotPage): the next reading after a vote, a close or a changed right is made afresh,
 * and no reader is ever shown the page kept for another.
 */
describeEachDatabase('a ballot page kept for its reader', (database) => {
  async function setUp() {
    const ctx = testContext(database());
    const story = await northfieldWithCamdenMembers(ctx, [ISLA, BEN]);
    const admin = await signedIn(ctx, 'admin@example.org');
    const isla = await signedIn(ctx, 'isla@example.org');
    const ben = await signedIn(ctx, 'ben@example.org');
    const created = await admin.form(`/bodies/${story.camdenId}/ballots`, {
      secret: '1',
      question: 'That this branch has no confidence in the Leader.',
      kind: 'yes-no',
    });
    const ballotPath = created.headers.get('location')!;
    expect((await admin.form(`${ballotPath}/open`, {})).status).toBe(303);
    const read = async (who: typeof admin) => {
      const res = await who.request(ballotPath);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      return res.text();
    };
    return { ctx, ...story, admin, isla, ben, ballotPath, read };
  }

  const voteForm = /<input type="radio" id="choice-for" name="choice" value="for"/;
  const voted = 'You have voted in this ballot.';

  it('shows a vote on the next reading, to the voter and to everyone else', async () => {
    const { admin, isla, ben, ballotPath, read } = await setUp();
    // Read twice each, so that the second reading is the kept page.
    for (const who of [isla, ben]) {
      const first = await read(who);
      expect(await read(who)).toBe(first);
      expect(first).toMatch(voteForm);
      expect(first).toContain('0 of 2 have voted.');
      expect(first).not.toContain('result-heading');
    }
    expect((await isla.form(`${ballotPath}/vote`, { choice: 'for' })).status).toBe(200);
    const islaAfter = await read(isla);
    expect(islaAfter).toContain(voted);
    expect(islaAfter).not.toMatch(voteForm);
    expect(islaAfter).toContain('1 of 2 have voted.');
    // Ben has not voted: his own page, with the new turnout, never Isla's.
    const benAfter = await read(ben);
    expect(benAfter).toMatch(voteForm);
    expect(benAfter).not.toContain(voted);
    expect(benAfter).toContain('1 of 2 have voted.');
    // The close shows at once too.
    expect((await admin.form(`${ballotPath}/close`, { confirm: 'yes' })).status).toBe(303);
    const closed = await read(ben);
    expect(closed).not.toMatch(voteForm);
    expect(closed).toContain('<h2 id="result-heading">Result</h2>');
  });

  it('gives each reader their own rights, whoever read first, and refuses one who lost them', async () => {
    const { ctx, admin, isla, ballotPath, read } = await setUp();
    const closeForm = `action="${ballotPath}/close"`;
    for (const order of [
      [admin, isla],
      [isla, admin],
    ]) {
      const pages = new Map([
        [order[0]!, await read(order[0]!)],
        [order[1]!, await read(order[1]!)],
      ]);
      expect(pages.get(admin)).toContain(closeForm);
      expect(pages.get(isla)).not.toContain(closeForm);
    }
    // Isla leaves the branch (her membership ends): her next reading is refused, as a body's
    // ballots are hidden from those outside it.
    const person = await findPersonByEmail(ctx.db, 'isla@example.org');
    await ctx.db
      .updateTable('memberships')
      .set({ left_on: '2000-01-01' })
      .where('person_id', '=', person!.id)
      .execute();
    expect((await isla.request(ballotPath)).status).toBe(404);
    expect(await read(admin)).toContain(closeForm);
  });
});
