import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { client, expectFormRefused, signedIn } from '../../../test/http-client.ts';
import { BEN, ISLA, northfieldWithCamdenMembers } from '../../../test/story.ts';

describeEachDatabase('ballot pages', (database) => {
  async function setUp() {
    const ctx = testContext(database());
    const story = await northfieldWithCamdenMembers(ctx, [ISLA, BEN]);
    const admin = await signedIn(ctx, 'admin@example.org');
    const isla = await signedIn(ctx, 'isla@example.org');
    /** Drafts a secret ballot with the secretary's form and opens it; returns its page. */
    const openedBallot = async (fields: Record<string, string>) => {
      const created = await admin.form(`/bodies/${story.camdenId}/ballots`, {
        secret: '1',
        ...fields,
      });
      expect(created.status).toBe(303);
      const ballotPath = created.headers.get('location')!;
      expect((await admin.form(`${ballotPath}/open`, {})).status).toBe(303);
      return ballotPath;
    };
    return { ctx, ...story, admin, isla, openedBallot };
  }

  it('offers the counting rules by their names, in the reader’s language', async () => {
    const { admin, camdenId } = await setUp();
    const page = await (await admin.request(`/bodies/${camdenId}/ballots`)).text();
    expect(page).toContain(
      '<option value="scottish-stv" selected="">Single transferable vote, Scottish rules (2007)</option>',
    );
    expect(page).toContain('<option value="irv">Alternative vote (instant runoff)</option>');
    expect(page).not.toMatch(/>meek-stv</);
  });

  it('drafts, opens, takes a vote with a receipt, closes and shows the result, all without JavaScript', async () => {
    const { admin, isla, openedBallot } = await setUp();
    const ballotPath = await openedBallot({
      question: 'That this branch has no confidence in the Leader.',
      kind: 'yes-no',
    });

    const ballotPage = await (await isla.request(ballotPath)).text();
    expect(ballotPage).toContain('0 of 2 have voted.');
    expect(ballotPage).toMatch(
      /<input type="radio" id="choice-for" name="choice" value="for" required=""\/?>/,
    );
    const voted = await isla.form(`${ballotPath}/vote`, { choice: 'for' });
    expect(voted.status).toBe(200);
    const confirmation = await voted.text();
    expect(confirmation).toContain('Your vote is recorded.');
    const receipt = /Your receipt: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(confirmation)?.[1];
    expect(receipt).toBeDefined();
    const again = await isla.form(`${ballotPath}/vote`, { choice: 'against' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('You have already voted in this ballot.');

    expect((await isla.form(`${ballotPath}/close`, {})).status).toBe(403);
    // Not everyone has voted: the chair is told how many and asked, on a page of its own.
    const asked = await admin.form(`${ballotPath}/close`, {});
    expect(asked.status).toBe(200);
    const question = await asked.text();
    expect(question).toContain('have not voted yet');
    expect(question).toContain('name="confirm" value="1"');
    expect((await isla.request(ballotPath)).status).toBe(200);
    expect((await admin.form(`${ballotPath}/close`, { confirm: '1' })).status).toBe(303);
    const result = await (await isla.request(ballotPath)).text();
    expect(result).toContain('Carried');
    // The turnout once, with the result: no live line above it repeating it.
    expect(result.match(/have voted\./g)).toHaveLength(1);
    const checked = await (await isla.form(`${ballotPath}/receipt`, { receipt: receipt! })).text();
    expect(checked).toContain('in the ballot box and was counted');
    const box = (await (await isla.request(`${ballotPath}/box.json`)).json()) as {
      choices: unknown[];
    };
    expect(box.choices).toEqual([{ choice: 'for', weight: 1, papers: 1 }]);
  });

  it('takes a ranking from one select per candidate', async () => {
    const { admin, isla, openedBallot } = await setUp();
    const ballotPath = await openedBallot({
      question: 'Branch delegate',
      kind: 'ranked',
      options: 'Alba Patel\nBen Mensah\nGrace Young',
      seats: '1',
      method: 'irv',
    });
    const duplicate = await isla.form(`${ballotPath}/vote`, { 'rank.0': '1', 'rank.2': '1' });
    expect(duplicate.status).toBe(400);
    const ok = await isla.form(`${ballotPath}/vote`, {
      'rank.2': '1',
      'rank.0': '2',
      'rank.1': '',
    });
    expect(await ok.text()).toContain('Your vote is recorded.');
    await admin.form(`${ballotPath}/close`, { confirm: '1' });
    const declared = await (await isla.request(ballotPath)).text();
    expect(declared).toContain('Elected: Grace Young');
    // The count, stage by stage: a chart drawn on the server and the table it stands for.
    expect(declared).toContain('The count, stage by stage');
    expect(declared).toMatch(/<svg[^>]*role="img"/);
    expect(declared).toContain(
      '<caption>Votes for each candidate at the end of each stage</caption>',
    );
    const blt = await (await isla.request(`${ballotPath}/box.blt`)).text();
    expect(blt).toContain('1 3 1 0');
  });

  it('explains mistakes in the draft form and keeps what was typed', async () => {
    const { camdenId, admin } = await setUp();
    const res = await admin.form(`/bodies/${camdenId}/ballots`, {
      question: 'Pick one',
      kind: 'choice',
      options: 'Only one',
      secret: '1',
    });
    await expectFormRefused(res, 'A choice needs 2 to 100 options', 'Pick one');
  });

  it('sends someone who is not signed in to the sign-in page, and back afterwards', async () => {
    const { ctx, camdenId } = await setUp();
    const anonymous = client(ctx);
    const res = await anonymous.request(`/bodies/${camdenId}/ballots`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(
      `/sign-in?next=${encodeURIComponent(`/bodies/${camdenId}/ballots`)}`,
    );
    const signedIn = await anonymous.form('/sign-in', {
      email: 'isla@example.org',
      password: 'correct horse battery',
      next: `/bodies/${camdenId}/ballots`,
    });
    expect(signedIn.headers.get('location')).toBe(`/bodies/${camdenId}/ballots`);
    const offsite = await client(ctx).form('/sign-in', {
      email: 'isla@example.org',
      password: 'correct horse battery',
      next: '//evil.example/',
    });
    expect(offsite.headers.get('location')).toBe('/');
  });
});
