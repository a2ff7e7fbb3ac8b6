import { findSealHash } from '../common/audit-log.ts';
import { notFound } from '../../domain/errors.ts';
import { isSettled } from '../../domain/resolutions/communication.ts';
import { clauseSentence, type MotionText } from '../../domain/meetings/motion-text.ts';
import { clauseVerbs } from '../../messages/amendment-words.ts';
import { minutesBodyText } from '../../domain/meetings/minutes.ts';
import { can, type Actor, type BodyInTree } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import { findMeeting, findMinutes } from '../../db/queries/meetings.ts';
import {
  findBody,
  findOrganisation,
  findOrganisationBySlug,
  findBodyBySlug,
  listBodies,
  type BodyRow,
} from '../../db/queries/organisations.ts';
import {
  findPublicationSettings,
  findPublishedMinutes,
  findPublishedMinutesBySlug,
  findResolution,
  findResolutionBySlug,
  listCommunicationEvents,
  listCommunicationsOfResolution,
  listPrivateBodies,
  listPublishedMinutesOfBodies,
  listResolutionsOfBodies,
  type ResolutionRow,
} from '../../db/queries/resolutions.ts';
import { authorise, loadBodyWithTree } from '../common/actor.ts';
import { presentHistory, resolutionPath, resolutionTextOf } from './communication-support.ts';
import type { AppContext } from '../common/context.ts';
import { minutesOf } from '../meetings/draft-minutes.ts';
import { t } from '../../messages/messages.ts';
import { declaredWords } from '../../messages/results.ts';

/**
 * Reading published resolutions and minutes: the permanent public page (anyone, unless the body
 * keeps its resolutions to its organisation), the feeds, and a body's list. Presenters decide
 * what leaves the server: the text, the meeting, the result and rule applied, and each
 * delivery's state and history; never a member's name beyond the officers who answered.
 */

/** A text as pages show it: numbered clauses read as sentences. */
export const presentText = (text: MotionText) => ({
  title: text.title,
  clauses: text.clauses.map((c, i) => ({
    id: c.id,
    number: i + 1,
    kind: c.kind,
    sentence: clauseSentence(c, clauseVerbs()),
  })),
});
export type PresentedResolutionText = ReturnType<typeof presentText>;

/** Whether a body's resolutions may be read by the actor (anyone, or its organisation only). */
async function mayRead(db: Db, actor: Actor | null, body: BodyRow): Promise<boolean> {
  const settings = await findPublicationSettings(db, body.id);
  if (settings?.resolutions_private !== 1) return true;
  const { inTree } = await loadBodyWithTree(db, body.id);
  return can(actor, 'body.view', inTree);
}

async function presentResolution(
  db: Db,
  actor: Actor | null,
  resolution: ResolutionRow,
  body: BodyRow,
  inTree: BodyInTree,
  organisation: { id: string; slug: string; name: string },
) {
  const [meeting, communications, settings, minutes, sealHash] = await Promise.all([
    resolution.meeting_id ? findMeeting(db, resolution.meeting_id) : undefined,
    listCommunicationsOfResolution(db, resolution.id),
    findPublicationSettings(db, body.id),
    resolution.meeting_id ? findPublishedMinutes(db, resolution.meeting_id) : undefined,
    findSealHash(
      db,
      resolution.organisation_id,
      `resolution:${resolution.id}`,
      'resolution.published',
    ),
  ]);
  const events = await listCommunicationEvents(
    db,
    communications.map((c) => c.id),
  );
  const bodyIds = communications.flatMap((c) => (c.to_body_id ? [c.to_body_id] : []));
  const bodies = new Map<string, { name: string; organisation: string }>();
  for (const id of new Set(bodyIds)) {
    const b = await findBody(db, id);
    const o = b ? await findOrganisation(db, b.organisation_id) : undefined;
    if (b) bodies.set(id, { name: b.name, organisation: o?.name ?? '' });
  }
  const { result } = resolution;
  const hasBodiesBelow = (await listBodies(db, body.organisation_id)).some(
    (b) => b.parent_id === body.id,
  );
  // Deliveries in the order of the clauses that call on each body; model motions by body name.
  const clauseIds = resolutionTextOf(resolution).clauses.map((c) => c.id);
  const order = (c: (typeof communications)[number]) =>
    c.clause_id ? clauseIds.indexOf(c.clause_id) : Number.MAX_SAFE_INTEGER;
  const present = (kind: string) =>
    communications
      .filter((c) => c.kind === kind)
      .sort((a, b) => order(a) - order(b) || a.addressee_name.localeCompare(b.addressee_name))
      .map((c) => ({
        id: c.id,
        addressee: c.addressee_name,
        toBody: c.to_body_id ? (bodies.get(c.to_body_id) ?? null) : null,
        status: c.status,
        statusWords: t(`state.communication.${c.status}`, {}, 'en'),
        reason: c.reason,
        updatedAt: c.updated_at,
        /**
         * Whether the sender may still withdraw it: the body it calls on has not decided it. A
         * motion sent to conference is withdrawn at conference, not here.
         */
        open:
          c.kind !== 'conference' &&
          c.status !== 'not-deliverable' &&
          !isSettled({ kind: c.kind, status: c.status }),
        history: presentHistory(events.filter((e) => e.communication_id === c.id)),
      }));
  const models = present('model-motion');
  return {
    id: resolution.id,
    slug: resolution.slug,
    path: resolutionPath(organisation.slug, resolution.slug),
    organisation,
    body: { id: body.id, slug: body.slug, name: body.name },
    text: presentText(resolutionTextOf(resolution)),
    meeting: meeting
      ? {
          id: meeting.id,
          title: meeting.title,
          startsAt: meeting.starts_at,
          timeZone: meeting.time_zone,
          location: meeting.location,
          /** The meeting's approved minutes, once published. */
          minutesPath: minutes ? `/r/${organisation.slug}/minutes/${minutes.slug}` : null,
        }
      : null,
    passedAt: resolution.passed_at,
    declared: resolution.declared,
    /** The result declared, for pages to word in the reader's language. */
    result,
    /** The audit entry that published it: `seconded verify` checks the text still matches. */
    sealHash,
    outcome: result.outcome,
    /** The threshold applied, as a code for pages to word in the reader's language. */
    threshold: result.ruleApplied.threshold,
    rule: t(`rule.${result.ruleApplied.threshold}`, {}, 'en'),
    counts: result.ruleApplied.counts,
    isPrivate: settings?.resolutions_private === 1,
    // A motion sent to conference is followed as the other deliveries are (issue 20).
    deliveries: [...present('calls-on'), ...present('conference')],
    model: {
      publishedAt: resolution.model_published_at,
      publicisedTo: models.length,
      adopted: models.filter((m) => m.status !== 'sent' && m.status !== 'acknowledged').length,
    },
    may: {
      publishModel:
        !resolution.model_published_at &&
        hasBodiesBelow &&
        can(actor, 'body.answerCommunications', inTree),
      // Public with its resolution (viewModelMotion shows outsiders the public part).
      seeModel: true,
      /** The sending body's secretary (or an administrator) may withdraw an open delivery. */
      withdraw: can(actor, 'body.answerCommunications', inTree),
    },
  };
}
export type ResolutionView = Awaited<ReturnType<typeof presentResolution>>;

/** Presents a resolution with its body and organisation, refusing those the actor may not read. */
async function presentReadable(db: Db, actor: Actor | null, resolution: ResolutionRow | undefined) {
  if (!resolution) throw notFound('That resolution');
  const body = await findBody(db, resolution.body_id);
  const organisation = await findOrganisation(db, resolution.organisation_id);
  if (!body || !organisation || !(await mayRead(db, actor, body))) {
    throw notFound('That resolution');
  }
  const { inTree } = await loadBodyWithTree(db, body.id);
  return presentResolution(db, actor, resolution, body, inTree, {
    id: organisation.id,
    slug: organisation.slug,
    name: organisation.name,
  });
}

/** A permanent address of something published: `/r/<organisation>/<slug>`. */
interface PermanentAddress {
  readonly organisationSlug: string;
  readonly slug: string;
}

/**
 * What stands at a permanent address, with its organisation. An unknown organisation and an
 * unknown slug are the same to the reader: `what` is not found.
 */
async function findAtAddress<T>(
  db: Db,
  address: PermanentAddress,
  findBySlug: (db: Db, organisationId: string, slug: string) => Promise<T | undefined>,
  what: string,
) {
  const organisation = await findOrganisationBySlug(db, address.organisationSlug);
  const found = organisation && (await findBySlug(db, organisation.id, address.slug));
  if (!organisation || !found) throw notFound(what);
  return { organisation, found };
}

/** A resolution at its permanent address `/r/<organisation>/<slug>`. */
export async function viewResolution(
  ctx: AppContext,
  props: { actor: Actor | null } & PermanentAddress,
) {
  const { found: resolution } = await findAtAddress(
    ctx.db,
    props,
    findResolutionBySlug,
    'That resolution',
  );
  return presentReadable(ctx.db, props.actor, resolution);
}

/** A resolution by id (the API). */
export async function viewResolutionById(
  ctx: AppContext,
  props: { actor: Actor | null; resolutionId: string },
) {
  return presentReadable(ctx.db, props.actor, await findResolution(ctx.db, props.resolutionId));
}

/** One entry of a feed or a list: a resolution or approved minutes. */
export interface PublishedEntry {
  readonly kind: 'resolution' | 'minutes';
  readonly id: string;
  readonly title: string;
  readonly path: string;
  readonly bodyName: string;
  readonly at: string;
  readonly summary: string;
  /** The whole text (with `withText`): what a feed reader shows without opening the page. */
  readonly content?: string;
}

/**
 * What an organisation (or one body of it) has published, newest first: resolutions and
 * approved minutes of the bodies that keep them public (all of them, for the organisation's own
 * members when `actor` may see them).
 */
export async function listPublished(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    organisationSlug: string;
    bodySlug?: string;
    limit?: number;
    withText?: boolean;
  },
) {
  const organisation = await findOrganisationBySlug(ctx.db, props.organisationSlug);
  if (!organisation) throw notFound('That organisation');
  let body: BodyRow | undefined;
  if (props.bodySlug !== undefined) {
    body = await findBodyBySlug(ctx.db, organisation.id, props.bodySlug);
    if (!body) throw notFound('That body');
  }
  const isMember = !!props.actor?.memberships.some((m) => m.organisationId === organisation.id);
  const all = body ? [body] : await listBodies(ctx.db, organisation.id);
  const hidden = isMember
    ? new Set<string>()
    : await listPrivateBodies(
        ctx.db,
        all.map((b) => b.id),
      );
  const bodies = all.filter((b) => !hidden.has(b.id));
  if (body && !bodies.length) throw notFound('That body');
  const names = new Map(all.map((b) => [b.id, b.name]));
  const ids = bodies.map((b) => b.id);
  const limit = props.limit ?? 50;
  const [resolutions, minutes] = await Promise.all([
    listResolutionsOfBodies(ctx.db, ids, limit),
    listPublishedMinutesOfBodies(ctx.db, ids, limit),
  ]);
  const entries: PublishedEntry[] = [
    ...resolutions.map((r) => ({
      kind: 'resolution' as const,
      id: r.id,
      title: r.title,
      path: resolutionPath(organisation.slug, r.slug),
      bodyName: names.get(r.body_id) ?? '',
      at: r.passed_at,
      summary: `${names.get(r.body_id) ?? ''}: ${declaredWords(r.declared, r.result)}.`,
      ...(props.withText ? { content: resolutionFullText(r) } : {}),
    })),
    ...(await Promise.all(
      minutes.map(async (m) => ({
        kind: 'minutes' as const,
        id: m.meeting_id,
        title: m.title,
        path: `/r/${organisation.slug}/minutes/${m.slug}`,
        bodyName: names.get(m.body_id) ?? '',
        at: m.published_at,
        summary: `Approved as a correct record.`,
        ...(props.withText ? { content: await minutesFullText(ctx.db, m.meeting_id) } : {}),
      })),
    )),
  ]
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? -1 : 1))
    .slice(0, limit);
  return {
    organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name },
    body: body ? { id: body.id, slug: body.slug, name: body.name } : null,
    entries,
  };
}

/** A resolution as a feed gives it: its clauses, then how it was decided. */
function resolutionFullText(r: ResolutionRow): string {
  const text = resolutionTextOf(r);
  return [
    text.title,
    '',
    t('res.thisMeeting'),
    ...text.clauses.map((c, i) => `${i + 1}. ${clauseSentence(c, clauseVerbs())}`),
    '',
    `${t('res.declared')}: ${declaredWords(r.declared, r.result)}`,
  ].join('\n');
}

/** Approved minutes as a feed gives them: the record as text. */
async function minutesFullText(db: Db, meetingId: string): Promise<string> {
  const row = await findMinutes(db, meetingId);
  return row ? minutesBodyText(minutesOf(row)) : '';
}

/** Approved minutes at their permanent address `/r/<organisation>/minutes/<slug>`. */
export async function viewPublishedMinutes(
  ctx: AppContext,
  props: { actor: Actor | null } & PermanentAddress,
) {
  const { organisation, found: published } = await findAtAddress(
    ctx.db,
    props,
    findPublishedMinutesBySlug,
    'Those minutes',
  );
  const body = await findBody(ctx.db, published.body_id);
  if (!body || !(await mayRead(ctx.db, props.actor, body))) throw notFound('Those minutes');
  const [meeting, row] = await Promise.all([
    findMeeting(ctx.db, published.meeting_id),
    findMinutes(ctx.db, published.meeting_id),
  ]);
  if (!meeting || !row) throw notFound('Those minutes');
  const minutes = minutesOf(row);
  return {
    title: published.title,
    path: `/r/${organisation.slug}/minutes/${published.slug}`,
    organisation: { slug: organisation.slug, name: organisation.name },
    body: { id: body.id, name: body.name },
    meeting: { title: meeting.title, startsAt: meeting.starts_at, timeZone: meeting.time_zone },
    publishedAt: published.published_at,
    approvedAt: minutes.approvedAt,
    document: minutes.document,
    corrections: minutes.corrections,
    /** The record below its title, for a PDF that sets the title as its heading. */
    record: minutesBodyText(minutes),
  };
}

/** A body's resolutions for its members, and whether they are public. */
export async function listBodyResolutions(
  ctx: AppContext,
  props: { actor: Actor | null; bodyId: string },
) {
  const { body, inTree } = await authorise(ctx.db, props.actor, 'body.view', props.bodyId);
  const organisation = await findOrganisation(ctx.db, body.organisation_id);
  if (!organisation) throw notFound('That body');
  const [rows, settings] = await Promise.all([
    listResolutionsOfBodies(ctx.db, [body.id]),
    findPublicationSettings(ctx.db, body.id),
  ]);
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    body: { id: body.id, slug: body.slug, name: body.name },
    resolutionsPrivate: settings?.resolutions_private === 1,
    mayChangePublication: can(props.actor, 'body.editStandingOrders', inTree),
    feedPath: `/r/${organisation.slug}/bodies/${body.slug}/feed.atom`,
    resolutions: rows.map((r) => ({
      id: r.id,
      title: r.title,
      path: resolutionPath(organisation.slug, r.slug),
      passedAt: r.passed_at,
      declared: r.declared,
      result: r.result,
      isModel: !!r.model_published_at,
    })),
  };
}
