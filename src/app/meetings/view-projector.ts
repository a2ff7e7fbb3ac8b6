import { findVisibleMeeting } from './meeting-support.ts';
import { showSignInCode, signInCodeWorks } from '../../domain/meetings/sign-in-code.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findMeeting } from '../../db/queries/meetings.ts';
import { findProjectorLink, findProjectorLinkByHash } from '../../db/queries/projector-links.ts';
import { authorise, loadBodyWithTree } from '../common/actor.ts';
import type { AppContext } from '../common/context.ts';
import { hashSecret } from '../common/secrets.ts';
import { speakersViewOf } from './speakers/view-speakers.ts';
import { meetingViewOf } from './view-meeting.ts';

/**
 * What the projector shows on the wall, and nothing more (the presenter of both ways in): the
 * meeting's title, the turnout and quorum, the agenda, the question before the meeting with the
 * motion as amended so far, whether a vote is on and a secret ballot's turnout, who has the
 * floor with the time left, who waits to speak, and the last result declared. Everyone in the
 * room sees all of it; no member data beyond it (no register, no email, no one's vote).
 */
export async function viewProjector(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string } | { token: string },
) {
  const { meeting, loaded, actor } = await openProjector(ctx, props);
  const [m, s] = await Promise.all([
    meetingViewOf(ctx, meeting, loaded, actor),
    speakersViewOf(ctx, meeting, loaded, actor),
  ]);
  const person = (p: { name: string; side: string | null; pointOfOrder: boolean }) => ({
    name: p.name,
    side: p.side,
    pointOfOrder: p.pointOfOrder,
  });
  const declared = m.questions.at(-1);
  return {
    meetingId: m.id,
    title: m.title,
    status: m.status,
    timeZone: m.timeZone,
    quorum: { present: m.quorum.present, members: m.quorum.members, met: m.quorum.met },
    agenda: m.agenda.map((a) => ({
      position: a.position,
      title: a.title,
      current: !!m.current && a.motionId === m.current.id,
    })),
    current: m.current
      ? {
          question: m.current.question,
          amended: m.current.amended,
          substantive: m.current.substantive,
        }
      : null,
    voting: m.questionPut
      ? {
          ballot: m.questionPut.ballot
            ? {
                id: m.questionPut.ballot.id,
                voted: m.questionPut.ballot.voted,
                electorate: m.questionPut.ballot.electorate,
              }
            : null,
        }
      : null,
    speakers: {
      speaking: s.speaking
        ? { ...person(s.speaking), endsAt: s.speaking.endsAt, secondsLeft: s.speaking.secondsLeft }
        : null,
      queue: s.queue.map(person),
    },
    /** Stored codes and figures: the page words them in the reader's language. */
    declared: declared
      ? {
          wording: declared.wording,
          procedural: declared.procedural,
          declared: declared.declared,
          result: declared.result,
        }
      : null,
    /** The code members sign themselves in with, shown large to the room while it works. */
    signInCode:
      meeting.sign_in_code &&
      signInCodeWorks({
        status: meeting.status,
        startsAt: meeting.starts_at,
        timeZone: meeting.time_zone,
        now: ctx.now(),
      })
        ? showSignInCode(meeting.sign_in_code)
        : null,
    /** Opened by the private link: its script follows the link's own event stream. */
    byLink: 'token' in props,
  };
}
export type ProjectorView = Awaited<ReturnType<typeof viewProjector>>;

/**
 * The meeting a projector shows: by a signed-in person who may take part in its body, or by a
 * private link's token, which stands for no one (an unknown or revoked token is "not found").
 */
export async function openProjector(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string } | { token: string },
) {
  if ('token' in props) {
    const link = await findProjectorLinkByHash(ctx.db, hashSecret(props.token));
    const meeting = link && (await findMeeting(ctx.db, link.meeting_id));
    if (!meeting) throw notFound('That projector link');
    return { meeting, loaded: await loadBodyWithTree(ctx.db, meeting.body_id), actor: null };
  }
  const { meeting, loaded } = await findVisibleMeeting(ctx.db, props.actor, props.meetingId);
  return { meeting, loaded, actor: props.actor };
}

/** Whether a meeting has a projector link now, and since when (its officers only). */
export async function viewProjectorLink(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string },
) {
  const meeting = await findMeeting(ctx.db, props.meetingId);
  if (!meeting) throw notFound('That meeting');
  await authorise(ctx.db, props.actor, 'body.runMeetings', meeting.body_id, 'That meeting');
  const link = await findProjectorLink(ctx.db, meeting.id);
  return link ? { madeAt: link.created_at } : null;
}
