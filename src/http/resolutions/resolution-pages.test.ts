import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { client } from '../../../test/http-client.ts';
import { readPdf } from '../../../test/pdf.ts';
import { childrenNamed, childText, parseXml } from '../../../test/xml.ts';
import { loadActor } from '../../app/common/actor.ts';
import { approveMinutes } from '../../app/meetings/approve-minutes.ts';
import { openMeeting } from '../../app/meetings/open-meeting.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { signInToMeeting } from '../../app/meetings/sign-in-to-meeting.ts';
import {
  listMeetingsOfBody,
  listCurrentMembers,
  listMotionsOfBody,
} from '../../db/queries/meetings.ts';
import { findOrganisationBySlug, listBodies } from '../../db/queries/organisations.ts';
import { findPersonByEmail } from '../../db/queries/people.ts';

/**
 * The pages of resolutions that travel, without JavaScript, on the demo: the public page, its
 * print version and PDF, the feeds, a body keeping its resolutions private, minutes published on
 * approval, and the inbox answered and a model motion adopted through forms.
 */

const RESOLUTION = '/r/northfield-movement/no-confidence-in-the-leader';

describeEachDatabase('resolution pages', (database) => {
  async function demo() {
    let now = new Date('2026-07-01T12:00:00Z');
    const ctx = testContext(database(), { now: () => now });
    const { password } = await seedDemo(ctx);
    const as = async (email: string) => {
      const c = client(ctx);
      const res = await c.form('/sign-in', { email, password });
      expect(res.status).toBe(303);
      return c;
    };
    const anonymous = client(ctx);
    const org = await findOrganisationBySlug(ctx.db, 'northfield-movement');
    const bodies = await listBodies(ctx.db, org!.id);
    const bodyId = (name: string) => bodies.find((b) => b.name === name)!.id;
    return { ctx, as, anonymous, bodies, bodyId, setNow: (iso: string) => (now = new Date(iso)) };
  }

  it('shows the resolution to anyone, prints it, gives a valid PDF and feeds it', async () => {
    const { anonymous } = await demo();
    const html = await (await anonymous.request(RESOLUTION)).text();
    expect(html).toContain('<h1>No confidence in the Leader</h1>');
    expect(html).toContain('Passed by Camden Town Group at its July general meeting on');
    expect(html).toContain('simple majority of votes cast');
    expect(html).toContain('the Northfield Party NEC');
    expect(html).toContain('delivered, awaiting an answer');

    const print = await anonymous.request(`${RESOLUTION}/print`);
    const printed = await print.text();
    expect(printed).toContain('href="/assets/print.css"');
    expect(printed).toContain('<h1>No confidence in the Leader</h1>');
    expect(printed).not.toContain('<nav');
    const css = await (await anonymous.request('/assets/print.css')).text();
    expect(css).toContain('@media print');

    const pdf = await anonymous.request(`${RESOLUTION}/pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain('no-confidence-in-the-leader.pdf');
    const { info, text } = readPdf(new Uint8Array(await pdf.arrayBuffer()));
    expect(info.Title).toBe('No confidence in the Leader');
    expect(text).toContain('No confidence in the Leader\n');
    expect(text).toContain('23–4');

    const feed = parseXml(
      await (await anonymous.request('/r/northfield-movement/feed.atom')).text(),
    );
    const titles = childrenNamed(feed, 'entry').map((e) => childText(e, 'title'));
    expect(titles).toContain('No confidence in the Leader');
    // Each entry carries its whole text, for readers that show it in place.
    const entry = childrenNamed(feed, 'entry').find(
      (e) => childText(e, 'title') === 'No confidence in the Leader',
    )!;
    const content = childrenNamed(entry, 'content')[0]!;
    expect(content.attributes.type).toBe('text');
    expect(childText(entry, 'content')).toMatch(/This meeting:\n1\. /);
    expect(childText(entry, 'content')).toContain('Declared: ');
    const index = await (await anonymous.request('/r/northfield-movement')).text();
    expect(index).toContain(`href="${RESOLUTION}"`);
    // Feed readers find the feed from the pages; link previews find a title and a summary.
    const ORIGIN = 'http://seconded.test';
    expect(index).toContain(
      `<link rel="alternate" type="application/atom+xml" title="Feed of Northfield Movement (Atom)" href="${ORIGIN}/r/northfield-movement/feed.atom"/>`,
    );
    const resolutionPage = await (await anonymous.request(RESOLUTION)).text();
    expect(resolutionPage).toContain(`<link rel="canonical" href="${ORIGIN}${RESOLUTION}"/>`);
    expect(resolutionPage).toContain(
      '<meta property="og:title" content="No confidence in the Leader"/>',
    );
    expect(resolutionPage).toContain('<meta property="og:type" content="article"/>');
    expect(resolutionPage).toMatch(
      /<meta property="og:description" content="Northfield Movement, [^"]+"/,
    );
    expect(resolutionPage).toContain('type="application/atom+xml"');
    // An unknown resolution or organisation is a clear 404.
    expect((await anonymous.request('/r/northfield-movement/nothing-here')).status).toBe(404);
    expect((await anonymous.request('/r/nobody/feed.atom')).status).toBe(404);
  });

  it('keeps a body’s resolutions to its organisation when its secretary says so', async () => {
    const { as, anonymous, bodyId } = await demo();
    const camden = bodyId('Camden Town Group');
    const member = await as('ncg.secretary@example.org');
    // Only Camden's secretary (or an admin) decides.
    expect(
      (await member.form(`/bodies/${camden}/publication`, { resolutionsPrivate: '1' })).status,
    ).toBe(403);
    const secretary = await as('camden.secretary@example.org');
    expect(
      (await secretary.form(`/bodies/${camden}/publication`, { resolutionsPrivate: '1' })).status,
    ).toBe(303);
    expect((await anonymous.request(RESOLUTION)).status).toBe(404);
    expect((await anonymous.request(`${RESOLUTION}/pdf`)).status).toBe(404);
    const feed = await (await anonymous.request('/r/northfield-movement/feed.atom')).text();
    expect(feed).not.toContain(`${RESOLUTION}<`);
    expect(
      (await anonymous.request('/r/northfield-movement/bodies/camden-town-group/feed.atom')).status,
    ).toBe(404);
    // A member of the organisation still reads it, marked as not public.
    const seen = await (await member.request(RESOLUTION)).text();
    expect(seen).toContain('this page is not public');
    const page = await (await secretary.request(`/bodies/${camden}/resolutions`)).text();
    expect(page).toContain('kept to members of the organisation');
    // Camden has no bodies below it: it is offered no model motion, and one is refused.
    expect(seen).not.toContain('Publish as a model motion');
    const model = await secretary.form(`${RESOLUTION}/model-motion`, {});
    expect(model.status).toBe(409);
    expect(await model.text()).toContain('has no bodies below it');
    await secretary.form(`/bodies/${camden}/publication`, {});
    expect((await anonymous.request(RESOLUTION)).status).toBe(200);
  });

  it('publishes minutes when a later meeting approves them', async () => {
    const { ctx, anonymous, bodyId, setNow } = await demo();
    const camden = bodyId('Camden Town Group');
    const chair = await findPersonByEmail(ctx.db, 'camden.chair@example.org');
    const actor = await loadActor(ctx.db, chair!.id, '2026-07-01');
    const [today, july] = await listMeetingsOfBody(ctx.db, camden);
    setNow(today!.starts_at);
    for (const m of (await listCurrentMembers(ctx.db, camden, '2026-07-01')).slice(0, 12))
      await signInToMeeting(ctx, { actor, meetingId: today!.id, personId: m.person_id });
    await openMeeting(ctx, { actor, meetingId: today!.id });
    await approveMinutes(ctx, { actor, meetingId: july!.id, atMeetingId: today!.id });
    const feed = parseXml(
      await (await anonymous.request('/r/northfield-movement/feed.atom')).text(),
    );
    const entry = childrenNamed(feed, 'entry').find((e) =>
      childText(e, 'title')!.includes('minutes of the July general meeting'),
    )!;
    expect(childrenNamed(entry, 'category')[0]!.attributes.term).toBe('minutes');
    // The feed gives the minutes whole, as the page does.
    expect(childText(entry, 'content')).toContain('23–4, 2 abstentions');
    const path = childText(entry, 'id')!.replace(ctx.baseUrl, '');
    expect(path).toMatch(/^\/r\/northfield-movement\/minutes\/camden-town-group-july-general/);
    const html = await (await anonymous.request(path)).text();
    expect(html).toContain('Approved as a correct record on');
    expect(html).toContain('was carried: simple majority of votes cast, 23–4, 2 abstentions');
    const minutesPdf = readPdf(
      new Uint8Array(await (await anonymous.request(`${path}/pdf`)).arrayBuffer()),
    );
    expect(minutesPdf.searchable).toContain(
      'was carried: simple majority of votes cast, 23–4, 2 abstentions',
    );
    // Its title once, as its heading: no second title, no underline of "=" signs, no raw id.
    const title = childText(entry, 'title')!;
    expect(minutesPdf.searchable.split(title)).toHaveLength(2);
    expect(minutesPdf.searchable).toContain('Approved as a correct record on');
    expect(minutesPdf.text).not.toMatch(/={3}|[0-9a-f]{8}-[0-9a-f]{4}-/);
    // The resolution's page links to the minutes it was passed in.
    expect(await (await anonymous.request(RESOLUTION)).text()).toContain(`href="${path}"`);
    expect((await anonymous.request(`${path}/print`)).status).toBe(200);
  });

  it('says each state in the reader’s language: deliveries, the inbox and the motion', async () => {
    const { ctx, as, anonymous, bodies } = await demo();
    const french = { headers: { 'accept-language': 'fr' } };
    const page = async (c: typeof anonymous, path: string) =>
      (await c.request(path, french)).text();
    const resolution = await page(anonymous, RESOLUTION);
    expect(resolution).toContain('<td data-delivery-state="sent">remise, en attente de réponse');
    expect(resolution).not.toContain('delivered, awaiting an answer');
    expect(resolution).toContain('<dd>majorité simple des suffrages exprimés</dd>');

    const party = await findOrganisationBySlug(ctx.db, 'northfield-party');
    const [nec] = await listBodies(ctx.db, party!.id);
    const necSecretary = await as('nec.secretary@example.org');
    const inbox = await page(necSecretary, `/bodies/${nec!.id}/inbox`);
    expect(inbox).toContain('<td>remise, en attente de réponse</td>');
    const paths = [...inbox.matchAll(/href="(\/communications\/[^"]+)"/g)].map((m) => m[1]!);
    for (const path of paths) {
      expect((await necSecretary.form(`${path}/answers`, { type: 'acknowledge' })).status).toBe(
        303,
      );
    }
    const acknowledged = await page(necSecretary, paths[0]!);
    expect(acknowledged).toContain('reçue, avec accusé de réception');
    expect(acknowledged).not.toContain('acknowledged');

    // The Camden motion the resolution came from: carried, with its amendment lost.
    const camden = bodies.find((b) => b.name === 'Camden Town Group')!;
    const carried = (await listMotionsOfBody(ctx.db, camden.id)).find(
      (m) => m.status === 'carried',
    )!;
    const motion = await page(await as('camden.chair@example.org'), `/motions/${carried.id}`);
    expect(motion).toContain('État\u202f: adoptée');
    expect(motion).toMatch(/\(présenté par [^)]+\): rejeté/);
    expect(motion).not.toMatch(/Status|: lost/);
  });

  it('answers the inbox, composites and adopts a model motion through forms, without JavaScript', async () => {
    const { ctx, as, anonymous, bodyId } = await demo();
    const party = await findOrganisationBySlug(ctx.db, 'northfield-party');
    const [nec] = await listBodies(ctx.db, party!.id);
    const necSecretary = await as('nec.secretary@example.org');
    const inbox = await (await necSecretary.request(`/bodies/${nec!.id}/inbox`)).text();
    const paths = [...inbox.matchAll(/href="(\/communications\/[^"]+)"/g)].map((m) => m[1]!);
    expect(paths).toHaveLength(2);

    const [first, second] = paths as [string, string];
    expect((await necSecretary.form(`${first}/answers`, { type: 'acknowledge' })).status).toBe(303);
    // Out of order without a reason: the form comes back with the message, nothing saved.
    const noReason = await necSecretary.form(`${first}/answers`, { type: 'rule', inOrder: '0' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Give the reason it is out of order');
    expect(await (await necSecretary.request(first)).text()).toContain(
      'Where it stands: acknowledged.',
    );
    for (const path of [first, second]) {
      const ruled = await necSecretary.form(`${path}/answers`, { type: 'rule', inOrder: '1' });
      expect(ruled.status).toBe(303);
    }
    // The secretary of a body in another organisation cannot see it at all.
    const camdenSecretary = await as('camden.secretary@example.org');
    const outsider = await camdenSecretary.form(`${first}/answers`, { type: 'acknowledge' });
    expect(outsider.status).toBe(404);

    // Composite both into one motion of the NEC; fewer than two is refused with the reason.
    const ids = paths.map((p) => p.split('/').pop()!);
    const one = await necSecretary.form(`/bodies/${nec!.id}/composites`, {
      [`source.${ids[0]}`]: '1',
      title: 'No confidence',
    });
    expect(one.status).toBe(400);
    const refused = await one.text();
    expect(refused).toContain('Choose at least two communications');
    // The form comes back with what was typed.
    expect(refused).toContain('value="No confidence"');
    const composited = await necSecretary.form(`/bodies/${nec!.id}/composites`, {
      [`source.${ids[0]}`]: '1',
      [`source.${ids[1]}`]: '1',
      title: 'No confidence in the Leader (composite)',
      meetingId: '',
    });
    expect(composited.status).toBe(303);
    expect(composited.headers.get('location')).toMatch(/^\/motions\//);
    expect(await (await anonymous.request(RESOLUTION)).text()).toContain(
      'composited into a motion',
    );

    // Hackney adopts the Coordinating Group's model motion: one clause changed, one left out.
    const hackneySecretary = await as('hackney.secretary@example.org');
    const hackneyInbox = await (
      await hackneySecretary.request(`/bodies/${bodyId('Hackney Group')}/inbox`)
    ).text();
    const modelPath = /href="(\/communications\/[^"]+)"/.exec(hackneyInbox)![1]!;
    const form = await (await hackneySecretary.request(`${modelPath}/adopt`)).text();
    expect(form).toContain('Leave clause 1 out');
    const unescape = (v: string) =>
      v
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    const fields: Record<string, string> = {};
    for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
      fields[m[1]!] = unescape(m[2]!);
    for (const m of form.matchAll(
      /<textarea id="([^"]+)" name="[^"]+" rows="3">([^<]*)<\/textarea>/g,
    ))
      fields[m[1]!] = unescape(m[2]!);
    expect(fields['clause.5.text']).toBe('that the members must be heard');
    fields.title = 'No confidence in the Leader';
    fields['clause.5.text'] = 'that every member must be heard';
    fields['clause.1.omit'] = '1';
    // A title too long is refused by the action's schema, the changed text kept on the form.
    const tooLong = await hackneySecretary.form(`${modelPath}/adopt`, {
      ...fields,
      title: 'x'.repeat(201),
    });
    expect(tooLong.status).toBe(400);
    const again = await tooLong.text();
    expect(again).toContain('role="alert"');
    expect(again).toContain('that every member must be heard');
    const adopted = await hackneySecretary.form(`${modelPath}/adopt`, fields);
    expect(adopted.status).toBe(303);
    expect(await (await hackneySecretary.request(modelPath)).text()).toContain(
      'adopted as a motion',
    );

    // The model motion's page, for the organisation's members: 1 adoption and its diff.
    const ncgResolution = '/r/northfield-movement/no-confidence-in-the-leader-2';
    const modelPage = await (await hackneySecretary.request(`${ncgResolution}/model`)).text();
    expect(modelPage).toContain('Publicised to 3 bodies. Adopted by 1; tabled by 1; passed by 0.');
    expect(modelPage).toContain('Left out: the model’s clause 2:');
    expect(modelPage).toContain('<del>the members</del>');
    expect(modelPage).toContain('<ins>every member</ins>');
    // Public with its resolution: anyone sees it, with the adoptions of bodies that publish.
    const forAll = await anonymous.request(`${ncgResolution}/model`);
    expect(forAll.status).toBe(200);
    expect(await forAll.text()).toContain('Adopted by 1; tabled by 1; passed by 0.');
    // A branch that keeps its resolutions to the organisation keeps its adoption there too.
    const hackney = bodyId('Hackney Group');
    expect(
      (await hackneySecretary.form(`/bodies/${hackney}/publication`, { resolutionsPrivate: 'on' }))
        .status,
    ).toBe(303);
    expect(await (await anonymous.request(`${ncgResolution}/model`)).text()).toContain(
      'Adopted by 0; tabled by 0; passed by 0.',
    );
    expect(await (await hackneySecretary.request(`${ncgResolution}/model`)).text()).toContain(
      'Adopted by 1; tabled by 1; passed by 0.',
    );
  });
});
