import { createRoute, z } from '@hono/zod-openapi';
import { addAgendaItem } from '../../app/meetings/add-agenda-item.ts';
import { takeAmendmentStep } from '../../app/meetings/amendment-step.ts';
import { approveMinutes } from '../../app/meetings/approve-minutes.ts';
import { correctMinutes } from '../../app/meetings/correct-minutes.ts';
import { cancelMeeting } from '../../app/meetings/cancel-meeting.ts';
import { closeMeeting } from '../../app/meetings/close-meeting.ts';
import { makeCalendarFeedToken } from '../../app/meetings/calendar-feed-token.ts';
import { redraftMinutes } from '../../app/meetings/draft-minutes.ts';
import { removeAgendaItem } from '../../app/meetings/remove-agenda-item.ts';
import { draftMotion, editMotionText, newClauseId } from '../../app/meetings/draft-motion.ts';
import { editMinutes } from '../../app/meetings/edit-minutes.ts';
import { giveMeetingNotice } from '../../app/meetings/give-notice.ts';
import { moveAgendaItem } from '../../app/meetings/move-agenda-item.ts';
import { moveAmendment } from '../../app/meetings/move-amendment.ts';
import { openMeeting } from '../../app/meetings/open-meeting.ts';
import { decideProceduralMotion } from '../../app/meetings/procedural-motion.ts';
import { putQuestion, VOTE_MODES } from '../../app/meetings/put-question.ts';
import { putToSecretBallot } from '../../app/meetings/put-to-secret-ballot.ts';
import { compositeMotions, MAX_COMPOSITED } from '../../app/meetings/composite-motions.ts';
import { recordVote } from '../../app/meetings/record-vote.ts';
import { scheduleMeeting } from '../../app/meetings/schedule-meeting.ts';
import { secondMotion } from '../../app/meetings/second-motion.ts';
import { signInToMeeting } from '../../app/meetings/sign-in-to-meeting.ts';
import { signOutOfMeeting } from '../../app/meetings/sign-out-of-meeting.ts';
import { submitMotion } from '../../app/meetings/submit-motion.ts';
import { takeMotionStep } from '../../app/meetings/take-motion-step.ts';
import {
  listMeetings,
  listMotions,
  viewMeeting,
  viewMinutes,
  viewMotion,
} from '../../app/meetings/view-meeting.ts';
import type { AmendmentChange } from '../../domain/meetings/amendments.ts';
import { CLAUSE_KINDS, MOTION_LIMITS, SECRET_KINDS } from '../../domain/meetings/motion.ts';
import { PROCEDURAL_KINDS } from '../../domain/meetings/procedural.ts';
import {
  actorOf,
  asJson,
  conflict,
  errors,
  Id,
  IdParams,
  Json,
  json,
  jsonBody,
  Ok,
  openApiRoutes,
  stepRoute,
  unprocessable,
  viewRoute,
} from '../api-kit.ts';
import type { HttpOptions } from '../env.ts';

/**
 * The meetings part of the JSON API (/api/v1): meetings, attendance, motions with structured
 * clauses, amendments, questions and votes in the room, procedural motions and minutes. Every
 * body is validated here; every refusal of the rules comes back with the domain's code
 * (QUORUM_NOT_MET, NOT_SECONDED, ILLEGAL_TRANSITION, ...) as `{ ok: false, error, message }`.
 */

const PersonId = z.string().min(1).max(64);
const Words = z.string().max(MOTION_LIMITS.clauseText);
const Count = z.number().int().min(0).max(10_000_000);
const Counts = z.object({ for: Count, against: Count, abstain: Count });
const Choice = z.enum(['for', 'against', 'abstain']);
const CastingVote = z.enum(['for', 'against']).nullable().optional();

const ClauseInput = z
  .object({
    id: z.string().max(64).optional(),
    kind: z.enum(CLAUSE_KINDS),
    text: Words,
    bodyId: z.string().max(64).optional(),
    bodyName: z.string().max(MOTION_LIMITS.addresseeName).optional(),
    officer: z.string().max(MOTION_LIMITS.addresseeName).optional(),
  })
  .openapi('ClauseInput', {
    description:
      '"calls-on" names a body on this server by `bodyId`, or one elsewhere by `bodyName`; "instructs" names an `officer`.',
  });
/** A question of no confidence or of discipline; the standing orders may make it secret. */
const SecretKindInput = z.enum(SECRET_KINDS).nullable().optional();
const MotionTextInput = z
  .object({
    title: z.string().max(MOTION_LIMITS.title),
    clauses: z.array(ClauseInput).max(MOTION_LIMITS.clauses),
  })
  .openapi('MotionText');

const Addressee = z.union([
  z.object({ kind: z.literal('body'), bodyId: z.string().max(64), name: z.string().max(200) }),
  z.object({ kind: z.literal('named-body'), name: z.string().max(200) }),
  z.object({ kind: z.literal('officer'), officer: z.string().max(200) }),
]);
const NewClause = z.object({
  id: z.string().max(64).optional(),
  kind: z.enum(CLAUSE_KINDS),
  text: Words,
  addressee: Addressee.optional(),
});
const ClauseId = z.string().min(1).max(64);
const Occurrence = z.number().int().min(1).max(1000).optional();
const Position = z.union([
  z.enum(['start', 'end']),
  z.object({ after: Words, occurrence: Occurrence }),
]);
const Change = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('insert-words'),
      clauseId: ClauseId.optional(),
      words: Words,
      position: Position,
    }),
    z.object({
      kind: z.literal('delete-words'),
      clauseId: ClauseId.optional(),
      words: Words,
      occurrence: Occurrence,
    }),
    z.object({
      kind: z.literal('delete-and-insert'),
      clauseId: ClauseId.optional(),
      delete: Words,
      insert: Words,
      occurrence: Occurrence,
    }),
    z.object({
      kind: z.literal('add-clause'),
      afterClauseId: ClauseId.nullable(),
      clause: NewClause,
    }),
    z.object({ kind: z.literal('delete-clause'), clauseId: ClauseId }),
    z.object({
      kind: z.literal('substitute-clause'),
      clauseId: ClauseId,
      clause: NewClause.omit({ id: true }),
    }),
    z.object({
      kind: z.literal('substitute-motion'),
      motion: z.object({
        title: z.string().max(MOTION_LIMITS.title),
        clauses: z.array(NewClause).max(MOTION_LIMITS.clauses),
      }),
    }),
  ])
  .openapi('AmendmentChange', {
    description:
      'Against a clause named by id. An amendment to an amendment is an edit of its words, without clauseId.',
  });

/** Zod leaves optional keys as undefined; the domain's types want them absent, and new clauses need ids. */
function toChange(input: z.infer<typeof Change>): AmendmentChange {
  const strip = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  const clause = (c: z.infer<typeof NewClause>) => strip({ ...c, id: c.id ?? newClauseId() });
  switch (input.kind) {
    case 'add-clause':
      return { ...input, clause: clause(input.clause) };
    case 'substitute-clause':
      return { ...input, clause: strip(input.clause) };
    case 'substitute-motion':
      return { ...input, motion: { ...input.motion, clauses: input.motion.clauses.map(clause) } };
    case 'insert-words':
      return strip({
        ...input,
        position: typeof input.position === 'string' ? input.position : strip(input.position),
      }) as AmendmentChange;
    default:
      return strip(input) as AmendmentChange;
  }
}

export function meetingsApiRoutes({ ctx }: HttpOptions) {
  const api = openApiRoutes();

  // ---- Meetings of a body ----------------------------------------------------------------

  viewRoute(api, {
    path: '/bodies/{id}/meetings',
    summary: "A body's meetings, latest first",
    description: 'Meetings',
    view: (actor, bodyId) => listMeetings(ctx, { actor, bodyId }),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/bodies/{id}/meetings',
      summary: 'Call a meeting (secretary, chair, admin); giveNotice gives notice now',
      request: {
        params: IdParams,
        ...jsonBody(
          z.object({
            title: z.string().max(200),
            startsAt: z.iso.datetime({ offset: true }),
            location: z.string().max(500).optional(),
            timeZone: z.string().max(64).optional(),
            emergency: z.boolean().default(false),
            giveNotice: z.boolean().default(true),
          }),
        ),
      },
      responses: {
        201: json(z.object({ ok: z.literal(true), meetingId: z.string() }), 'Called'),
        ...errors,
      },
    }),
    async (c) => {
      const { meetingId } = await scheduleMeeting(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
        ...c.req.valid('json'),
      });
      return c.json({ ok: true as const, meetingId }, 201);
    },
  );

  viewRoute(api, {
    path: '/bodies/{id}/motions',
    summary: "A body's motions, newest first",
    description: 'Motions',
    view: (actor, bodyId) => listMotions(ctx, { actor, bodyId }),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/bodies/{id}/motions',
      summary: 'Draft a motion (I am its proposer); meetingId names the meeting it is for',
      request: {
        params: IdParams,
        ...jsonBody(
          MotionTextInput.extend({
            meetingId: z.string().max(64).optional(),
            secretKind: SecretKindInput,
          }),
        ),
      },
      responses: {
        201: json(z.object({ ok: z.literal(true), motionId: z.string(), text: Json }), 'Drafted'),
        ...errors,
        ...unprocessable,
      },
    }),
    async (c) => {
      const { meetingId, secretKind, ...text } = c.req.valid('json');
      const result = await draftMotion(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
        meetingId,
        secretKind,
        text,
      });
      return c.json(
        { ok: true as const, motionId: result.motionId, text: asJson(result.text) },
        201,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/bodies/{id}/calendar-feed',
      summary:
        "Make me a new calendar feed token (replacing my old one); `path` is the body's meetings feed with it, readable without a session. The token is shown only this once",
      request: { params: IdParams },
      responses: {
        201: json(z.object({ ok: z.literal(true), token: z.string(), path: z.string() }), 'Made'),
        ...errors,
      },
    }),
    async (c) => {
      const made = await makeCalendarFeedToken(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
      });
      return c.json({ ok: true as const, ...made }, 201);
    },
  );

  // ---- A meeting --------------------------------------------------------------------------

  viewRoute(api, {
    path: '/meetings/{id}',
    summary:
      "A meeting: agenda, who is present and the quorum, the motion before the meeting with its substantive text, the question before the meeting and the legal next steps (the chair's console)",
    description: 'The meeting',
    view: (actor, meetingId) => viewMeeting(ctx, { actor, meetingId }),
  });

  stepRoute(api, {
    path: '/meetings/{id}/notice',
    summary: 'Record that notice of the meeting was given now',
    run: (actor, meetingId) => giveMeetingNotice(ctx, { actor, meetingId }),
  });
  stepRoute(api, {
    path: '/meetings/{id}/open',
    summary:
      'Open the meeting: refused before the notice has run (NOTICE_NOT_GIVEN) or without a quorum (QUORUM_NOT_MET); I take the chair',
    run: (actor, meetingId) => openMeeting(ctx, { actor, meetingId }),
  });
  stepRoute(api, {
    path: '/meetings/{id}/cancel',
    summary: 'Cancel a meeting that has not opened; calendars show it cancelled',
    run: (actor, meetingId) => cancelMeeting(ctx, { actor, meetingId }).then(() => ({})),
  });
  stepRoute(api, {
    path: '/meetings/{id}/close',
    summary: 'Close the meeting; its minutes are drafted from what happened',
    run: (actor, meetingId) => closeMeeting(ctx, { actor, meetingId }).then(() => ({})),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/agenda',
      summary: 'Add an agenda item; with motionId, put a submitted motion on the agenda',
      request: {
        params: IdParams,
        ...jsonBody(
          z.object({
            title: z.string().max(300).optional(),
            motionId: z.string().max(64).optional(),
          }),
        ),
      },
      responses: {
        201: json(z.object({ ok: z.literal(true), agendaItemId: z.string() }), 'Added'),
        ...errors,
        ...conflict,
      },
    }),
    async (c) => {
      const { agendaItemId } = await addAgendaItem(ctx, {
        actor: actorOf(c),
        meetingId: c.req.valid('param').id,
        ...c.req.valid('json'),
      });
      return c.json({ ok: true as const, agendaItemId }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/composites',
      summary:
        'Composite two or more submitted motions (or motions on the agenda) into one new motion on the agenda, keeping every clause and linking every source',
      request: {
        params: IdParams,
        ...jsonBody(
          z.object({
            motionIds: z.array(z.string().max(64)).min(2).max(MAX_COMPOSITED),
            title: z.string().max(200).optional(),
          }),
        ),
      },
      responses: {
        201: json(
          z.object({ ok: z.literal(true), motionId: z.string(), title: z.string() }),
          'Composited',
        ),
        ...errors,
        ...conflict,
        ...unprocessable,
      },
    }),
    async (c) => {
      const result = await compositeMotions(ctx, {
        actor: actorOf(c),
        meetingId: c.req.valid('param').id,
        ...c.req.valid('json'),
      });
      return c.json({ ok: true as const, ...result }, 201);
    },
  );

  const ItemParams = z.object({
    id: Id,
    itemId: z
      .string()
      .min(1)
      .max(64)
      .openapi({ param: { in: 'path', name: 'itemId' } }),
  });
  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/agenda/{itemId}/move',
      summary: 'Move an agenda item one place up or down, until the meeting closes',
      request: {
        params: ItemParams,
        ...jsonBody(z.object({ direction: z.enum(['up', 'down']) })),
      },
      responses: { 200: json(Ok, 'Moved'), ...errors, ...conflict },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      await moveAgendaItem(ctx, {
        actor: actorOf(c),
        meetingId: id,
        agendaItemId: itemId,
        direction: c.req.valid('json').direction,
      });
      return c.json({ ok: true as const }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: 'delete',
      path: '/meetings/{id}/agenda/{itemId}',
      summary:
        'Take an item off the agenda, until the meeting closes; its motion goes back to submitted. AGENDA_ITEM_TAKEN_UP once the meeting has taken the motion up',
      request: { params: ItemParams },
      responses: { 200: json(Ok, 'Removed'), ...errors, ...conflict },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      await removeAgendaItem(ctx, { actor: actorOf(c), meetingId: id, agendaItemId: itemId });
      return c.json({ ok: true as const }, 200);
    },
  );

  const Quorum = z.object({
    ok: z.literal(true),
    quorum: z.object({ met: z.boolean(), present: z.number(), required: z.number() }),
  });
  for (const [path, summary, run] of [
    [
      '/meetings/{id}/attendance',
      'Sign in to the meeting (myself, or a member by personId: secretary, chair, admin)',
      signInToMeeting,
    ],
    [
      '/meetings/{id}/attendance/sign-out',
      'Sign out of the meeting (myself, or a member by personId: secretary, chair, admin)',
      signOutOfMeeting,
    ],
  ] as const) {
    api.openapi(
      createRoute({
        method: 'post',
        path,
        summary,
        request: { params: IdParams, ...jsonBody(z.object({ personId: PersonId.optional() })) },
        responses: {
          200: json(Quorum, 'The quorum now'),
          ...errors,
          ...conflict,
          ...unprocessable,
        },
      }),
      async (c) => {
        const { quorum } = await run(ctx, {
          actor: actorOf(c),
          meetingId: c.req.valid('param').id,
          personId: c.req.valid('json').personId,
        });
        return c.json({ ok: true as const, quorum: { ...quorum } }, 200);
      },
    );
  }

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/procedural',
      summary:
        'A procedural motion moved, seconded and decided by show of hands: next business, closure, refer back, adjourn, suspend standing orders, challenge to the chair',
      request: {
        params: IdParams,
        ...jsonBody(
          z.object({
            kind: z.enum(PROCEDURAL_KINDS),
            moverId: PersonId,
            seconderId: PersonId.optional(),
            counts: Counts,
            castingVote: CastingVote,
            referTo: z.string().max(200).optional(),
          }),
        ),
      },
      responses: { 200: json(Json, 'Decided'), ...errors, ...conflict, ...unprocessable },
    }),
    async (c) => {
      const result = await decideProceduralMotion(ctx, {
        actor: actorOf(c),
        meetingId: c.req.valid('param').id,
        ...c.req.valid('json'),
      });
      return c.json({ ok: true as const, ...result }, 200);
    },
  );

  // ---- Minutes ----------------------------------------------------------------------------

  viewRoute(api, {
    path: '/meetings/{id}/minutes',
    summary: 'The minutes of a meeting (draft, or approved and locked), with their plain text',
    description: 'The minutes',
    view: (actor, meetingId) => viewMinutes(ctx, { actor, meetingId }),
  });

  const MinutesDocument = z
    .object({
      title: z.string().max(500),
      sections: z
        .array(
          z.object({
            heading: z.string().max(300),
            items: z
              .array(
                z.object({ kind: z.enum(['record', 'resolution']), text: z.string().max(20_000) }),
              )
              .max(500),
          }),
        )
        .max(200),
    })
    .openapi('MinutesDocument');

  api.openapi(
    createRoute({
      method: 'put',
      path: '/meetings/{id}/minutes',
      summary: 'Edit the draft minutes (secretary, chair, admin); MINUTES_LOCKED once approved',
      request: { params: IdParams, ...jsonBody(z.object({ document: MinutesDocument })) },
      responses: { 200: json(Ok, 'Saved'), ...errors, ...conflict },
    }),
    async (c) => {
      await editMinutes(ctx, {
        actor: actorOf(c),
        meetingId: c.req.valid('param').id,
        document: c.req.valid('json').document,
      });
      return c.json({ ok: true as const }, 200);
    },
  );

  stepRoute(api, {
    path: '/meetings/{id}/minutes/redraft',
    summary: "Draft the minutes again from what happened, replacing the secretary's edits",
    run: (actor, meetingId) => redraftMinutes(ctx, { actor, meetingId }).then(() => ({})),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/minutes/approve',
      summary: 'Approve the minutes as a correct record at a later meeting, in session; they lock',
      request: { params: IdParams, ...jsonBody(z.object({ atMeetingId: z.string().max(64) })) },
      responses: { 200: json(Ok, 'Approved'), ...errors, ...conflict },
    }),
    async (c) => {
      await approveMinutes(ctx, {
        actor: actorOf(c),
        meetingId: c.req.valid('param').id,
        atMeetingId: c.req.valid('json').atMeetingId,
      });
      return c.json({ ok: true as const }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/minutes/corrections',
      summary: 'Record a correction to approved minutes, decided at a later meeting in session',
      request: {
        params: IdParams,
        ...jsonBody(z.object({ atMeetingId: z.string().max(64), text: z.string().max(5000) })),
      },
      responses: { 200: json(Ok, 'Recorded'), ...errors, ...conflict },
    }),
    async (c) => {
      await correctMinutes(ctx, {
        actor: actorOf(c),
        meetingId: c.req.valid('param').id,
        ...c.req.valid('json'),
      });
      return c.json({ ok: true as const }, 200);
    },
  );

  // ---- Motions ----------------------------------------------------------------------------

  viewRoute(api, {
    path: '/motions/{id}',
    summary: 'A motion: its clauses, state, and once debated the substantive text and amendments',
    description: 'The motion',
    view: (actor, motionId) => viewMotion(ctx, { actor, motionId }),
  });

  api.openapi(
    createRoute({
      method: 'put',
      path: '/motions/{id}/text',
      summary: 'Change the text of my draft',
      request: {
        params: IdParams,
        ...jsonBody(MotionTextInput.extend({ secretKind: SecretKindInput })),
      },
      responses: { 200: json(Json, 'Saved'), ...errors, ...conflict },
    }),
    async (c) => {
      const { secretKind, ...text } = c.req.valid('json');
      const result = await editMotionText(ctx, {
        actor: actorOf(c),
        motionId: c.req.valid('param').id,
        text,
        secretKind,
      });
      return c.json({ ok: true as const, text: asJson(result.text) }, 200);
    },
  );

  stepRoute(api, {
    path: '/motions/{id}/second',
    summary: 'Second a draft motion before it is submitted',
    refusals: unprocessable,
    run: (actor, motionId) => secondMotion(ctx, { actor, motionId }).then(() => ({})),
  });
  stepRoute(api, {
    path: '/motions/{id}/submit',
    summary: 'Submit my motion: its text is checked in full, the deadline applies',
    refusals: unprocessable,
    run: (actor, motionId) => submitMotion(ctx, { actor, motionId }),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/motions/{id}/steps',
      summary:
        'A step of the motion at the meeting: move, second, fall, open-debate, withdraw (consent), next-business, refer, remit',
      request: {
        params: IdParams,
        ...jsonBody(
          z.discriminatedUnion('type', [
            z.object({ type: z.literal('move'), by: PersonId.optional() }),
            z.object({ type: z.literal('second'), by: PersonId.optional() }),
            z.object({ type: z.literal('fall') }),
            z.object({ type: z.literal('open-debate') }),
            z.object({ type: z.literal('withdraw'), consent: z.boolean().default(false) }),
            z.object({ type: z.literal('next-business') }),
            z.object({ type: z.literal('refer'), to: z.string().min(1).max(200) }),
            z.object({
              type: z.literal('remit'),
              to: z.string().min(1).max(200),
              moverConsents: z.boolean().default(false),
            }),
          ]),
        ),
      },
      responses: {
        200: json(z.object({ ok: z.literal(true), status: z.string() }), 'Taken'),
        ...errors,
        ...conflict,
        ...unprocessable,
      },
    }),
    async (c) => {
      const { status } = await takeMotionStep(ctx, {
        actor: actorOf(c),
        motionId: c.req.valid('param').id,
        step: c.req.valid('json'),
      });
      return c.json({ ok: true as const, status }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/motions/{id}/amendments',
      summary:
        'Move an amendment from the floor (by: the mover, when the chair records it); parentId amends an amendment',
      request: {
        params: IdParams,
        ...jsonBody(
          z.object({
            change: Change,
            parentId: z.string().max(64).nullable().optional(),
            by: PersonId.optional(),
          }),
        ),
      },
      responses: {
        201: json(
          z.object({ ok: z.literal(true), amendmentId: z.string(), description: z.string() }),
          'Moved',
        ),
        ...errors,
        ...conflict,
        ...unprocessable,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const result = await moveAmendment(ctx, {
        actor: actorOf(c),
        motionId: c.req.valid('param').id,
        change: toChange(input.change),
        parentId: input.parentId,
        by: input.by,
      });
      return c.json({ ok: true as const, ...result }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/amendments/{id}/steps',
      summary: 'A step of an amendment: second, withdraw (with consent), fall',
      request: {
        params: IdParams,
        ...jsonBody(
          z.discriminatedUnion('type', [
            z.object({ type: z.literal('second'), by: PersonId.optional() }),
            z.object({ type: z.literal('withdraw'), consent: z.boolean().default(false) }),
            z.object({ type: z.literal('fall') }),
          ]),
        ),
      },
      responses: {
        200: json(z.object({ ok: z.literal(true), status: z.string() }), 'Taken'),
        ...errors,
        ...conflict,
        ...unprocessable,
      },
    }),
    async (c) => {
      const { status } = await takeAmendmentStep(ctx, {
        actor: actorOf(c),
        amendmentId: c.req.valid('param').id,
        step: c.req.valid('json'),
      });
      return c.json({ ok: true as const, status }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/motions/{id}/question',
      summary:
        'Put the question before the meeting on this motion (the amendment taken now, else the motion as amended); QUORUM_NOT_MET without a quorum. `secret-ballot` puts the motion to an online secret ballot of the members present (their card weights if `weighted`), returning its `ballotId`; closing that ballot declares the result',
      request: {
        params: IdParams,
        ...jsonBody(
          z.object({
            mode: z.enum([...VOTE_MODES, 'secret-ballot']).default('show-of-hands'),
            weighted: z.boolean().optional(),
          }),
        ),
      },
      responses: {
        201: json(
          z.object({
            ok: z.literal(true),
            questionId: z.string(),
            on: z.enum(['motion', 'amendment']),
            wording: z.string(),
            ballotId: z.string().optional(),
          }),
          'Put',
        ),
        ...errors,
        ...conflict,
      },
    }),
    async (c) => {
      const { mode, weighted } = c.req.valid('json');
      const motionId = c.req.valid('param').id;
      const result =
        mode === 'secret-ballot'
          ? await putToSecretBallot(ctx, { actor: actorOf(c), motionId, weighted })
          : await putQuestion(ctx, { actor: actorOf(c), motionId, mode });
      return c.json({ ok: true as const, ...result }, 201);
    },
  );

  const Answers = z.array(z.object({ personId: PersonId, choice: Choice })).max(100_000);
  api.openapi(
    createRoute({
      method: 'post',
      path: '/questions/{id}/vote',
      summary:
        'Record the vote on the question put and declare the result: show of hands (counts), roll call (answers by name), card vote (each card holder’s choice); for a question put to a secret ballot, closing the ballot declares it, and `secret-ballot` here only gives or declines the chair’s casting vote when the votes were equal',
      request: {
        params: IdParams,
        ...jsonBody(
          z.discriminatedUnion('mode', [
            z.object({
              mode: z.literal('show-of-hands'),
              counts: Counts,
              castingVote: CastingVote,
            }),
            z.object({ mode: z.literal('roll-call'), answers: Answers, castingVote: CastingVote }),
            z.object({ mode: z.literal('card'), votes: Answers, castingVote: CastingVote }),
            z.object({ mode: z.literal('secret-ballot'), castingVote: CastingVote }),
          ]),
        ),
      },
      responses: {
        200: json(
          z.object({
            ok: z.literal(true),
            outcome: z.enum(['carried', 'lost', 'not-carried']),
            declared: z.string(),
            result: Json,
          }),
          'Declared',
        ),
        ...errors,
        ...conflict,
        ...unprocessable,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const result = await recordVote(ctx, {
        actor: actorOf(c),
        questionId: c.req.valid('param').id,
        vote:
          input.mode === 'show-of-hands'
            ? { mode: input.mode, counts: input.counts }
            : input.mode === 'roll-call'
              ? { mode: input.mode, answers: input.answers }
              : input.mode === 'card'
                ? { mode: input.mode, votes: input.votes }
                : { mode: input.mode },
        castingVote: input.castingVote ?? null,
      });
      return c.json(
        {
          ok: true as const,
          outcome: result.outcome,
          declared: result.declared,
          result: { ...result.result },
        },
        200,
      );
    },
  );

  return api;
}
