import { proxiesInRoom } from '../../domain/meetings/proxies.ts';
import { quorumOf } from './meeting-support.ts';
import { showSignInCode, signInCodeWorks } from '../../domain/meetings/sign-in-code.ts';
import { notFound } from '../../domain/errors.ts';
import { nextQuestion, type DebateState } from '../../domain/meetings/debate.ts';
import { clauseSentence, type MotionText } from '../../domain/meetings/motion-text.ts';
import {
  BEFORE_THE_MEETING,
  legalEvents,
  needsSecretBallot,
} from '../../domain/meetings/motion.ts';
import { mayOpenMeeting, motionDeadline } from '../../domain/meetings/notice.ts';
import { describeQuorum } from '../../domain/meetings/quorum.ts';
import { can, type Actor, type BodyInTree } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import {
  findMeeting,
  findMinutes,
  findMotion,
  findQuestionPut,
  listAgenda,
  listCompositeSources,
  listMeetingsOfBody,
  listMotionsOfBody,
  listMotionsOfMeeting,
  listQuestions,
  namesOf,
  type MeetingRow,
  type MotionRow,
} from '../../db/queries/meetings.ts';
import {
  authoriseOrHide,
  hideUnless,
  loadBodyWithTree,
  type BodyWithTree,
} from '../common/actor.ts';
import { keptAt, versionFor } from '../common/kept-views.ts';
import { today } from '../common/context.ts';
import type { AppContext } from '../common/context.ts';
import { loadDebate, loadRules, motionStateOf, motionTextOf, scopeOf } from './meeting-support.ts';
import { meetingFacts } from './meeting-facts.ts';
import { presentQuestionPut } from './view-question-put.ts';
import { questionWordings, readOut } from './question-wording.ts';
import { nextSteps } from '../../domain/meetings/next-steps.ts';
import { clauseVerbs } from '../../messages/amendment-words.ts';
import { currentLocale, t } from '../../messages/messages.ts';

/**
 * What people see of meetings, motions and minutes: presenters for the pages and the API, and
 * the chair's console (who is present, the quorum, the question before the meeting, the
 * substantive motion in full, and only the next steps the rules allow).
 */

async function visibleBody(db: Db, actor: Actor | null, bodyId: string, what: string) {
  return authoriseOrHide(db, actor, 'body.participate', bodyId, what);
}

/**
 * A draft motion is listed only to its proposer, its seconder and those who run the body's
 * meetings. Once submitted, every member of the body sees it listed.
 */
const mayRead = (
  actor: Actor | null,
  row: Pick<MotionRow, 'status' | 'proposer_person_id' | 'seconder_person_id'>,
  inTree: BodyInTree,
) =>
  row.status !== 'draft' ||
  (!!actor &&
    (row.proposer_person_id === actor.personId ||
      row.seconder_person_id === actor.personId ||
      can(actor, 'body.runMeetings', inTree)));

export const presentMeeting = (m: MeetingRow) => ({
  id: m.id,
  bodyId: m.body_id,
  title: m.title,
  startsAt: m.starts_at,
  location: m.location,
  timeZone: m.time_zone,
  status: m.status,
  noticeGivenAt: m.notice_given_at,
  emergency: m.emergency === 1,
  openedAt: m.opened_at,
  closedAt: m.closed_at,
});
export type MeetingSummary = ReturnType<typeof presentMeeting>;

/** The meetings of a body, latest first. */
export async function listMeetings(
  ctx: AppContext,
  props: { actor: Actor | null; bodyId: string },
) {
  const { body, inTree } = await visibleBody(ctx.db, props.actor, props.bodyId, 'That body');
  const rows = await listMeetingsOfBody(ctx.db, body.id);
  return {
    body: { id: body.id, name: body.name },
    meetings: rows.map(presentMeeting),
    canRun: can(props.actor, 'body.runMeetings', inTree),
  };
}

/** A clause numbered and read as a sentence, with its id for amendments to name. */
const presentText = (text: MotionText) => ({
  title: text.title,
  clauses: text.clauses.map((c, i) => ({
    id: c.id,
    number: i + 1,
    kind: c.kind,
    text: c.text,
    addressee: c.addressee ?? null,
    sentence: clauseSentence(c, clauseVerbs()),
  })),
});
export type PresentedText = ReturnType<typeof presentText>;

function presentMotion(m: MotionRow, names: ReadonlyMap<string, string>) {
  const state = motionStateOf(m);
  return {
    id: m.id,
    bodyId: m.body_id,
    meetingId: m.meeting_id,
    title: m.title,
    status: state.status,
    statusWords: t(`state.motion.${state.status}`, {}, 'en'),
    proposer: { id: m.proposer_person_id, name: names.get(m.proposer_person_id) ?? '' },
    seconder: m.seconder_person_id
      ? { id: m.seconder_person_id, name: names.get(m.seconder_person_id) ?? '' }
      : null,
    movedBy: state.movedById ? (names.get(state.movedById) ?? '') : null,
    result: state.result,
    /** A question of no confidence or of discipline, or null. */
    secretKind: m.secret_kind,
    /** The composite motion it was composited into, or null. */
    compositedInto: m.composited_into,
  };
}

const motionPeople = (rows: readonly MotionRow[]) =>
  rows.flatMap((m) => {
    const s = motionStateOf(m);
    return [m.proposer_person_id, m.seconder_person_id, s.movedById].filter(
      (x): x is string => !!x,
    );
  });

function presentDebate(
  debate: DebateState,
  rows: Awaited<ReturnType<typeof loadDebate>>['rows'],
  names: ReadonlyMap<string, string>,
) {
  return {
    original: presentText(debate.original),
    substantive: presentText(debate.motion),
    amended: JSON.stringify(debate.motion) !== JSON.stringify(debate.original),
    amendments: rows.map((r) => {
      const a = debate.amendments.find((x) => x.id === r.id)!;
      return {
        id: r.id,
        parentId: r.parent_id,
        depth: r.depth,
        description: readOut(debate, r.id),
        status: a.state.status,
        statusWords: t(`state.amendment.${a.state.status}`, {}, 'en'),
        mover: names.get(r.proposer_person_id) ?? '',
        seconder: a.state.seconderId ? (names.get(a.state.seconderId) ?? '') : null,
        legalEvents: legalEvents(a.state),
        result: a.state.result,
      };
    }),
  };
}

/** A motion: its text (and, once debated, the substantive text and amendments) and its state. */
export async function viewMotion(
  ctx: AppContext,
  props: { actor: Actor | null; motionId: string },
) {
  const row = await findMotion(ctx.db, props.motionId);
  if (!row) throw notFound('That motion');
  const { body, bodies, inTree } = await visibleBody(
    ctx.db,
    props.actor,
    row.body_id,
    'That motion',
  );
  const me = props.actor?.personId;
  const isMember = !!props.actor?.memberships.some(
    (m) => m.bodyId === body.id && m.role === 'member',
  );
  // A draft is unlisted, not secret from its own body: a member the proposer sends the link to
  // must be able to read it to second it. It stays out of every list until submitted.
  if (!mayRead(props.actor, row, inTree) && !isMember) throw notFound('That motion');
  const meeting = row.meeting_id ? await findMeeting(ctx.db, row.meeting_id) : undefined;
  const rules = await loadRules(ctx.db, row.body_id);
  const [compositedFrom, composite] = await Promise.all([
    listCompositeSources(ctx.db, row.id),
    row.composited_into ? findMotion(ctx.db, row.composited_into) : undefined,
  ]);
  const { debate, rows } = await loadDebate(ctx.db, row, rules);
  const names = await namesOf(ctx.db, [
    ...motionPeople([row]),
    ...rows.flatMap((r) => [r.proposer_person_id, r.seconder_person_id ?? '']),
  ]);
  return {
    ...presentMotion(row, names),
    body: { id: body.id, name: body.name },
    meeting: meeting ? presentMeeting(meeting) : null,
    text: presentText(motionTextOf(row)),
    /** A composite: the motions composited into it, each linked. */
    compositedFrom,
    composite: composite ? { id: composite.id, title: composite.title } : null,
    debate: rows.length || row.substantive ? presentDebate(debate, rows, names) : null,
    deadline: meeting
      ? motionDeadline({ meetingStartsAt: meeting.starts_at, rules, timeZone: meeting.time_zone })
      : null,
    canEdit: row.status === 'draft' && row.proposer_person_id === me,
    canSecond:
      row.status === 'draft' &&
      isMember &&
      row.proposer_person_id !== me &&
      !row.seconder_person_id,
    canRun: can(props.actor, 'body.runMeetings', inTree),
    /** Bodies of this organisation a "calls on" clause can name. */
    addressees: bodies.map((b) => ({ id: b.id, name: b.name })),
  };
}

/** The motions of a body, newest first. */
export async function listMotions(ctx: AppContext, props: { actor: Actor | null; bodyId: string }) {
  return motionsOfBodyAt(ctx, await versionFor(ctx), props.bodyId, props.actor);
}

/** listMotions at a data version: the body's motions kept for every reader, filtered for this one. */
async function motionsOfBodyAt(
  ctx: AppContext,
  version: string | null,
  bodyId: string,
  actor: Actor | null,
) {
  const shared = await keptAt(ctx, version, `motions ${bodyId} ${currentLocale()}`, async () => {
    const loaded = await loadBodyWithTree(ctx.db, bodyId).catch(() => {
      throw notFound('That body');
    });
    const rows = await listMotionsOfBody(ctx.db, loaded.body.id);
    const names = await namesOf(ctx.db, motionPeople(rows));
    return { loaded, motions: rows.map((row) => ({ row, shown: presentMotion(row, names) })) };
  });
  const { body, inTree } = hideUnless(actor, 'body.participate', shared.loaded, 'That body');
  return {
    body: { id: body.id, name: body.name },
    motions: shared.motions.filter((m) => mayRead(actor, m.row, inTree)).map((m) => m.shown),
  };
}

/**
 * A meeting as its page and the chair's console show it: the agenda, who is present and the
 * quorum, the motions, the one before the meeting with its substantive text and the question
 * now before the meeting, the legal next steps, the questions decided, and the minutes' state.
 */
export async function viewMeeting(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string },
) {
  return readerView(ctx, await sharedMeetingOf(ctx, props, await versionFor(ctx)), props.actor);
}

/**
 * The meeting's page: the meeting as viewMeeting gives it and, for those who run it, the body's
 * motions submitted for its agenda, read at one data version.
 */
export async function viewMeetingPage(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string },
) {
  const version = await versionFor(ctx);
  const m = await readerView(ctx, await sharedMeetingOf(ctx, props, version), props.actor);
  const motions = m.canRun
    ? await motionsOfBodyAt(ctx, version, m.bodyId, props.actor)
    : { motions: [] };
  return { m, submitted: motions.motions.filter((x) => x.status === 'submitted') };
}

/**
 * The view of viewMeeting, of a meeting whose body the caller has already let `actor` see (or,
 * for the projector's private link, with no actor: then it holds nothing personal to anyone).
 */
export async function meetingViewOf(
  ctx: AppContext,
  meeting: MeetingRow,
  loaded: BodyWithTree,
  actor: Actor | null,
) {
  return readerView(ctx, await sharedMeeting(ctx, meeting, loaded), actor);
}

/**
 * The meeting's shared part (sharedMeeting), kept at `version` for every reader
 * (kept-views.ts), and the reader's right to see it checked against its body's tree. The members
 * counted are those of the day, and the words are in the reader's language: both are in the key.
 */
async function sharedMeetingOf(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string },
  version: string | null,
) {
  const shared = await keptAt(
    ctx,
    version,
    `meeting ${props.meetingId} ${today(ctx)} ${currentLocale()}`,
    async () => {
      const meeting = await findMeeting(ctx.db, props.meetingId);
      if (!meeting) throw notFound('That meeting');
      const loaded = await loadBodyWithTree(ctx.db, meeting.body_id).catch(() => {
        throw notFound('That meeting');
      });
      return sharedMeeting(ctx, meeting, loaded);
    },
  );
  hideUnless(props.actor, 'body.participate', shared.loaded, 'That meeting');
  return shared;
}

/**
 * What every reader of the meeting is shown alike, read from the database: nothing here depends
 * on who reads it or on the time of day (what the clock decides is worked out in readerView).
 * It is shared between requests: never change it, copy.
 */
async function sharedMeeting(ctx: AppContext, meeting: MeetingRow, loaded: BodyWithTree) {
  const scope = await scopeOf(ctx.db, ctx, meeting, loaded);
  const [agenda, motions, questions, questionPut, minutes] = await Promise.all([
    listAgenda(ctx.db, meeting.id),
    listMotionsOfMeeting(ctx.db, meeting.id),
    listQuestions(ctx.db, meeting.id),
    findQuestionPut(ctx.db, meeting.id),
    findMinutes(ctx.db, meeting.id),
  ]);
  const current = motions.find((m) => BEFORE_THE_MEETING.includes(m.status));
  const debate = current ? await loadDebate(ctx.db, current, scope.rules) : null;
  const names = new Map(scope.names);
  for (const [k, v] of await namesOf(ctx.db, [
    ...motionPeople(motions),
    ...(debate?.rows.flatMap((r) => [r.proposer_person_id, r.seconder_person_id ?? '']) ?? []),
    meeting.chair_person_id ?? '',
  ]))
    names.set(k, v);
  const quorum = quorumOf(scope);
  const question = debate ? nextQuestion(debate.debate) : null;
  const worded = await questionWordings(ctx.db, scope.rules, [
    ...questions,
    ...(questionPut ? [questionPut] : []),
  ]);
  // The facts the legal next steps are read from; whether it may open now is the clock's, and
  // is worked out again for each reader.
  const facts = await meetingFacts(ctx.db, ctx, scope);
  return {
    meeting,
    loaded,
    scope,
    facts,
    /** The meeting's motions, each with its presentation, for each reader to filter. */
    motions: motions.map((row) => ({ row, shown: presentMotion(row, names) })),
    questionPut: questionPut ? { ...questionPut, wording: worded(questionPut) } : null,
    view: {
      ...presentMeeting(meeting),
      body: { id: loaded.body.id, name: loaded.body.name },
      chair: meeting.chair_person_id ? (names.get(meeting.chair_person_id) ?? null) : null,
      rules: scope.rules,
      motionDeadline: motionDeadline({
        meetingStartsAt: meeting.starts_at,
        rules: scope.rules,
        timeZone: meeting.time_zone,
      }),
      agenda: agenda.map((a) => ({
        id: a.id,
        position: a.position,
        title: a.title,
        motionId: a.motion_id,
      })),
      quorum: { ...quorum, members: scope.members.length, words: describeQuorum(quorum) },
      present: scope.presentIds.map((id) => ({ personId: id, name: names.get(id) ?? '' })),
      /** Members away whose proxy a member present holds: answered for by name in the room. */
      byProxy: proxiesInRoom(scope.presentIds, scope.proxies, scope.rules).map((p) => ({
        personId: p.giverId,
        name: names.get(p.giverId) ?? '',
        holderId: p.holderId,
        holderName: names.get(p.holderId) ?? '',
      })),
      register: scope.members.map((m) => ({
        personId: m.person_id,
        name: m.name,
        present: scope.presentIds.includes(m.person_id),
      })),
      current: current
        ? {
            ...presentMotion(current, names),
            legalEvents: legalEvents(motionStateOf(current)),
            ...presentDebate(debate!.debate, debate!.rows, names),
            question:
              question?.kind === 'amendment'
                ? {
                    kind: 'amendment' as const,
                    amendmentId: question.amendmentId,
                    depth: question.depth,
                    wording: readOut(debate!.debate, question.amendmentId),
                    motionIfCarried: presentText(question.motionIfCarried),
                  }
                : { kind: 'motion' as const, substantive: question?.substantive ?? false },
            /** The standing orders send its question to a secret ballot, not a vote in the room. */
            secretBallot: needsSecretBallot(current.secret_kind, scope.rules),
          }
        : null,
      questions: questions
        .filter((q) => q.status === 'declared')
        .map((q) => ({
          id: q.id,
          wording: worded(q),
          procedural: q.procedural,
          mode: q.mode,
          declared: q.declared,
          result: q.result,
          /** The audit entry that sealed the result. */
          resultHash: q.result_hash,
        })),
      minutes: minutes ? { status: minutes.status } : null,
    },
  };
}
type SharedMeeting = Awaited<ReturnType<typeof sharedMeeting>>;

/**
 * The meeting as `actor` sees it, now: their rights (the next steps and the register only for
 * those who may see them, drafts only for those who may read them), their own part (member,
 * present, the sign-in code, their ballot on the question put), and what the clock decides
 * (whether the notice has run, whether the sign-in code still works).
 */
async function readerView(ctx: AppContext, shared: SharedMeeting, actor: Actor | null) {
  const { meeting, loaded, scope, view } = shared;
  const me = actor?.personId ?? '';
  const canRun = can(actor, 'body.runMeetings', loaded.inTree);
  const opening = mayOpenMeeting({
    noticeGivenAt: meeting.notice_given_at,
    opensAt: ctx.now(),
    rules: scope.rules,
    emergency: meeting.emergency === 1,
    timeZone: meeting.time_zone,
  });
  const member = scope.members.some((m) => m.person_id === me);
  return {
    // The legal next steps, the same the use cases accept: only those who run the meeting take them.
    steps: canRun ? nextSteps({ ...shared.facts, mayOpen: opening.allowed }) : [],
    ...view,
    opening,
    /** The register, for the secretary to sign people in (only those who may see it). */
    register: can(actor, 'body.viewMembers', loaded.inTree) ? view.register : null,
    motions: shared.motions.filter((m) => mayRead(actor, m.row, loaded.inTree)).map((m) => m.shown),
    questionPut: shared.questionPut
      ? await presentQuestionPut(
          ctx.db,
          shared.questionPut,
          canRun,
          me,
          can(actor, 'body.countPapers', loaded.inTree),
        )
      : null,
    /** The code members sign themselves in with, to members of the body while it works. */
    signInCode:
      meeting.sign_in_code &&
      (canRun || member) &&
      signInCodeWorks({
        status: meeting.status,
        startsAt: meeting.starts_at,
        timeZone: meeting.time_zone,
        now: ctx.now(),
      })
        ? { code: meeting.sign_in_code, shown: showSignInCode(meeting.sign_in_code) }
        : null,
    me: { member, present: scope.presentIds.includes(me) },
    canRun,
  };
}
export type MeetingView = Awaited<ReturnType<typeof viewMeeting>>;
