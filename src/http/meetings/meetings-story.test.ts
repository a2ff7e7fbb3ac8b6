import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { giveAccounts, movableContext, sessionFor } from '../../../test/factories.ts';
import {
  exampleText,
  noConfidenceClauses,
  noConfidenceMinutesLines,
  northfield,
} from '../../../test/story.ts';
import { describedPaths } from '../../../test/route-table.ts';
import type { AppContext } from '../../app/common/context.ts';
import { verifyAuditChains } from '../../app/common/audit-log.ts';
import { presetStandingOrders } from '../../domain/organisations/standing-orders.ts';
import { createHttpApp } from '../app.tsx';

/**
 * DESIGN.md section 2, steps 2–4, through the HTTP API on both databases: the Camden secretary
 * imports 40 members and calls the July general meeting with notice; a member drafts the motion
 * of no confidence and another seconds it; it goes on the agenda; 29 sign in; an amendment to
 * clause 3 is moved, seconded and lost; the motion is carried 23–4–2 by show of hands; the
 * draft minutes hold the proposer, seconder, amendment and numbers. With 9 signed in, putting
 * the question is refused with QUORUM_NOT_MET. Then the same motion carried 23–4–2 by an online
 * secret ballot of the 29 present, each voting with their own session.
 */

const ORIGIN = 'http://seconded.test';

/** Two more rows for the 38 active members of the shared register: 40, as in the story. */
const TWO_MORE = [
  'Membership Number,Full Name,Email,Branch,Joined,Status',
  'M100900,Robin Hale,robin.hale@example.org,Camden Town Group,2019-03-02,Active',
  'M100901,Sam Okafor,sam.okafor@example.org,Camden Town Group,2020-11-15,Active',
].join('\n');

type Reply = { status: number; body: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

function client(app: ReturnType<typeof createHttpApp>, token: string) {
  return async (method: string, path: string, body?: unknown): Promise<Reply> => {
    const res = await app.request(`${ORIGIN}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie: `seconded_session=${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
}

async function camdenMeeting(ctx: AppContext & { setNow: (iso: string) => void }) {
  const story = await northfield(ctx);
  const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
  const secretary = client(app, await sessionFor(ctx, story.adminId));
  // The secretary sets Camden's standing orders: quorum 10 members, a simple majority of votes
  // cast, the chair has a casting vote.
  const rules = await secretary('PUT', `/bodies/${story.camdenId}/standing-orders`, {
    ...presetStandingOrders('citrine'),
    quorum: { kind: 'count', members: 10 },
    noticeDays: 7,
    defaultThreshold: 'simple-majority-of-votes-cast',
    tieRule: 'casting-vote',
  });
  expect(rules.status).toBe(200);

  // Step 2: the secretary imports 40 members from CSV.
  for (const csv of [exampleText('members/camden-branch-register.csv'), TWO_MORE]) {
    const imported = await secretary('POST', `/bodies/${story.camdenId}/imports`, {
      csv,
      dryRun: false,
    });
    expect(imported.status).toBe(200);
  }
  const register = await secretary('GET', `/bodies/${story.camdenId}/members`);
  const members = (register.body.members as { personId: string; name: string }[]).filter(
    (m) => m.personId,
  );
  expect(members).toHaveLength(40);
  const byName = (name: string) => members.find((m) => m.name === name)!.personId;
  const proposer = byName('Robin Hale');
  const seconder = byName('Sam Okafor');
  const others = members.map((m) => m.personId).filter((id) => id !== proposer && id !== seconder);

  // ... and calls the July general meeting with 7 days' notice, given now (1 July).
  const called = await secretary('POST', `/bodies/${story.camdenId}/meetings`, {
    title: 'July general meeting',
    startsAt: '2026-07-09T18:00:00Z',
    location: 'Camden Centre, Judd Street',
    giveNotice: true,
  });
  expect(called.status).toBe(201);
  const meetingId = called.body.meetingId as string;

  // Step 3: a member drafts the motion: six notes/believes clauses and two "calls on".
  const asProposer = client(app, await sessionFor(ctx, proposer));
  const asSeconder = client(app, await sessionFor(ctx, seconder));
  const drafted = await asProposer('POST', `/bodies/${story.camdenId}/motions`, {
    meetingId,
    title: 'No confidence in the Leader',
    clauses: noConfidenceClauses({ nationalId: story.nationalId }),
  });
  expect(drafted.status).toBe(201);
  const motionId = drafted.body.motionId as string;
  const clauseIds = (drafted.body.text.clauses as { id: string }[]).map((c) => c.id);
  expect(new Set(clauseIds).size).toBe(8);

  // Another member seconds it; the proposer submits it; the secretary puts it on the agenda.
  expect((await asSeconder('POST', `/motions/${motionId}/second`)).status).toBe(200);
  const submitted = await asProposer('POST', `/motions/${motionId}/submit`);
  expect(submitted.body).toMatchObject({ ok: true, status: 'submitted' });
  const onAgenda = await secretary('POST', `/meetings/${meetingId}/agenda`, { motionId });
  expect(onAgenda.status).toBe(201);

  return { ...story, app, secretary, meetingId, motionId, clauseIds, proposer, seconder, others };
}

describeEachDatabase(
  'the July general meeting through the API (DESIGN.md §2, steps 2–4)',
  (database) => {
    it('carries the motion 23–4–2 after losing an amendment, and drafts the minutes', async () => {
      const ctx = movableContext(database());
      const m = await camdenMeeting(ctx);
      const { secretary, meetingId, motionId, clauseIds, proposer, seconder, others } = m;

      // Too early: the notice has not run.
      ctx.setNow('2026-07-05T18:00:00Z');
      const early = await secretary('POST', `/meetings/${meetingId}/open`);
      expect(early.body).toMatchObject({ ok: false, error: 'NOTICE_NOT_GIVEN' });

      // Step 4, 9 July: 29 members sign in (the secretary signs 27 in; the proposer and seconder
      // sign themselves in); quorum met.
      ctx.setNow('2026-07-09T18:00:00Z');
      const present = others.slice(0, 27);
      for (const personId of present) {
        const signed = await secretary('POST', `/meetings/${meetingId}/attendance`, { personId });
        expect(signed.status).toBe(200);
      }
      const asProposer = client(m.app, await sessionFor(ctx, proposer));
      const asSeconder = client(m.app, await sessionFor(ctx, seconder));
      await asProposer('POST', `/meetings/${meetingId}/attendance`, {});
      const last = await asSeconder('POST', `/meetings/${meetingId}/attendance`, {});
      expect(last.body.quorum).toEqual({ met: true, present: 29, required: 10 });
      // Someone not a member cannot sign in (the administrator is an officer above, not a member).
      expect((await secretary('POST', `/meetings/${meetingId}/attendance`, {})).body.error).toBe(
        'NOT_A_MEMBER',
      );

      const opened = await secretary('POST', `/meetings/${meetingId}/open`);
      expect(opened.body).toMatchObject({ ok: true, quorum: { met: true, present: 29 } });

      // The proposer moves the motion; the seconder seconds it.
      expect(
        (await asProposer('POST', `/motions/${motionId}/steps`, { type: 'move' })).body,
      ).toMatchObject({ status: 'moved' });
      // The question cannot be put on a motion nobody has seconded.
      expect(
        (await secretary('POST', `/motions/${motionId}/question`, { mode: 'show-of-hands' })).body
          .error,
      ).toBe('NOT_SECONDED');
      expect(
        (await asSeconder('POST', `/motions/${motionId}/steps`, { type: 'second' })).body,
      ).toMatchObject({ status: 'seconded' });

      // An amendment to clause 3, moved from the floor, seconded.
      const amended = await secretary('POST', `/motions/${motionId}/amendments`, {
        by: present[0],
        change: {
          kind: 'delete-and-insert',
          clauseId: clauseIds[2],
          delete: 'overruled',
          insert: 'set aside',
        },
      });
      expect(amended.status).toBe(201);
      expect(amended.body.description).toBe(
        'In clause 3, delete “overruled” and insert “set aside”',
      );
      const amendmentId = amended.body.amendmentId as string;
      // A word that is not in the clause is refused with the domain's code, not a 500.
      const wrong = await secretary('POST', `/motions/${motionId}/amendments`, {
        by: present[1],
        change: { kind: 'delete-words', clauseId: clauseIds[2], words: 'nonexistent' },
      });
      expect(wrong).toMatchObject({ status: 422, body: { error: 'WORDS_NOT_FOUND' } });
      // Citrine: an amendment to an amendment is out of order (depth 1).
      const deep = await secretary('POST', `/motions/${motionId}/amendments`, {
        by: present[1],
        parentId: amendmentId,
        change: { kind: 'delete-and-insert', delete: 'set aside', insert: 'ignored' },
      });
      expect(deep.body.error).toBe('AMENDMENT_TOO_DEEP');
      expect(
        (
          await secretary('POST', `/amendments/${amendmentId}/steps`, {
            type: 'second',
            by: present[1],
          })
        ).body,
      ).toMatchObject({ status: 'seconded' });

      // The console: 29 present, quorum 10, the amendment before the meeting, the full text.
      const consoleView = (await secretary('GET', `/meetings/${meetingId}`)).body;
      expect(consoleView.quorum).toMatchObject({ met: true, present: 29, required: 10 });
      expect(consoleView.current.question).toMatchObject({
        kind: 'amendment',
        amendmentId,
        wording: 'In clause 3, delete “overruled” and insert “set aside”',
      });
      expect(consoleView.current.substantive.clauses).toHaveLength(8);
      expect(consoleView.current.legalEvents).toContain('put-question');

      // With 9 signed in, putting the question is refused with QUORUM_NOT_MET.
      const leaving = present.slice(7);
      for (const personId of leaving)
        await secretary('POST', `/meetings/${meetingId}/attendance/sign-out`, { personId });
      const refused = await secretary('POST', `/motions/${motionId}/question`, {
        mode: 'show-of-hands',
      });
      expect(refused).toMatchObject({
        status: 409,
        body: { ok: false, error: 'QUORUM_NOT_MET', message: '9 present; the quorum is 10.' },
      });
      for (const personId of leaving)
        await secretary('POST', `/meetings/${meetingId}/attendance`, { personId });

      // The amendment is put and lost, 8–18–3.
      const onAmendment = await secretary('POST', `/motions/${motionId}/question`, {
        mode: 'show-of-hands',
      });
      expect(onAmendment.body).toMatchObject({ ok: true, on: 'amendment' });
      const again = await secretary('POST', `/motions/${motionId}/question`, {
        mode: 'show-of-hands',
      });
      expect(again.body.error).toBe('QUESTION_ALREADY_PUT');
      const tooMany = await secretary('POST', `/questions/${onAmendment.body.questionId}/vote`, {
        mode: 'show-of-hands',
        counts: { for: 20, against: 18, abstain: 3 },
      });
      expect(tooMany.body.error).toBe('TOO_MANY_VOTES');
      const amendmentVote = await secretary(
        'POST',
        `/questions/${onAmendment.body.questionId}/vote`,
        {
          mode: 'show-of-hands',
          counts: { for: 8, against: 18, abstain: 3 },
        },
      );
      expect(amendmentVote.body).toMatchObject({
        outcome: 'lost',
        declared: 'lost: simple majority of votes cast, 8–18, 3 abstentions',
      });

      // The motion is put: 23 for, 4 against, 2 abstentions. Carried.
      const onMotion = await secretary('POST', `/motions/${motionId}/question`, {
        mode: 'show-of-hands',
      });
      expect(onMotion.body).toMatchObject({ ok: true, on: 'motion' });
      const vote = await secretary('POST', `/questions/${onMotion.body.questionId}/vote`, {
        mode: 'show-of-hands',
        counts: { for: 23, against: 4, abstain: 2 },
      });
      expect(vote.body).toMatchObject({
        ok: true,
        outcome: 'carried',
        declared: 'carried: simple majority of votes cast, 23–4, 2 abstentions',
      });
      const motion = (await secretary('GET', `/motions/${motionId}`)).body;
      expect(motion).toMatchObject({ status: 'carried', proposer: { name: 'Robin Hale' } });

      // Closing drafts the minutes.
      ctx.setNow('2026-07-09T19:45:00Z');
      expect((await secretary('POST', `/meetings/${meetingId}/close`)).status).toBe(200);
      const minutes = (await secretary('GET', `/meetings/${meetingId}/minutes`)).body;
      expect(minutes.status).toBe('draft');
      const text = minutes.text as string;
      const mover = (await secretary('GET', `/meetings/${meetingId}`)).body.present.find(
        (p: { personId: string }) => p.personId === present[0],
      ).name as string;
      for (const line of noConfidenceMinutesLines('Ada Admin')) expect(text).toContain(line);
      expect(text).toContain(
        `${mover} moved an amendment: in clause 3, delete “overruled” and insert “set aside”, seconded by`,
      );
      expect(text).toContain('The meeting closed at 20:45.');

      // The secretary edits the draft; a later meeting approves it; then it is locked.
      const document = minutes.document as {
        title: string;
        sections: { heading: string; items: { kind: string; text: string }[] }[];
      };
      document.sections[0]!.items.push({ kind: 'record', text: 'Apologies: none were received.' });
      expect((await secretary('PUT', `/meetings/${meetingId}/minutes`, { document })).status).toBe(
        200,
      );
      const august = await secretary('POST', `/bodies/${m.camdenId}/meetings`, {
        title: 'August general meeting',
        startsAt: '2026-08-13T18:00:00Z',
        giveNotice: true,
      });
      ctx.setNow('2026-08-13T18:00:00Z');
      const augustId = august.body.meetingId as string;
      for (const personId of present.slice(0, 12))
        await secretary('POST', `/meetings/${augustId}/attendance`, { personId });
      expect((await secretary('POST', `/meetings/${augustId}/open`)).status).toBe(200);
      const approved = await secretary('POST', `/meetings/${meetingId}/minutes/approve`, {
        atMeetingId: augustId,
      });
      expect(approved.status).toBe(200);
      const locked = await secretary('PUT', `/meetings/${meetingId}/minutes`, { document });
      expect(locked.body.error).toBe('MINUTES_LOCKED');
      const final = (await secretary('GET', `/meetings/${meetingId}/minutes`)).body;
      expect(final.status).toBe('approved');
      expect(final.text).toContain('Apologies: none were received.');
      // Approved minutes change only by a recorded correction, shown after the record.
      const corrected = await secretary('POST', `/meetings/${meetingId}/minutes/corrections`, {
        atMeetingId: augustId,
        text: 'The amendment was lost 8–18 with 3 abstentions, not 8–18–2.',
      });
      expect(corrected.status).toBe(200);
      const withCorrection = (await secretary('GET', `/meetings/${meetingId}/minutes`)).body;
      expect(withCorrection.text).toContain('Corrections');
      expect(withCorrection.text).toContain('not 8–18–2.');
      expect(withCorrection.text).toContain('Apologies: none were received.');

      // Every decision is in the organisation's audit chain, and the chain holds.
      const [report] = await verifyAuditChains(ctx.db, m.organisation.organisationId);
      expect(report!.broken).toBeNull();
      const actions = (
        await ctx.db
          .selectFrom('audit_events')
          .select('action')
          .where('organisation_id', '=', m.organisation.organisationId)
          .execute()
      ).map((r) => r.action);
      for (const action of [
        'meeting.scheduled',
        'motion.submitted',
        'meeting.opened',
        'amendment.moved',
        'question.declared',
        'meeting.closed',
        'minutes.approved',
        'minutes.corrected',
      ])
        expect(actions).toContain(action);
    });

    it('carries the motion 23–4–2 by an online secret ballot of those present', async () => {
      const ctx = movableContext(database());
      const m = await camdenMeeting(ctx);
      const { secretary, meetingId, motionId, proposer, seconder, others } = m;
      // Notice reached each of the 40 members by email (queued in the outbox).
      const notices = await ctx.db
        .selectFrom('outbox')
        .select('to')
        .where('subject', '=', 'Notice of meeting: Camden Town Group, July general meeting')
        .execute();
      expect(new Set(notices.map((n) => n.to)).size).toBe(40);

      ctx.setNow('2026-07-09T18:00:00Z');
      const present = [proposer, seconder, ...others.slice(0, 27)];
      for (const personId of present)
        await secretary('POST', `/meetings/${meetingId}/attendance`, { personId });
      expect((await secretary('POST', `/meetings/${meetingId}/open`)).status).toBe(200);
      await secretary('POST', `/motions/${motionId}/steps`, { type: 'move' });
      await secretary('POST', `/motions/${motionId}/steps`, { type: 'second', by: seconder });

      // They accepted their invitations, so each votes online (without, on paper).
      await giveAccounts(ctx, present);
      const put = await secretary('POST', `/motions/${motionId}/question`, {
        mode: 'secret-ballot',
      });
      expect(put).toMatchObject({ status: 201, body: { on: 'motion' } });
      const ballotId = put.body.ballotId as string;
      // A member who arrives now is not on the ballot's electorate.
      const late = others[27]!;
      await secretary('POST', `/meetings/${meetingId}/attendance`, { personId: late });
      const asLate = client(m.app, await sessionFor(ctx, late));
      expect(
        (await asLate('POST', `/ballots/${ballotId}/votes`, { choice: 'for' })).body.error,
      ).toBe('NOT_ELIGIBLE');
      const choices = [...Array(23).fill('for'), ...Array(4).fill('against'), 'abstain', 'abstain'];
      for (const [i, personId] of present.entries()) {
        const voter = client(m.app, await sessionFor(ctx, personId));
        const cast = await voter('POST', `/ballots/${ballotId}/votes`, { choice: choices[i] });
        expect(cast.status).toBe(201);
      }
      expect(
        (await secretary('GET', `/meetings/${meetingId}`)).body.questionPut.ballot,
      ).toMatchObject({ state: 'open', electorate: 29, voted: 29 });
      expect((await secretary('POST', `/ballots/${ballotId}/close`)).status).toBe(200);
      const motion = (await secretary('GET', `/motions/${motionId}`)).body;
      expect(motion).toMatchObject({
        status: 'carried',
        result: {
          outcome: 'carried',
          ruleApplied: { counts: { for: 23, against: 4, abstain: 2 } },
        },
      });

      ctx.setNow('2026-07-09T19:45:00Z');
      expect((await secretary('POST', `/meetings/${meetingId}/close`)).status).toBe(200);
      const text = (await secretary('GET', `/meetings/${meetingId}/minutes`)).body.text as string;
      expect(text).toContain('by secret ballot of the members present');
      expect(text).toContain(
        'The motion “No confidence in the Leader” was carried: simple majority of votes cast, 23–4, 2 abstentions.',
      );
      const [report] = await verifyAuditChains(ctx.db, m.organisation.organisationId);
      expect(report!.broken).toBeNull();
    });

    it('refuses client mistakes with clear codes, never a 500', async () => {
      const ctx = movableContext(database());
      const m = await camdenMeeting(ctx);
      const { secretary, meetingId, motionId } = m;
      // Steps at a meeting that has not opened.
      const notOpen = await secretary('POST', `/motions/${motionId}/steps`, { type: 'move' });
      expect(notOpen).toMatchObject({ status: 409, body: { error: 'ILLEGAL_TRANSITION' } });
      // Malformed input.
      const bad = await secretary('POST', `/motions/${motionId}/amendments`, {
        change: { kind: 'x' },
      });
      expect(bad).toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED' } });
      const badDate = await secretary('POST', `/bodies/${m.camdenId}/meetings`, {
        title: 'x',
        startsAt: 'soon',
      });
      expect(badDate.status).toBe(400);
      // Unknown ids.
      expect((await secretary('GET', '/meetings/nope')).status).toBe(404);
      expect(
        (
          await secretary('POST', '/questions/nope/vote', {
            mode: 'show-of-hands',
            counts: { for: 1, against: 0, abstain: 0 },
          })
        ).status,
      ).toBe(404);
      // A member of another branch cannot see the meeting.
      const outsiderId = m.others[0]!;
      await ctx.db.deleteFrom('memberships').where('person_id', '=', outsiderId).execute();
      const outsider = client(m.app, await sessionFor(ctx, outsiderId));
      expect((await outsider('GET', `/meetings/${meetingId}`)).status).toBe(404);
      // A member cannot open the meeting.
      const memberId = m.others[5]!;
      const member = client(m.app, await sessionFor(ctx, memberId));
      expect((await member('POST', `/meetings/${meetingId}/open`)).status).toBe(403);
    });

    it('describes the meetings routes in the OpenAPI document', async () => {
      const ctx = movableContext(database());
      const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
      const request = (path: string) => app.request(`${ORIGIN}${path}`);
      expect(await describedPaths({ request })).toEqual(
        expect.arrayContaining([
          '/bodies/{id}/meetings',
          '/meetings/{id}',
          '/meetings/{id}/attendance',
          '/motions/{id}/amendments',
          '/motions/{id}/question',
          '/questions/{id}/vote',
          '/meetings/{id}/minutes/approve',
        ]),
      );
    });
  },
);
