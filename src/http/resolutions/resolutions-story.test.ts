import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { flushOutbox, giveAccounts, movableContext, sessionFor } from '../../../test/factories.ts';
import { mailBody, mailerThrough, mailHeader, smtpServerPerTest } from '../../../test/smtp.ts';
import {
  actorFor,
  branchOf,
  noConfidenceClauses,
  northfield,
  personWithAccount,
} from '../../../test/story.ts';
import { describedPaths } from '../../../test/route-table.ts';
import { childrenNamed, childText, parseXml } from '../../../test/xml.ts';
import { assignRole } from '../../app/organisations/assign-role.ts';
import { verifyAuditChains } from '../../app/common/audit-log.ts';
import { createOrganisation } from '../../app/organisations/create-organisation.ts';
import { importMembers } from '../../app/organisations/import-members.ts';
import { listCurrentMembers } from '../../db/queries/meetings.ts';
import { createHttpApp } from '../app.tsx';

/**
 * DESIGN.md section 2, steps 5–7, through the HTTP API on both databases, every email through a
 * real SMTP server:
 *
 * 5. Camden's no-confidence motion, carried 23–4–2, is published at a permanent public link and
 *    in the feed, and delivered to the two bodies it calls on, each delivery with a state.
 * 6. The National Coordinating Group finds it in its inbox, rules it in order, puts it on its
 *    agenda and carries it; it publishes its resolution as a model motion to every local group
 *    (each secretary emailed); Islington adopts it as it is and Hackney with one clause changed;
 *    the model motion shows 2 adoptions and Hackney's changed clause.
 * 7. The Northfield Party NEC (another organisation) rules it in order, composites it with the
 *    Coordinating Group's resolution (which calls on the NEC too), and carries it by a secret
 *    ballot of those present; the result appears on Camden's resolution page, and Camden's
 *    secretary was emailed each step.
 */

const ORIGIN = 'http://seconded.test';
type Reply = { status: number; body: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

function apiClient(app: ReturnType<typeof createHttpApp>, token: string | null) {
  return async (method: string, path: string, body?: unknown): Promise<Reply> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.cookie = `seconded_session=${token}`;
    const res = await app.request(`${ORIGIN}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
}

/** A register of `count` fictional members for a body, as the membership system exports it. */
const register = (prefix: string, branch: string, count: number, extra: string[] = []) =>
  [
    'Membership Number,Full Name,Email,Branch,Joined',
    ...Array.from(
      { length: count },
      (_, i) =>
        `${prefix}${i},Member ${prefix}${i},${prefix.toLowerCase()}${i}@example.org,${branch},2020-01-01`,
    ),
    ...extra,
  ].join('\n');

describeEachDatabase(
  'resolutions travel (DESIGN.md §2, steps 5–7, through the API)',
  (database) => {
    const startSmtpServer = smtpServerPerTest();

    it('publishes, delivers, answers, broadcasts and adopts, and Camden sees every answer', async () => {
      const smtp = await startSmtpServer();
      const ctx = movableContext(database(), { mailer: mailerThrough(smtp.port) });
      const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });

      // Step 1: the two organisations, their bodies, members and secretaries.
      const story = await northfield(ctx);
      let admin = story.admin;
      const islingtonId = await branchOf(ctx, admin, story.nationalId, 'Islington Group');
      const party = await createOrganisation(ctx, {
        actor: admin,
        name: 'Northfield Party',
        topBodyName: 'National Executive Committee',
        preset: 'citrine',
      });
      admin = await actorFor(ctx, story.adminId);
      const bodies = {
        camden: { id: story.camdenId, name: 'Camden Town Group', prefix: 'C', size: 38 },
        national: {
          id: story.nationalId,
          name: 'National Coordinating Group',
          prefix: 'N',
          size: 11,
        },
        hackney: { id: story.hackneyId, name: 'Hackney Group', prefix: 'H', size: 11 },
        islington: { id: islingtonId, name: 'Islington Group', prefix: 'I', size: 11 },
        nec: { id: party.topBodyId, name: 'National Executive Committee', prefix: 'P', size: 11 },
      };
      const secretaries: Record<string, { personId: string; email: string }> = {};
      for (const [key, b] of Object.entries(bodies)) {
        const email = `${key}.secretary@example.org`;
        const personId = await personWithAccount(ctx, email, { name: `${b.name} Secretary` });
        secretaries[key] = { personId, email };
        await importMembers(ctx, {
          actor: admin,
          bodyId: key === 'nec' ? party.topBodyId : story.nationalId,
          csv: register(b.prefix, b.name, b.size, [
            `${b.prefix}S,${b.name} Secretary,${email},${b.name},2019-01-01`,
          ]),
          dryRun: false,
        });
        await assignRole(ctx, {
          actor: admin,
          bodyId: b.id,
          personId,
          role: 'secretary',
          holds: true,
        });
      }
      const membersOf = async (bodyId: string) =>
        (await listCurrentMembers(ctx.db, bodyId, '2026-07-01')).map((m) => m.person_id);
      const as: Record<string, ReturnType<typeof apiClient>> = {};
      for (const [key, s] of Object.entries(secretaries))
        as[key] = apiClient(app, await sessionFor(ctx, s.personId));
      const anonymous = apiClient(app, null);
      const page = (path: string) => app.request(`${ORIGIN}${path}`);

      // Each body's next meeting, called with notice on 1 July.
      const meetingOf: Record<string, string> = {};
      for (const [key, startsAt] of [
        ['camden', '2026-07-09T18:00:00Z'],
        ['national', '2026-07-20T18:00:00Z'],
        ['nec', '2026-07-25T10:00:00Z'],
      ] as const) {
        const called = await as[key]!('POST', `/bodies/${bodies[key].id}/meetings`, {
          title: 'General meeting',
          startsAt,
          giveNotice: true,
        });
        expect(called.status).toBe(201);
        meetingOf[key] = called.body.meetingId as string;
      }

      /** Holds a body's meeting on a motion on its agenda: signs members in, moves, votes. */
      const holdMeeting = async (
        key: 'camden' | 'national' | 'nec',
        motionId: string,
        counts: { for: number; against: number; abstain: number },
        secret = false,
      ) => {
        const secretary = as[key]!;
        const meetingId = meetingOf[key]!;
        const members = await membersOf(bodies[key].id);
        const present = members.filter((id) => id !== secretaries[key]!.personId);
        const n = counts.for + counts.against + counts.abstain;
        for (const personId of [secretaries[key]!.personId, ...present.slice(0, n - 1)]) {
          const signed = await secretary('POST', `/meetings/${meetingId}/attendance`, { personId });
          expect(signed.status).toBe(200);
        }
        expect((await secretary('POST', `/meetings/${meetingId}/open`)).status).toBe(200);
        const motion = (await secretary('GET', `/motions/${motionId}`)).body;
        const proposer = motion.proposer.id as string;
        const seconder = present.find((id) => id !== proposer)!;
        expect(
          (await secretary('POST', `/motions/${motionId}/steps`, { type: 'move', by: proposer }))
            .status,
        ).toBe(200);
        expect(
          (await secretary('POST', `/motions/${motionId}/steps`, { type: 'second', by: seconder }))
            .status,
        ).toBe(200);
        if (!secret) {
          const put = await secretary('POST', `/motions/${motionId}/question`, {
            mode: 'show-of-hands',
          });
          expect(put.status).toBe(201);
          const vote = await secretary('POST', `/questions/${put.body.questionId}/vote`, {
            mode: 'show-of-hands',
            counts,
          });
          expect(vote.status).toBe(200);
          return vote.body;
        }
        // A secret ballot of those present: each votes online (so each has an account: members
        // present without one vote on paper); closing it declares the result.
        await giveAccounts(ctx, present.slice(0, n - 1));
        const put = await secretary('POST', `/motions/${motionId}/question`, {
          mode: 'secret-ballot',
        });
        expect(put.status).toBe(201);
        const ballotId = put.body.ballotId as string;
        const voters = [secretaries[key]!.personId, ...present.slice(0, n - 1)];
        const choices = [
          ...Array<string>(counts.for).fill('for'),
          ...Array<string>(counts.against).fill('against'),
          ...Array<string>(counts.abstain).fill('abstain'),
        ];
        for (const [i, personId] of voters.entries()) {
          const voter = apiClient(app, await sessionFor(ctx, personId));
          const cast = await voter('POST', `/ballots/${ballotId}/votes`, { choice: choices[i] });
          expect(cast.status).toBe(201);
        }
        expect((await secretary('POST', `/ballots/${ballotId}/close`)).status).toBe(200);
        const view = (await secretary('GET', `/meetings/${meetingId}`)).body;
        const question = view.questions.at(-1);
        expect(question.mode).toBe('secret-ballot');
        const decided = (await secretary('GET', `/motions/${motionId}`)).body;
        return { outcome: decided.status, declared: question.declared };
      };

      // Step 3–4: the motion of no confidence, calling on the NEC (another organisation on this
      // server) and the National Coordinating Group; carried 23–4–2 at Camden's July meeting.
      const camdenMembers = (await membersOf(bodies.camden.id)).filter(
        (id) => id !== secretaries.camden!.personId,
      );
      const proposer = apiClient(app, await sessionFor(ctx, camdenMembers[0]!));
      const drafted = await proposer('POST', `/bodies/${bodies.camden.id}/motions`, {
        meetingId: meetingOf.camden,
        title: 'No confidence in the Leader',
        clauses: noConfidenceClauses({ necId: bodies.nec.id, nationalId: bodies.national.id }),
      });
      expect(drafted.status).toBe(201);
      const motionId = drafted.body.motionId as string;
      expect((await proposer('POST', `/motions/${motionId}/submit`)).status).toBe(200);
      expect(
        (await as.camden!('POST', `/meetings/${meetingOf.camden}/agenda`, { motionId })).status,
      ).toBe(201);
      ctx.setNow('2026-07-09T18:00:00Z');
      const carried = await holdMeeting('camden', motionId, { for: 23, against: 4, abstain: 2 });
      expect(carried).toMatchObject({
        outcome: 'carried',
        declared: 'carried: simple majority of votes cast, 23–4, 2 abstentions',
      });

      // Step 5: the resolution, published in the same transaction, at a permanent public link.
      const listed = await as.camden!('GET', `/bodies/${bodies.camden.id}/resolutions`);
      expect(listed.body.resolutions).toHaveLength(1);
      const camdenResolution = listed.body.resolutions[0] as { id: string; path: string };
      expect(camdenResolution.path).toBe('/r/northfield-movement/no-confidence-in-the-leader');
      /** Where Camden's resolution stands with its `n`th addressee, and each status it passed. */
      const deliveryTo = async (n: number) => {
        const resolution = await anonymous('GET', `/resolutions/${camdenResolution.id}`);
        const { addressee, status, history } = resolution.body.deliveries[n] as {
          addressee: string;
          status: string;
          history: { status: string }[];
        };
        return { addressee, status, history: history.map((h) => h.status) };
      };
      const published = await page(camdenResolution.path);
      expect(published.status).toBe(200);
      const html = await published.text();
      expect(html).toContain('No confidence in the Leader');
      expect(html).toContain('carried: simple majority of votes cast, 23–4, 2 abstentions');
      expect(html).toContain('calls on the Northfield Party NEC to pass a motion of no confidence');
      const publicView = await anonymous('GET', `/resolutions/${camdenResolution.id}`);
      expect(publicView.status).toBe(200);
      expect(publicView.body).toMatchObject({
        text: { title: 'No confidence in the Leader' },
        meeting: { title: 'General meeting' },
        rule: 'simple majority of votes cast',
        counts: { for: 23, against: 4, abstain: 2 },
      });
      expect(
        (publicView.body.deliveries as { addressee: string; status: string }[]).map((d) => [
          d.addressee,
          d.status,
        ]),
      ).toEqual([
        ['the Northfield Party NEC', 'sent'],
        ['the National Coordinating Group', 'sent'],
      ]);
      // ... and in the organisation's feed, and Camden's.
      for (const path of [
        '/r/northfield-movement/feed.atom',
        `/r/northfield-movement/bodies/camden-town-group/feed.atom`,
      ]) {
        const res = await page(path);
        expect(res.headers.get('content-type')).toContain('application/atom+xml');
        const feed = parseXml(await res.text());
        expect(feed.name).toBe('feed');
        expect(feed.attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
        const entries = childrenNamed(feed, 'entry');
        expect(entries.map((e) => childText(e, 'title'))).toContain('No confidence in the Leader');
        const entry = entries.find((e) => childText(e, 'title') === 'No confidence in the Leader')!;
        expect(childText(entry, 'id')).toBe(`${ctx.baseUrl}${camdenResolution.path}`);
        expect(childText(entry, 'summary')).toContain('23–4');
      }

      // Step 6: the National Coordinating Group's inbox has it; its secretary acknowledges it,
      // rules it in order and puts it on the agenda of the Group's meeting, which carries it.
      ctx.setNow('2026-07-10T09:00:00Z');
      const ncgInbox = await as.national!('GET', `/bodies/${bodies.national.id}/inbox`);
      expect(ncgInbox.body.items).toHaveLength(1);
      const toNcg = ncgInbox.body.items[0] as { id: string; title: string; status: string };
      expect(toNcg).toMatchObject({
        title: 'No confidence in the Leader',
        status: 'sent',
        from: 'Camden Town Group, Northfield Movement',
      });
      const answer = (key: string, id: string, body: unknown) =>
        as[key]!('POST', `/communications/${id}/answers`, body);
      expect((await answer('national', toNcg.id, { type: 'acknowledge' })).body).toMatchObject({
        status: 'acknowledged',
      });
      // Steps out of order are refused with the state machine's code, never a 500.
      expect(await answer('national', toNcg.id, { type: 'acknowledge' })).toMatchObject({
        status: 409,
        body: { error: 'ILLEGAL_TRANSITION' },
      });
      expect(await answer('national', toNcg.id, { type: 'rule', inOrder: false })).toMatchObject({
        status: 400,
        body: { error: 'VALIDATION_FAILED' },
      });
      expect(
        await as.national!('POST', `/communications/${toNcg.id}/agenda`, {
          meetingId: meetingOf.national,
        }),
      ).toMatchObject({ status: 409, body: { error: 'ILLEGAL_TRANSITION' } });
      // Only the receiving body's secretary answers; another organisation cannot see it at all.
      expect((await answer('camden', toNcg.id, { type: 'rule', inOrder: true })).status).toBe(403);
      expect((await answer('nec', toNcg.id, { type: 'rule', inOrder: true })).status).toBe(404);
      expect(
        (await answer('national', toNcg.id, { type: 'rule', inOrder: true })).body,
      ).toMatchObject({ status: 'ruled-in' });
      const onAgenda = await as.national!('POST', `/communications/${toNcg.id}/agenda`, {
        meetingId: meetingOf.national,
      });
      expect(onAgenda).toMatchObject({ status: 201, body: { status: 'on-agenda' } });
      const ncgMotion = (await as.national!('GET', `/motions/${onAgenda.body.motionId}`)).body;
      // What Camden called on the Group to do, the Group resolves to do.
      expect(JSON.stringify(ncgMotion)).toContain(
        'resolves to support this demand and publicise its support to all local groups',
      );
      ctx.setNow('2026-07-20T18:00:00Z');
      expect(
        await holdMeeting('national', onAgenda.body.motionId as string, {
          for: 9,
          against: 1,
          abstain: 1,
        }),
      ).toMatchObject({ outcome: 'carried' });
      // Its outcome went back to Camden automatically.
      expect(await deliveryTo(1)).toEqual({
        addressee: 'the National Coordinating Group',
        status: 'carried',
        history: ['sent', 'acknowledged', 'ruled-in', 'on-agenda', 'carried'],
      });

      // The Group publishes its resolution as a model motion to every local group.
      ctx.setNow('2026-07-21T09:00:00Z');
      const ncgResolutions = await as.national!('GET', `/bodies/${bodies.national.id}/resolutions`);
      const model = ncgResolutions.body.resolutions[0] as { id: string; path: string };
      const broadcast = await as.national!('POST', `/resolutions/${model.id}/model-motion`);
      expect(broadcast).toMatchObject({ status: 201, body: { publicisedTo: 3 } });
      expect((await as.national!('POST', `/resolutions/${model.id}/model-motion`)).status).toBe(
        409,
      );

      // Islington adopts it as it is; Hackney with one clause changed.
      ctx.setNow('2026-07-22T09:00:00Z');
      const inboxItem = async (key: string) =>
        (
          (await as[key]!('GET', `/bodies/${bodies[key as keyof typeof bodies].id}/inbox`)).body
            .items as { id: string; kind: string }[]
        ).find((i) => i.kind === 'model-motion')!;
      const islingtonItem = await inboxItem('islington');
      expect(
        (await as.islington!('POST', `/communications/${islingtonItem.id}/adoption`, {})).status,
      ).toBe(201);
      const hackneyItem = await inboxItem('hackney');
      const offered = (await as.hackney!('GET', `/communications/${hackneyItem.id}`)).body;
      const own = offered.resolution.ownText as {
        title: string;
        clauses: { id: string; kind: string; text: string; addressee?: Record<string, string> }[];
      };
      const changedText = 'that the members of every branch must be heard';
      const adopted = await as.hackney!('POST', `/communications/${hackneyItem.id}/adoption`, {
        text: {
          title: own.title,
          clauses: own.clauses.map((c) => ({
            id: c.id,
            kind: c.kind,
            text: c.text === 'that the members must be heard' ? changedText : c.text,
            ...(c.addressee?.kind === 'body'
              ? { bodyId: c.addressee.bodyId, bodyName: c.addressee.name }
              : {}),
          })),
        },
      });
      expect(adopted).toMatchObject({ status: 201, body: { status: 'adopted' } });
      const adoptions = (await as.hackney!('GET', `/resolutions/${model.id}/adoptions`)).body;
      expect(adoptions.counts).toEqual({ adopted: 2, tabled: 2, passed: 0 });
      const byBody = Object.fromEntries(
        (
          adoptions.adoptions as {
            bodyName: string;
            changed: boolean;
            diff: { change: string; model?: { text: string }; branch?: { text: string } }[];
          }[]
        ).map((a) => [a.bodyName, a]),
      );
      expect(byBody['Islington Group']!.changed).toBe(false);
      expect(byBody['Hackney Group']!.changed).toBe(true);
      const changes = byBody['Hackney Group']!.diff.filter((d) => d.change !== 'same');
      expect(changes).toEqual([
        expect.objectContaining({
          change: 'changed',
          model: expect.objectContaining({ text: 'that the members must be heard' }),
          branch: expect.objectContaining({ text: changedText }),
        }),
      ]);
      const modelPage = await app.request(`${ORIGIN}${model.path}/model`, {
        headers: {
          cookie: `seconded_session=${await sessionFor(ctx, secretaries.national!.personId)}`,
        },
      });
      const modelHtml = await modelPage.text();
      expect(modelHtml).toContain('Adopted by 2; tabled by 2; passed by 0.');
      expect(modelHtml).toContain('<ins>of every branch</ins>');

      // Step 7: the NEC, in another organisation, has Camden's resolution and the Group's (which
      // calls on the NEC too). It rules both in order and composites them into one motion.
      ctx.setNow('2026-07-23T09:00:00Z');
      const necInbox = (await as.nec!('GET', `/bodies/${bodies.nec.id}/inbox`)).body.items as {
        id: string;
        from: string;
      }[];
      expect(necInbox.map((i) => i.from).sort()).toEqual([
        'Camden Town Group, Northfield Movement',
        'National Coordinating Group, Northfield Movement',
      ]);
      for (const item of necInbox)
        expect((await answer('nec', item.id, { type: 'rule', inOrder: true })).status).toBe(200);
      const composite = await as.nec!('POST', `/bodies/${bodies.nec.id}/composites`, {
        communicationIds: necInbox.map((i) => i.id),
        title: 'No confidence in the Leader (composite)',
        meetingId: meetingOf.nec,
      });
      expect(composite).toMatchObject({ status: 201, body: { sources: 2 } });
      ctx.setNow('2026-07-25T10:00:00Z');
      expect(
        await holdMeeting(
          'nec',
          composite.body.motionId as string,
          { for: 7, against: 3, abstain: 1 },
          true,
        ),
      ).toMatchObject({ outcome: 'carried' });

      // The result is on Camden's resolution page.
      expect(await deliveryTo(0)).toEqual({
        addressee: 'the Northfield Party NEC',
        status: 'carried',
        history: ['sent', 'ruled-in', 'composited', 'carried'],
      });
      const finalHtml = await (await page(camdenResolution.path)).text();
      expect(finalHtml).toContain('carried: simple majority of votes cast, 7–3, 1 abstention');

      // Every mail reached the real SMTP server: each local group's secretary got the model
      // motion, and Camden's secretary was told of every answer.
      await flushOutbox(ctx);
      const mails = smtp.received.map((m) => ({ to: mailHeader(m, 'To'), body: mailBody(m) }));
      for (const key of ['camden', 'hackney', 'islington'])
        expect(
          mails.filter(
            (m) => m.to === secretaries[key]!.email && m.body.includes('as a model motion for'),
          ),
          key,
        ).toHaveLength(1);
      const toCamden = mails.filter(
        (m) => m.to === secretaries.camden!.email && m.body.includes('Your resolution'),
      );
      // NCG: acknowledged, ruled in, on the agenda, carried; NEC: ruled in, composited, carried.
      expect(toCamden).toHaveLength(7);

      // Every step is in the audit chains, and both chains hold.
      for (const report of await verifyAuditChains(ctx.db)) expect(report.broken).toBeNull();
      expect(await describedPaths({ request: page })).toEqual(
        expect.arrayContaining([
          '/resolutions/{id}',
          '/bodies/{id}/inbox',
          '/communications/{id}/answers',
          '/communications/{id}/agenda',
          '/bodies/{id}/composites',
          '/resolutions/{id}/model-motion',
          '/communications/{id}/adoption',
          '/resolutions/{id}/adoptions',
        ]),
      );
      const actions = (await ctx.db.selectFrom('audit_events').select('action').execute()).map(
        (r) => r.action,
      );
      for (const action of [
        'resolution.published',
        'resolution.delivered',
        'communication.received',
        'communication.acknowledge',
        'communication.rule',
        'communication.put-on-agenda',
        'communication.composite',
        'communication.record-outcome',
        'resolution.modelPublished',
        'modelMotion.adopted',
      ])
        expect(actions).toContain(action);
    });
  },
);
