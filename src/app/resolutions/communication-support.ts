import { DomainError, notFound } from '../../domain/errors.ts';
import {
  communicationTransition,
  type CommunicationEvent,
  type CommunicationKind,
  type CommunicationState,
  type CommunicationStatus,
} from '../../domain/resolutions/communication.ts';
import { type MotionText } from '../../domain/meetings/motion-text.ts';
import { newMotion, transition, type MotionState } from '../../domain/meetings/motion.ts';
import { asOwnMotion } from '../../domain/resolutions/own-motion.ts';
import type { Action, Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import {
  findMeeting,
  insertAgendaItem,
  insertMotion,
  listAgenda,
} from '../../db/queries/meetings.ts';
import { isCurrentMember } from '../../db/queries/memberships.ts';
import { findBody, findOrganisation } from '../../db/queries/organisations.ts';
import {
  appendCommunicationEvent,
  findResolution,
  listSecretaries,
  lockCommunication,
  updateCommunication,
  type CommunicationEventRow,
  type CommunicationRow,
  type ResolutionRow,
} from '../../db/queries/resolutions.ts';
import { mailTextsFor, readIn, type Written } from '../../mail/texts.ts';
import { authorise, type BodyWithTree } from '../common/actor.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, isoNow, today } from '../common/context.ts';
import { resolveMotionText, type MotionTextInput } from '../meetings/draft-motion.ts';
import { enqueueMemberMail, mailQueued } from '../common/enqueue-mail.ts';
import { loadRules, publishMeeting } from '../meetings/meeting-support.ts';
import { newRowOfBody } from '../common/row-of-body.ts';
import { newId } from '../common/secrets.ts';
import { t } from '../../messages/messages.ts';
import { answerRemoteSender } from '../federation/answer-remote.ts';

/**
 * What the communication use cases share: loading a communication for its receiving body's
 * secretary, taking a step of the state machine and leaving its three records (the history the
 * sender sees, the audit chain, the mail to the sender's secretary), and making the receiving
 * body's own motion from a text. Not a use case itself.
 */

export const communicationStateOf = (row: CommunicationRow): CommunicationState => ({
  kind: row.kind,
  status: row.status,
  reason: row.reason,
  motionId: row.motion_id,
});

export const resolutionTextOf = (row: Pick<ResolutionRow, 'text'>): MotionText => row.text;

/** A communication's history as its pages show it: each step's time, state, words and note. */
export const presentHistory = (events: readonly CommunicationEventRow[]) =>
  events.map((e) => ({
    at: e.at,
    status: e.status,
    words: t(`state.communication.${e.status}`, {}, 'en'),
    note: e.reason === null ? null : readIn('en', storedNote(e.reason)),
    /** The note as written: Seconded's words in every language, people's as they wrote them. */
    written: e.reason === null ? null : storedNote(e.reason),
  }));

/**
 * A history step's note as stored: people's words as a string, Seconded's own in every language
 * as JSON (since issue 15; earlier rows hold the English alone and are shown as they are).
 */
export function storedNote(reason: string): Written {
  if (!reason.startsWith('{"en":')) return reason;
  try {
    return JSON.parse(reason) as Written;
  } catch {
    return reason;
  }
}

/** The public address of a resolution. */
export const resolutionPath = (organisationSlug: string, slug: string) =>
  `/r/${organisationSlug}/${slug}`;

/**
 * Loads (and on PostgreSQL locks) a communication in a body's inbox and checks the actor may
 * answer it there. Someone who may not even see the receiving body is told it was not found.
 */
export async function loadCommunicationFor(
  trx: Db,
  ctx: AppContext,
  actor: Actor | null,
  communicationId: string,
  action: Action = 'body.answerCommunications',
): Promise<{ row: CommunicationRow; resolution: ResolutionRow; loaded: BodyWithTree }> {
  if (!actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in to answer correspondence.');
  const row = await lockCommunication(trx, communicationId);
  if (!row || !row.to_body_id) throw notFound('That communication');
  const loaded = await authorise(trx, actor, 'body.view', row.to_body_id, 'That communication');
  await authorise(trx, actor, action, row.to_body_id).catch((error: unknown) => {
    throw error instanceof DomainError && error.code === 'FORBIDDEN'
      ? new DomainError('FORBIDDEN', "Only the body's secretary or an administrator can do that.")
      : error;
  });
  const resolution = await findResolution(trx, row.resolution_id);
  if (!resolution) throw notFound('That communication');
  return { row, resolution, loaded };
}

/** The ways a communication becomes the receiving body's own motion, and the kind each takes. */
type Tabling = 'put-on-agenda' | 'put-to-ballot' | 'adopt' | 'composite';
const WRONG_KIND: Record<Tabling, (status: string) => string> = {
  adopt: (status) =>
    `Only a model motion is adopted; this is answered by ruling on it (state ${status}, event adopt).`,
  'put-on-agenda': (status) =>
    `A model motion is adopted, not put on the agenda (state ${status}, event put-on-agenda).`,
  'put-to-ballot': (status) =>
    `A model motion is adopted, not put to a ballot (state ${status}, event put-to-ballot).`,
  composite: () => 'A model motion is adopted, not composited (event composite).',
};

/**
 * Loads a communication for the receiving secretary (as loadCommunicationFor) to make the
 * body's own motion from it by `tabling`, and refuses it before anything is written unless it
 * is of the kind that takes that step (a model motion is adopted, a "calls on" put on the agenda
 * or composited) and its state allows the step now. With `bodyId`, it must be in that inbox.
 */
export async function loadCommunicationToTable(
  trx: Db,
  ctx: AppContext,
  props: { actor: Actor | null; communicationId: string; tabling: Tabling; bodyId?: string },
) {
  const loaded = await loadCommunicationFor(trx, ctx, props.actor, props.communicationId);
  if (props.bodyId !== undefined && loaded.loaded.body.id !== props.bodyId) {
    throw notFound('That communication');
  }
  const { row } = loaded;
  if (row.kind !== (props.tabling === 'adopt' ? 'model-motion' : 'calls-on')) {
    throw new DomainError('ILLEGAL_TRANSITION', WRONG_KIND[props.tabling](row.status));
  }
  communicationTransition(communicationStateOf(row), { type: props.tabling, motionId: '' });
  return loaded;
}

/**
 * Makes the receiving body's own motion from one communication, put on the agenda or adopted
 * (createOwnMotion): from `text` when given, else from the resolution's text. The caller then
 * records what else it must and takes the step (stepCommunication).
 */
export async function ownMotionFromCommunication(
  trx: Db,
  ctx: AppContext,
  props: {
    actor: Actor | null;
    communicationId: string;
    tabling: 'put-on-agenda' | 'put-to-ballot' | 'adopt';
    text?: MotionTextInput | undefined;
    meetingId?: string | null | undefined;
  },
) {
  const { row, resolution, loaded } = await loadCommunicationToTable(trx, ctx, props);
  const at = isoNow(ctx);
  const text = props.text
    ? await resolveMotionText(trx, props.text)
    : asOwnMotion(resolutionTextOf(resolution), loaded.body.id);
  const made = await createOwnMotion(trx, ctx, {
    actor: props.actor!,
    bodyId: loaded.body.id,
    text,
    meetingId: props.meetingId,
    at,
    today: today(ctx),
    from:
      props.tabling === 'adopt'
        ? { modelMotionId: resolution.id, communicationIds: [row.id] }
        : { communicationIds: [row.id], resolutionId: resolution.id },
  });
  return { row, resolution, body: loaded.body, at, text, ...made };
}

/** After the transaction of a motion made from communications: the mail goes, agendas update. */
export function ownMotionMade(ctx: AppContext, meetingId: string | null | undefined) {
  mailQueued(ctx);
  if (meetingId) publishMeeting(ctx, meetingId, 'agenda');
}

/**
 * Writes a communication's new state and its line in the history (with the note as stored, if
 * any), in the caller's transaction; the caller audits it (what its audit entry says differs by
 * who took the step).
 */
export async function recordCommunicationState(
  trx: Db,
  row: CommunicationRow,
  next: CommunicationState,
  line: { at: string; actorPersonId: string | null; note?: string | null },
) {
  await updateCommunication(trx, row.id, {
    status: next.status,
    reason: next.reason,
    motion_id: next.motionId,
    updated_at: line.at,
  });
  await appendCommunicationEvent(trx, {
    communication_id: row.id,
    at: line.at,
    status: next.status,
    reason: line.note ?? null,
    actor_person_id: line.actorPersonId,
  });
}

/**
 * Takes one step of a communication and records it: the new state, a line in its history (shown
 * on the sender's resolution page), an audit event in the receiving organisation's chain, and an
 * email to the secretaries of the sending body, all in the caller's transaction.
 */
export async function stepCommunication(
  trx: Db,
  ctx: AppContext,
  props: {
    row: CommunicationRow;
    resolution: ResolutionRow;
    event: CommunicationEvent;
    actorPersonId: string | null;
    at: string;
    /**
     * Shown with the step in the history: the ruling's reason, the declared result. One Seconded
     * wrote is mailed in each reader's language and kept in English.
     */
    note?: Written | null;
  },
): Promise<CommunicationState> {
  const next = communicationTransition(communicationStateOf(props.row), props.event);
  const written = props.note ?? (props.event.type === 'rule' ? next.reason : null);
  const note = written && readIn('en', written);
  await recordCommunicationState(trx, props.row, next, {
    at: props.at,
    actorPersonId: props.actorPersonId,
    note: written && typeof written !== 'string' ? JSON.stringify(written) : note,
  });
  await appendAudit(trx, {
    organisationId: props.row.to_organisation_id ?? props.resolution.organisation_id,
    actorPersonId: props.actorPersonId,
    action: `communication.${props.event.type}`,
    subject: `communication:${props.row.id}`,
    data: {
      resolutionId: props.resolution.id,
      toBodyId: props.row.to_body_id,
      status: next.status,
      reason: note,
      motionId: next.motionId,
    },
    at: props.at,
  });
  await tellSender(trx, ctx, props.resolution, props.row, next.status, written);
  await answerRemoteSender(trx, ctx, { row: props.row, status: next.status, note, at: props.at });
  return next;
}

/**
 * Emails the sending body's secretaries, each in their language, that their resolution's delivery
 * changed.
 */
export async function tellSender(
  trx: Db,
  ctx: AppContext,
  resolution: ResolutionRow,
  row: CommunicationRow,
  status: CommunicationStatus,
  note: Written | null,
) {
  const [secretaries, organisation] = await Promise.all([
    listSecretaries(trx, resolution.body_id),
    findOrganisation(trx, resolution.organisation_id),
  ]);
  if (!organisation) return;
  const link = `${ctx.baseUrl}${resolutionPath(organisation.slug, resolution.slug)}`;
  for (const s of secretaries) {
    const mail = mailTextsFor(s.locale).communicationStep({
      name: s.name,
      title: resolution.title,
      addressee: row.addressee_name,
      status,
      note: note && readIn(s.locale, note),
      link,
    });
    const to = { personId: s.person_id, kind: 'communications' } as const;
    await enqueueMemberMail(trx, ctx, to, { to: s.email, ...mail });
  }
}

/** Emails a receiving body's secretaries, each in their language, that its inbox has something. */
export async function tellReceiver(
  trx: Db,
  ctx: AppContext,
  props: {
    bodyId: string;
    bodyName: string;
    kind: CommunicationKind;
    senderName: string;
    title: string;
  },
) {
  const { bodyId, ...received } = props;
  for (const s of await listSecretaries(trx, bodyId)) {
    const mail = mailTextsFor(s.locale).communicationReceived({
      ...received,
      name: s.name,
      inboxLink: `${ctx.baseUrl}/bodies/${bodyId}/inbox`,
    });
    const to = { personId: s.person_id, kind: 'communications' } as const;
    await enqueueMemberMail(trx, ctx, to, { to: s.email, ...mail });
  }
}

/**
 * Makes the receiving body's own motion from a text, proposed by the actor (a member of the
 * body) and submitted at once; with `meetingId`, put on that meeting's agenda. The text is
 * checked in full (motion.ts), so an incomplete one is refused with VALIDATION_FAILED.
 */
export async function createOwnMotion(
  trx: Db,
  ctx: AppContext,
  props: {
    actor: Actor;
    bodyId: string;
    text: MotionText;
    meetingId?: string | null | undefined;
    at: string;
    today: string;
    /** What it was made from, for the audit chain. */
    from: Record<string, unknown>;
  },
): Promise<{ motionId: string; agendaItemId: string | null; state: MotionState }> {
  const body = await findBody(trx, props.bodyId);
  if (!body) throw notFound('That body');
  const rules = await loadRules(trx, body.id);
  const proposer = {
    personId: props.actor.personId,
    isMember: await isCurrentMember(trx, body.id, props.actor.personId, props.today),
    isOfficer: props.actor.memberships.some((m) => m.bodyId === body.id && m.role !== 'member'),
  };
  let state = newMotion({ proposer, rules });
  state = transition(state, { type: 'submit', at: props.at, text: props.text }, { rules });
  let meetingId: string | null = null;
  if (props.meetingId) {
    const meeting = await findMeeting(trx, props.meetingId);
    if (!meeting || meeting.body_id !== body.id) throw notFound('That meeting');
    if (meeting.status === 'closed' || meeting.status === 'cancelled') {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `The meeting is ${meeting.status}; its agenda cannot change (state ${meeting.status}).`,
      );
    }
    state = transition(state, { type: 'place-on-agenda' }, { rules });
    meetingId = meeting.id;
  }
  const motion = newRowOfBody(body, props.at);
  await insertMotion(trx, {
    ...motion,
    meeting_id: meetingId,
    title: props.text.title,
    text: JSON.stringify(props.text),
    substantive: null,
    status: state.status,
    state: JSON.stringify(state),
    proposer_person_id: props.actor.personId,
    seconder_person_id: null,
    updated_at: props.at,
    secret_kind: null,
  });
  let agendaItemId: string | null = null;
  if (meetingId) {
    const agenda = await listAgenda(trx, meetingId);
    agendaItemId = newId();
    await insertAgendaItem(trx, {
      id: agendaItemId,
      meeting_id: meetingId,
      position: (agenda[agenda.length - 1]?.position ?? 0) + 1,
      title: t('agenda.motionItem', { title: props.text.title }),
      motion_id: motion.id,
      created_at: props.at,
    });
  }
  await appendAudit(trx, {
    organisationId: body.organisation_id,
    actorPersonId: props.actor.personId,
    action: 'motion.submitted',
    subject: `motion:${motion.id}`,
    data: { bodyId: body.id, title: props.text.title, meetingId, ...props.from },
    at: props.at,
  });
  return { motionId: motion.id, agendaItemId, state };
}
