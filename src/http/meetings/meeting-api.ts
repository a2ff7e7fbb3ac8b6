import { createRoute, z } from '@hono/zod-openapi';
import { addAgendaItem } from '../../app/meetings/add-agenda-item.ts';
import { cancelMeeting } from '../../app/meetings/cancel-meeting.ts';
import { closeMeeting } from '../../app/meetings/close-meeting.ts';
import { makeCalendarFeedToken } from '../../app/meetings/calendar-feed-token.ts';
import { compositeMotions } from '../../app/meetings/composite-motions.ts';
import { giveMeetingNotice } from '../../app/meetings/give-notice.ts';
import { moveAgendaItem } from '../../app/meetings/move-agenda-item.ts';
import { openMeeting } from '../../app/meetings/open-meeting.ts';
import { decideProceduralMotion } from '../../app/meetings/procedural-motion.ts';
import { removeAgendaItem } from '../../app/meetings/remove-agenda-item.ts';
import { scheduleMeeting } from '../../app/meetings/schedule-meeting.ts';
import { signInByCode } from '../../app/meetings/sign-in-by-code.ts';
import { signInMembers } from '../../app/meetings/sign-in-members.ts';
import { signInToMeeting } from '../../app/meetings/sign-in-to-meeting.ts';
import { signOutOfMeeting } from '../../app/meetings/sign-out-of-meeting.ts';
import { listMeetings, viewMeeting } from '../../app/meetings/view-meeting.ts';
import { actionBody } from '../action.ts';
import {
  actionRoute,
  actorOf,
  answerOf,
  type Api,
  errors,
  refused,
  conflict,
  IdParamsWith,
  json,
  Ok,
  okWith,
  stepRefusals,
  stepRoute,
  viewRoute,
} from '../api-kit.ts';
import type { HttpOptions } from '../env.ts';
import { clientAddress } from '../security.ts';
import {
  AddAgendaItem,
  Attendance,
  CancelMeeting,
  CloseMeeting,
  CompositeMotions,
  GiveNotice,
  MakeCalendarFeed,
  MoveAgendaItem,
  OpenMeeting,
  ProceduralMotion,
  RemoveAgendaItem,
  ScheduleMeeting,
  SignInByCode,
  SignInMembers,
} from './schema.ts';
import { Meeting, MeetingList } from './views.ts';
import { Outcome, When } from '../view-schemas.ts';

/**
 * Meetings in the JSON API (/api/v1): a body's meetings and calling one, a meeting with its
 * steps (notice, open, cancel, close), its agenda, who is present, and procedural motions. Each
 * body is one action's schema (schema.ts), the same the HTML form validates with.
 */

export function meetingApi(api: Api, opts: HttpOptions) {
  bodyMeetingsApi(api, opts);
  meetingStepsApi(api, opts);
  agendaApi(api, opts);
  attendanceApi(api, opts);
}

/** A body's meetings, calling one, and a calendar feed of them. */
function bodyMeetingsApi(api: Api, { ctx }: HttpOptions) {
  viewRoute(api, {
    path: '/bodies/{id}/meetings',
    summary: "A body's meetings, latest first",
    description: 'Meetings',
    schema: MeetingList,
    view: (actor, bodyId) => listMeetings(ctx, { actor, bodyId }),
  });

  actionRoute(api, {
    path: '/bodies/{id}/meetings',
    summary: 'Call a meeting (secretary, chair, admin); giveNotice gives notice now',
    action: ScheduleMeeting,
    answer: json(okWith({ meetingId: z.string() }), 'Called'),
    status: 201,
    run: (actor, bodyId, input) =>
      scheduleMeeting(ctx, { actor, bodyId, ...input }).then(({ meetingId }) => ({ meetingId })),
  });

  actionRoute(api, {
    path: '/bodies/{id}/calendar-feed',
    summary:
      "Make me a new calendar feed token (replacing my old one); `path` is the body's meetings feed with it, readable without a session. The token is shown only this once",
    action: MakeCalendarFeed,
    answer: json(okWith({ token: z.string(), path: z.string() }), 'Made'),
    status: 201,
    run: (actor, bodyId) => makeCalendarFeedToken(ctx, { actor, bodyId }),
  });
}

const QuorumCheck = z
  .object({ met: z.boolean(), present: z.number(), required: z.number() })
  .openapi('QuorumCheck');

/** A meeting, and the steps that take it from called to closed. */
function meetingStepsApi(api: Api, { ctx }: HttpOptions) {
  viewRoute(api, {
    path: '/meetings/{id}',
    summary:
      "A meeting: agenda, who is present and the quorum, the motion before the meeting with its substantive text, the question before the meeting and the legal next steps (the chair's console)",
    description: 'The meeting',
    schema: Meeting,
    view: (actor, meetingId) => viewMeeting(ctx, { actor, meetingId }),
  });

  stepRoute(api, {
    path: '/meetings/{id}/notice',
    summary: 'Record that notice of the meeting was given now',
    action: GiveNotice,
    answer: { noticeGivenAt: When.nullable(), notified: z.number().int() },
    run: (actor, meetingId) => giveMeetingNotice(ctx, { actor, meetingId }),
  });
  stepRoute(api, {
    path: '/meetings/{id}/open',
    summary:
      'Open the meeting: refused before the notice has run (NOTICE_NOT_GIVEN) or without a quorum (QUORUM_NOT_MET); I take the chair',
    action: OpenMeeting,
    answer: { quorum: QuorumCheck },
    run: (actor, meetingId) => openMeeting(ctx, { actor, meetingId }),
  });
  stepRoute(api, {
    path: '/meetings/{id}/cancel',
    summary:
      'Cancel a meeting that has not opened; calendars show it cancelled, and when notice was given every member is emailed (notified: how many)',
    action: CancelMeeting,
    answer: { notified: z.number().int() },
    run: (actor, meetingId) => cancelMeeting(ctx, { actor, meetingId }),
  });
  stepRoute(api, {
    path: '/meetings/{id}/close',
    summary: 'Close the meeting; its minutes are drafted from what happened',
    action: CloseMeeting,
    run: (actor, meetingId) => closeMeeting(ctx, { actor, meetingId }),
  });

  actionRoute(api, {
    path: '/meetings/{id}/procedural',
    summary:
      'A procedural motion moved, seconded and decided by show of hands: next business, closure, refer back, adjourn, suspend standing orders, challenge to the chair',
    action: ProceduralMotion,
    answer: json(
      okWith({
        outcome: Outcome,
        declared: z.string(),
        /** What the decision does to the meeting. */
        effect: z.enum([
          'none',
          'put-question',
          'motion-event',
          'adjourn-meeting',
          'suspend-standing-orders',
          'ruling-overturned',
          'ruling-stands',
        ]),
        explanation: z.string(),
        questionId: z.string().nullable(),
      }),
      'Decided',
    ),
    refusals: stepRefusals,
    run: (actor, meetingId, input) => decideProceduralMotion(ctx, { actor, meetingId, ...input }),
  });
}

/** A meeting's agenda: items added, moved, taken off; motions composited onto it. */
function agendaApi(api: Api, { ctx }: HttpOptions) {
  actionRoute(api, {
    path: '/meetings/{id}/agenda',
    summary: 'Add an agenda item; with motionId, put a submitted motion on the agenda',
    action: AddAgendaItem,
    answer: json(okWith({ agendaItemId: z.string() }), 'Added'),
    status: 201,
    refusals: conflict,
    run: (actor, meetingId, input) => addAgendaItem(ctx, { actor, meetingId, ...input }),
  });

  actionRoute(api, {
    path: '/meetings/{id}/composites',
    summary:
      'Composite two or more submitted motions (or motions on the agenda) into one new motion on the agenda, keeping every clause and linking every source',
    action: CompositeMotions,
    answer: json(okWith({ motionId: z.string(), title: z.string() }), 'Composited'),
    status: 201,
    refusals: stepRefusals,
    run: (actor, meetingId, input) => compositeMotions(ctx, { actor, meetingId, ...input }),
  });

  const ItemParams = IdParamsWith('itemId');
  actionRoute(api, {
    path: '/meetings/{id}/agenda/{itemId}/move',
    summary: 'Move an agenda item one place up or down, until the meeting closes',
    params: ItemParams,
    action: MoveAgendaItem,
    answer: json(Ok, 'Moved'),
    refusals: conflict,
    run: (actor, meetingId, { direction }, { itemId }) =>
      moveAgendaItem(ctx, { actor, meetingId, agendaItemId: itemId, direction }),
  });
  actionRoute(api, {
    method: 'delete',
    path: '/meetings/{id}/agenda/{itemId}',
    summary:
      'Take an item off the agenda, until the meeting closes; its motion goes back to submitted. AGENDA_ITEM_TAKEN_UP once the meeting has taken the motion up',
    params: ItemParams,
    action: RemoveAgendaItem,
    answer: json(Ok, 'Removed'),
    refusals: conflict,
    run: (actor, meetingId, _, { itemId }) =>
      removeAgendaItem(ctx, { actor, meetingId, agendaItemId: itemId }),
  });
}

/** Who is present: signing in to a meeting and out of it. */
function attendanceApi(api: Api, { ctx }: HttpOptions) {
  const Quorum = okWith({ quorum: QuorumCheck });
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
    actionRoute(api, {
      path,
      summary,
      action: Attendance,
      answer: json(Quorum, 'The quorum now'),
      refusals: stepRefusals,
      run: (actor, meetingId, { personId }) =>
        run(ctx, { actor, meetingId, personId }).then(({ quorum }) => ({ quorum: { ...quorum } })),
    });
  }

  actionRoute(api, {
    path: '/meetings/{id}/attendance/many',
    summary: 'Sign in many members at once, all or none (secretary, chair, admin)',
    action: SignInMembers,
    answer: json(okWith({ signedIn: z.number().int(), quorum: QuorumCheck }), 'Signed in'),
    refusals: stepRefusals,
    run: (actor, meetingId, { personIds }) =>
      signInMembers(ctx, { actor, meetingId, personIds }).then(({ signedIn, quorum }) => ({
        signedIn,
        quorum: { ...quorum },
      })),
  });

  // A member signs themself in with the code shown in the room; wrong codes are throttled by
  // account and address, as on the /join page.
  const Joined = okWith({ meetingId: z.string(), quorum: QuorumCheck });
  api.openapi(
    createRoute({
      method: 'post',
      path: '/join',
      summary:
        "Sign myself in to a meeting with the code shown in the room (the meeting's id back)",
      request: actionBody(SignInByCode),
      responses: {
        200: json(Joined, 'Signed in'),
        ...errors,
        ...stepRefusals,
        429: refused('Too many wrong codes: wait the Retry-After seconds'),
      },
    }),
    async (c) => {
      const { code } = c.req.valid('json');
      const joined = await signInByCode(ctx, {
        actor: actorOf(c),
        code,
        address: clientAddress(c),
      });
      return c.json(
        answerOf(api, Joined, {
          ok: true,
          meetingId: joined.meetingId,
          quorum: { ...joined.quorum },
        }),
        200,
      );
    },
  );
}
