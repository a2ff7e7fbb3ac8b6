import { findBallotOfMotion } from '../../db/queries/ballots.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { clauseDiff, differsFromModel } from '../../domain/resolutions/clause-diff.ts';
import { legalCommunicationEvents, legalOutcomes } from '../../domain/resolutions/communication.ts';
import { asOwnMotion } from '../../domain/resolutions/own-motion.ts';
import { can, type Actor } from '../../domain/organisations/policy.ts';
import { findMotion, listMeetingsOfBody } from '../../db/queries/meetings.ts';
import { findBody, findOrganisation } from '../../db/queries/organisations.ts';
import {
  findCommunication,
  findResolution,
  listAdoptions,
  listCommunicationEvents,
  listCommunicationsOfResolution,
  listInbox,
  listPrivateBodies,
} from '../../db/queries/resolutions.ts';
import { authorise, authoriseOrHide, loadBodyWithTree } from '../common/actor.ts';
import {
  communicationStateOf,
  presentHistory,
  resolutionPath,
  resolutionTextOf,
} from './communication-support.ts';
import { listModelAdoptions } from '../../db/queries/federation.ts';
import type { AppContext } from '../common/context.ts';
import { presentText } from './view-resolution.ts';
import { t } from '../../messages/messages.ts';

/**
 * The receiving side: a body's inbox of resolutions that call on it and model motions sent to
 * it, one communication with the steps its secretary may take now, and a model motion's
 * adoptions with each branch's text compared with the model clause by clause.
 */

/** Meetings of the body whose agenda may still take a motion. */
async function openMeetings(ctx: AppContext, bodyId: string) {
  return (await listMeetingsOfBody(ctx.db, bodyId))
    .filter((m) => m.status === 'scheduled' || m.status === 'open')
    .map((m) => ({ id: m.id, title: m.title, startsAt: m.starts_at, timeZone: m.time_zone }));
}

/** A body's inbox, newest first (its members read it; its secretary answers it). */
export async function viewInbox(ctx: AppContext, props: { actor: Actor | null; bodyId: string }) {
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in to read the inbox.');
  const { body, inTree } = await authorise(ctx.db, props.actor, 'body.participate', props.bodyId);
  const rows = await listInbox(ctx.db, body.id);
  const mayAnswer = can(props.actor, 'body.answerCommunications', inTree);
  return {
    body: { id: body.id, name: body.name },
    mayAnswer,
    meetings: mayAnswer ? await openMeetings(ctx, body.id) : [],
    items: rows.map((r) => {
      const state = communicationStateOf(r);
      return {
        id: r.id,
        kind: state.kind,
        title: r.resolution_title,
        from: `${r.from_body_name}, ${r.from_organisation_name}`,
        resolutionPath: resolutionPath(r.from_organisation_slug, r.resolution_slug),
        receivedAt: r.created_at,
        status: state.status,
        statusWords: t(`state.communication.${state.status}`, {}, 'en'),
        reason: state.reason,
        motionId: state.motionId,
        legalEvents: mayAnswer ? legalCommunicationEvents(state) : [],
      };
    }),
  };
}

/** One communication in a body's inbox, with what its secretary may do next. */
export async function viewCommunication(
  ctx: AppContext,
  props: { actor: Actor | null; communicationId: string },
) {
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in to read the inbox.');
  const row = await findCommunication(ctx.db, props.communicationId);
  if (!row?.to_body_id) throw notFound('That communication');
  const { body, inTree } = await authoriseOrHide(
    ctx.db,
    props.actor,
    'body.participate',
    row.to_body_id,
    'That communication',
  );
  const resolution = await findResolution(ctx.db, row.resolution_id);
  if (!resolution) throw notFound('That communication');
  const [from, organisation, events, motion, ballot] = await Promise.all([
    findBody(ctx.db, resolution.body_id),
    findOrganisation(ctx.db, resolution.organisation_id),
    listCommunicationEvents(ctx.db, [row.id]),
    row.motion_id ? findMotion(ctx.db, row.motion_id) : undefined,
    row.motion_id ? findBallotOfMotion(ctx.db, row.motion_id) : undefined,
  ]);
  const state = communicationStateOf(row);
  const mayAnswer = can(props.actor, 'body.answerCommunications', inTree);
  const text = resolutionTextOf(resolution);
  return {
    id: row.id,
    kind: state.kind,
    body: { id: body.id, name: body.name },
    from: { body: from?.name ?? '', organisation: organisation?.name ?? '' },
    resolution: {
      id: resolution.id,
      title: resolution.title,
      path: resolutionPath(organisation?.slug ?? '', resolution.slug),
      declared: resolution.declared,
      result: resolution.result,
      passedAt: resolution.passed_at,
      text: presentText(text),
      /** The text as this body's own motion: "calls on" this body becomes "resolves". */
      ownText: asOwnMotion(text, body.id),
    },
    status: state.status,
    statusWords: t(`state.communication.${state.status}`, {}, 'en'),
    reason: state.reason,
    motion: motion ? { id: motion.id, title: motion.title, status: motion.status } : null,
    /** The ballot of the body's members deciding its motion, when put to one. */
    ballot: ballot ? { id: ballot.id, state: ballot.state, secret: ballot.secret === 1 } : null,
    history: presentHistory(events),
    mayAnswer,
    legalEvents: mayAnswer ? legalCommunicationEvents(state) : [],
    legalOutcomes: mayAnswer ? legalOutcomes(state) : [],
    meetings: mayAnswer ? await openMeetings(ctx, body.id) : [],
  };
}
export type CommunicationView = Awaited<ReturnType<typeof viewCommunication>>;

/** Motions that are tabled: put forward and not withdrawn or dropped before the meeting. */
const NOT_TABLED = ['draft', 'withdrawn'];

/**
 * A model motion's page: the bodies it was publicised to, how many have tabled and passed it
 * and which, and each adoption's difference from the model. Members who may see its body see
 * it all; anyone else sees it when its resolution is public, with only the adoptions of bodies
 * that keep their resolutions public too.
 */
export async function viewModelMotion(
  ctx: AppContext,
  props: { actor: Actor | null; resolutionId: string },
) {
  const resolution = await findResolution(ctx.db, props.resolutionId);
  if (!resolution?.model_published_at) throw notFound('That model motion');
  const loaded = await loadBodyWithTree(ctx.db, resolution.body_id);
  const { body } = loaded;
  const member = can(props.actor, 'body.view', loaded.inTree);
  if (!member && (await listPrivateBodies(ctx.db, [body.id])).size) {
    throw notFound('That model motion');
  }
  const organisation = await findOrganisation(ctx.db, resolution.organisation_id);
  const model = resolutionTextOf(resolution);
  const [allAdoptions, allSent, elsewhere] = await Promise.all([
    listAdoptions(ctx.db, resolution.id),
    listCommunicationsOfResolution(ctx.db, resolution.id),
    listModelAdoptions(ctx.db, resolution.id),
  ]);
  const hidden = member
    ? new Set<string>()
    : await listPrivateBodies(ctx.db, [
        ...allAdoptions.map((a) => a.body_id),
        ...allSent.flatMap((c) => (c.to_body_id ? [c.to_body_id] : [])),
      ]);
  const adoptions = allAdoptions.filter((a) => !hidden.has(a.body_id));
  const sent = allSent.filter((c) => !c.to_body_id || !hidden.has(c.to_body_id));
  const rows = adoptions.map((a) => {
    const text = a.motion_substantive ?? a.motion_text;
    return {
      bodyId: a.body_id,
      bodyName: a.body_name,
      motionId: a.motion_id,
      motionStatus: a.motion_status,
      tabled: !NOT_TABLED.includes(a.motion_status),
      passed: a.motion_status === 'carried',
      adoptedAt: a.created_at,
      changed: differsFromModel(model, text),
      title: text.title,
      diff: clauseDiff(model, text),
    };
  });
  return {
    id: resolution.id,
    title: resolution.title,
    path: resolutionPath(organisation?.slug ?? '', resolution.slug),
    body: { id: body.id, name: body.name },
    publishedAt: resolution.model_published_at,
    text: presentText(model),
    publicisedTo: sent
      .filter((c) => c.kind === 'model-motion')
      .sort((a, b) => a.addressee_name.localeCompare(b.addressee_name))
      .map((c) => ({
        bodyName: c.addressee_name,
        status: c.status,
        statusWords: t(`state.communication.${c.status}`, {}, 'en'),
      })),
    counts: {
      adopted: rows.length,
      tabled: rows.filter((r) => r.tabled).length,
      passed: rows.filter((r) => r.passed).length,
    },
    adoptions: rows,
    // Adopted by bodies on other servers (docs/model-motions.md): public, as their servers sent.
    adoptedElsewhere: elsewhere.map((a) => ({
      bodyName: a.body_name,
      server: a.server,
      actorId: a.actor_id,
      resolutionUrl: a.object_id,
      title: a.title,
      adoptedAt: a.adopted_at,
    })),
  };
}
export type ModelMotionView = Awaited<ReturnType<typeof viewModelMotion>>;
