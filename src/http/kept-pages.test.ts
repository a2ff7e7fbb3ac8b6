import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { client } from '../../test/http-client.ts';
import { loadActor } from '../app/common/actor.ts';
import { signInToMeeting } from '../app/meetings/sign-in-to-meeting.ts';
import { openDatabase, type OpenDatabase } from '../db/database.ts';
import { listBallotsOfBody } from '../db/queries/ballots.ts';
import { listMeetingsOfBody } from '../db/queries/meetings.ts';
import { findOrganisationBySlug, listBodies } from '../db/queries/organisations.ts';
import { findPersonByEmail } from '../db/queries/people.ts';
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
