import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { decryptShuffled, setUpKeys, shuffleAs, voteRanking } from '../../../test/e2e-devices.ts';
import { api, ORIGIN, signedIn } from '../../../test/http-client.ts';
import { camdenWithMembers } from '../../../test/story.ts';
import type { AppContext } from '../../app/common/context.ts';
import { closeE2eBallot } from '../../app/ballots/close-e2e-ballot.ts';
import { createE2eBallot } from '../../app/ballots/create-e2e-ballot.ts';
import { openE2eBallot } from '../../app/ballots/open-e2e-ballot.ts';
import { viewBoard } from '../../app/ballots/view-e2e-ballot.ts';

/**
 * A ranked election under end-to-end secrecy from the pages alone (issue 18): the secretary
 * drafts it with the ordinary form, without JavaScript, and the ballot's page says where it
 * stands while it waits on its key holders to shuffle and then to decrypt.
 */

const candidates = ['Ada Achebe', 'Ben Brooks', 'Cai Chen', 'Dee Doyle'];

/** French pages set a narrow no-break space before a colon; read as plain spaces. */
const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ');

const countRows = async (ctx: AppContext) => ({
  ballots: (await ctx.db.selectFrom('ballots').select('id').execute()).length,
  trustees: (await ctx.db.selectFrom('ballot_trustees').select('ballot_id').execute()).length,
  events: (await ctx.db.selectFrom('ballot_board').select('seq').execute()).length,
});

describeEachDatabase('an end-to-end election from the pages', (database) => {
  async function setUp() {
    const ctx = testContext(database());
    const story = await camdenWithMembers(ctx);
    const admin = await signedIn(ctx, 'admin@example.org');
    const adminActor = story.admin;
    const [t1, t2, t3] = story.members;
    const election = {
      question: 'Election of two branch delegates',
      kind: 'ranked',
      options: candidates.join('\n'),
      seats: '2',
      method: 'meek-stv',
      preferences: '3',
      trustees: `${t1!.personId}\n${t2!.personId}`,
      needed: '',
      timeZone: 'Europe/London',
    };
    const draftPath = `/bodies/${story.camdenId}/verifiable-ballots`;
    return { ctx, ...story, admin, adminActor, election, draftPath, trustees: [t1!, t2!, t3!] };
  }

  it('drafts a ranked election with its seats, rule, preferences and key holders, without JavaScript', async () => {
    const { ctx, admin, election, draftPath, trustees, camdenId } = await setUp();
    const form = await (await admin.request(draftPath)).text();
    expect(form).toMatch(/<input type="radio" id="kind-ranked" name="kind" value="ranked"/);
    expect(form).toContain('<option value="meek-stv">');
    expect(form).toContain('<option value="scottish-stv" selected="">');
    expect(form).toMatch(/<input id="preferences" name="preferences"[^>]*type="number"/);
    expect(form).toMatch(/<input id="seats" name="seats"[^>]*type="number"/);

    const drafted = await admin.form(draftPath, election);
    expect(drafted.status).toBe(303);
    const ballotId = drafted.headers.get('location')!.split('/').at(-1)!;
    const board = await viewBoard(ctx, { actor: trustees[0]!, ballotId });
    expect(board.events[0]!.payload).toMatchObject({
      version: 'seconded-mixnet-1',
      question: 'Election of two branch delegates',
      choices: candidates,
      positions: 3,
      seats: 2,
      rule: 'meek-stv',
      needed: 2,
      trustees: [{ index: 1 }, { index: 2 }],
    });
    const page = await (await admin.request(`/ballots/${ballotId}`)).text();
    expect(page).toContain('Waiting for the key holders to make their keys.');

    // The API twin drafts the same election; every preference unless it says.
    const viaApi = await api(admin)('POST', `/bodies/${camdenId}/verifiable-ballots`, {
      question: 'Election of two branch delegates',
      kind: 'ranked',
      options: candidates,
      seats: 2,
      method: 'irv',
      trustees: [trustees[0]!.personId, trustees[1]!.personId],
    });
    expect(viaApi.status).toBe(201);
    const apiBoard = await viewBoard(ctx, {
      actor: trustees[0]!,
      ballotId: viaApi.body.ballotId as string,
    });
    expect(apiBoard.events[0]!.payload).toMatchObject({ positions: 4, rule: 'irv' });
  });

  it('refuses a mistaken election with what to mend, in English and in French, and saves nothing', async () => {
    const { ctx, admin, election, draftPath } = await setUp();
    const before = await countRows(ctx);
    const refusals: [Record<string, string>, string, string][] = [
      [{ options: '' }, 'Name the candidates, one per line.', 'Nommez les candidat·es'],
      [
        { preferences: '5' },
        'Give a number from 1 to 4, the candidates named.',
        'Donnez un nombre de 1 à 4',
      ],
      [{ seats: '5' }, 'Name at least 5 candidates', 'Nommez au moins 5 candidat·es'],
      [{ weighted: '1' }, 'One member, one vote', 'Un membre, une voix'],
      // Found only inside the transaction: the ballot row it had written is rolled back.
      [
        { trustees: `${election.trustees.split('\n')[0]}\nnobody@example.org` },
        'Choose members of the body.',
        'Choose members of the body.',
      ],
    ];
    for (const [change, english, french] of refusals) {
      const sent = { ...election, ...change };
      const refused = await admin.form(draftPath, sent);
      expect(refused.status).toBeGreaterThanOrEqual(400);
      const page = plain(await refused.text());
      expect(page).toContain(english);
      // The form comes back as it was typed.
      expect(page).toContain('value="Election of two branch delegates"');
      const inFrench = await admin.request(draftPath, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: ORIGIN,
          'accept-language': 'fr',
        },
        body: new URLSearchParams(sent).toString(),
      });
      expect(plain(await inFrench.text())).toContain(french);
    }
    expect(await countRows(ctx)).toEqual(before);
  });

  it('says where a closed election stands while its key holders shuffle and decrypt, in English and in French', async () => {
    const { ctx, admin, adminActor, members, camdenId, trustees } = await setUp();
    const { ballotId } = await createE2eBallot(ctx, {
      actor: adminActor,
      bodyId: camdenId,
      question: 'Election of two branch delegates',
      options: { kind: 'ranked', candidates, seats: 2, method: 'scottish-stv' },
      trustees: trustees.map((t) => t.personId),
      needed: 2,
    });
    const shares = await setUpKeys(ctx, ballotId, trustees);
    await openE2eBallot(ctx, { actor: adminActor, ballotId });
    for (const [i, ranking] of [[0, 1], [1, 2], [2], [0, 3]].entries())
      await voteRanking(ctx, members[i + 3]!, ballotId, ranking);
    await closeE2eBallot(ctx, { actor: adminActor, ballotId });

    const status = async (lang = 'en') => {
      const html = await (
        await admin.request(`/ballots/${ballotId}`, { headers: { 'accept-language': lang } })
      ).text();
      return plain(/<p role="status"><strong>([^<]*)<\/strong>/.exec(html)?.[1] ?? html);
    };
    // The body's list of ballots says the same of it.
    const listed = async (lang = 'en') => {
      const html = await (
        await admin.request(`/bodies/${camdenId}/ballots`, {
          headers: { 'accept-language': lang },
        })
      ).text();
      const entry = new RegExp(`href="/ballots/${ballotId}"[^<]*</a> <span class="kind">([^<]*)<`);
      return plain(entry.exec(html)?.[1] ?? html);
    };
    expect(await status()).toBe('Closed: waiting for key holder 1 of 3 to shuffle the ballots.');
    expect(await listed()).toBe('Closed: waiting for key holder 1 of 3 to shuffle the ballots.');
    await shuffleAs(ctx, trustees[0]!, ballotId);
    expect(await status()).toBe('Closed: waiting for key holder 2 of 3 to shuffle the ballots.');
    expect(await status('fr')).toBe(
      'Clos : en attente du mélange des bulletins par le détenteur de clé 2 sur 3.',
    );
    await shuffleAs(ctx, trustees[1]!, ballotId);
    await shuffleAs(ctx, trustees[2]!, ballotId);
    expect(await status()).toBe(
      'Shuffled by all 3 key holders: waiting for decryptions (0 of 2 needed).',
    );
    await decryptShuffled(ctx, trustees[1]!, ballotId, shares[1]!);
    expect(await status()).toBe(
      'Shuffled by all 3 key holders: waiting for decryptions (1 of 2 needed).',
    );
    expect(await status('fr')).toBe(
      'Mélangés par les 3 détenteurs de clés : en attente des déchiffrements (1 sur 2 nécessaires).',
    );
    expect(await listed()).toBe(
      'Shuffled by all 3 key holders: waiting for decryptions (1 of 2 needed).',
    );
    expect(await listed('fr')).toBe(
      'Mélangés par les 3 détenteurs de clés : en attente des déchiffrements (1 sur 2 nécessaires).',
    );
    await decryptShuffled(ctx, trustees[2]!, ballotId, shares[2]!);
    expect(await status()).toBe('Counted.');
    expect(await status('fr')).toBe('Dépouillé.');
    expect(await listed()).toBe('Closed');
  });
});
