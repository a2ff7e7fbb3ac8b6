import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { client } from '../../test/http-client.ts';
import { loadActor } from '../app/common/actor.ts';
import { signInToMeeting } from '../app/meetings/sign-in-to-meeting.ts';
import { viewBallot } from '../app/ballots/view-ballot.ts';
import { openDatabase, type OpenDatabase } from '../db/database.ts';
import { findBallot, listBallotsOfBody } from '../db/queries/ballots.ts';
import { listMeetingsOfBody } from '../db/queries/meetings.ts';
import { findOrganisationBySlug, listBodies } from '../db/queries/organisations.ts';
import { findPersonByEmail } from '../db/queries/people.ts';
import { insertProxy } from '../db/queries/proxies.ts';
import { seedDemo } from '../demo/seed-demo.ts';

/**
 * The signed-in meeting and ballot pages are built from what every reader shares, kept at the
 * database's version (src/app/common/kept-views.ts), and the reader's own part, worked out for
 * each request: a write by another connection shows at once, and no reader sees another's part.
 */
for (const dialect of DIALECTS) {
  describe(`signed-in pages kept between readers [${dialect}]`, () => {
    let open: OpenDatabase & { env: Record<string, string> };
    let other: OpenDatabase;
    let ctx: ReturnType<typeof testContext>;
    let password: string;
    let meetingPath: string;
    let ballotPath: string;
    let ballotId: string;
    let meetingId: string;

    beforeAll(async () => {
      open = await freshDatabase(dialect, { onDisk: true });
      // A second connection to the same database, as the CLI or a second server would have.
      other = openDatabase(
        dialect === 'sqlite'
          ? { kind: 'sqlite', file: open.env.SQLITE_FILE! }
          : { kind: 'postgres', url: open.env.DATABASE_URL! },
      );
      ctx = testContext(open);
      ({ password } = await seedDemo(ctx));
      const org = await findOrganisationBySlug(ctx.db, 'northfield-movement');
      const camden = (await listBodies(ctx.db, org!.id)).find(
        (b) => b.name === 'Camden Town Group',
      )!;
      const [meeting] = await listMeetingsOfBody(ctx.db, camden.id);
      const [ballot] = await listBallotsOfBody(ctx.db, camden.id);
      meetingId = meeting!.id;
      ballotId = ballot!.id;
      meetingPath = `/meetings/${meetingId}`;
      ballotPath = `/ballots/${ballotId}`;
    }, 120_000);
    afterAll(async () => {
      await other?.close();
      await open?.close();
    });

    const as = async (email: string) => {
      const c = client(ctx);
      expect((await c.form('/sign-in', { email, password })).status).toBe(303);
      return c;
    };
    const read = async (c: ReturnType<typeof client>, path: string) => {
      const res = await c.request(path);
      expect(res.status).toBe(200);
      return res.text();
    };

    it('shows a member signed in by another connection on the meeting page at once', async () => {
      const chair = await as('camden.chair@example.org');
      const before = await read(chair, meetingPath);
      expect(await read(chair, meetingPath)).toBe(before);
      const member = await findPersonByEmail(other.db, 'camden.member@example.org');
      const chairId = (await findPersonByEmail(other.db, 'camden.chair@example.org'))!.id;
      const actor = await loadActor(other.db, chairId, '2026-07-01');
      await signInToMeeting(testContext(other), {
        actor,
        meetingId,
        personId: member!.id,
      });
      const after = await read(chair, meetingPath);
      // The quorum line counts those present: one more than the kept page said.
      const present = (page: string) => Number(/(\d+) of \d+ members present/.exec(page)![1]);
      expect(present(after)).toBe(present(before) + 1);
    }, 60_000);

    it('shows a ballot changed by another connection on the ballot page at once', async () => {
      const chair = await as('camden.chair@example.org');
      expect(await read(chair, ballotPath)).not.toContain('Asked again elsewhere');
      await other.db
        .updateTable('ballots')
        .set({ question: 'Asked again elsewhere' })
        .where('id', '=', ballotId)
        .execute();
      expect(await read(chair, ballotPath)).toContain('Asked again elsewhere');
    }, 60_000);

    it('shows a proxy lodged by another connection to its holder at once, and to no one else', async () => {
      // The demo's ballots are closed, so their pages show no votes to cast: the ballot's view,
      // as its page reads it, says which proxies the reader holds.
      const camdenBallots = await listBallotsOfBody(
        ctx.db,
        (await findBallot(ctx.db, ballotId))!.body_id,
      );
      const ranked = camdenBallots.find((b) => b.end_to_end === 0)!;
      const chairId = (await findPersonByEmail(other.db, 'camden.chair@example.org'))!.id;
      const memberId = (await findPersonByEmail(other.db, 'camden.member@example.org'))!.id;
      const held = async (personId: string) =>
        (
          await viewBallot(ctx, {
            actor: await loadActor(ctx.db, personId, '2026-07-01'),
            ballotId: ranked.id,
          })
        ).me.proxies.map((p) => p.giverId);
      // Both read it first, so that who holds a proxy here is kept, with no one in it.
      expect(await held(chairId)).toEqual([]);
      expect(await held(memberId)).toEqual([]);
      // An elector of the ballot who is neither reader gives the chair a proxy.
      const giver = await other.db
        .selectFrom('ballot_electors')
        .select('person_id')
        .where('ballot_id', '=', ranked.id)
        .where('person_id', 'not in', [chairId, memberId])
        .orderBy('person_id')
        .executeTakeFirstOrThrow();
      await insertProxy(other.db, {
        id: 'kept-pages-proxy',
        organisation_id: ranked.organisation_id,
        body_id: ranked.body_id,
        meeting_id: null,
        ballot_id: ranked.id,
        giver_person_id: giver.person_id,
        holder_person_id: chairId,
        instruction: null,
        state: 'lodged',
        refusal_reason: null,
        lodged_at: '2026-07-01T10:00:00.000Z',
        ended_at: null,
      });
      // Each order of reading: the second reader is served from what the first left kept.
      for (const [first, second] of [
        [chairId, memberId],
        [memberId, chairId],
      ]) {
        const firstHeld = await held(first!);
        const secondHeld = await held(second!);
        const [chairHeld, memberHeld] =
          first === chairId ? [firstHeld, secondHeld] : [secondHeld, firstHeld];
        expect(chairHeld).toEqual([giver.person_id]);
        expect(memberHeld).toEqual([]);
      }
      await other.db
        .updateTable('proxies')
        .set({ state: 'withdrawn', ended_at: '2026-07-01T11:00:00.000Z' })
        .where('id', '=', 'kept-pages-proxy')
        .execute();
      expect(await held(chairId)).toEqual([]);
    }, 60_000);

    it('gives each reader of the same meeting their own rights and part, whoever read it first', async () => {
      const chair = await as('camden.chair@example.org');
      const member = await as('camden.member@example.org');
      const agendaForm = `action="${meetingPath}/agenda"`;
      // Each order of reading: the second reader is served from what the first left kept.
      for (const [first, second] of [
        [chair, member],
        [member, chair],
      ] as const) {
        const firstPage = await read(first, meetingPath);
        const secondPage = await read(second, meetingPath);
        const [chairPage, memberPage] =
          first === chair ? [firstPage, secondPage] : [secondPage, firstPage];
        expect(chairPage).toContain(agendaForm);
        expect(memberPage).not.toContain(agendaForm);
        // The member signed in by the first test sees themselves present; the chair does not.
        expect(memberPage).toContain(`action="${meetingPath}/sign-out"`);
        expect(chairPage).not.toContain(`action="${meetingPath}/sign-out"`);
      }
      // A reader who may not take part in the body is told the meeting does not exist.
      const outsider = await as('hackney.secretary@example.org');
      expect((await outsider.request(meetingPath)).status).toBe(404);
      expect((await outsider.request(ballotPath)).status).toBe(404);
    }, 60_000);
  });
}
