import { Temporal } from '@js-temporal/polyfill';
import type { Context } from '@fedify/fedify';
import {
  Accept,
  Add,
  Create,
  Document,
  Follow,
  Note,
  PUBLIC_COLLECTION,
  Offer,
  Read,
  Reject,
  Source,
  Undo,
  Update,
  type Activity,
} from '@fedify/vocab';
import {
  modelPath,
  type OfferedResolution,
  type OutgoingPayload,
  type ResolutionNote,
} from '../app/federation/activities.ts';
import type { AnswerType } from '../domain/federation/remote-body.ts';

/**
 * The ActivityStreams activity a queued payload travels as (federation_outbox, issue 19): the
 * Offer of a resolution (a Document whose `source` carries its structured clauses as JSON), its
 * withdrawal (`Undo` of the Offer), or an answer about one received (its state in `name`, the
 * note in `content`). Made again from the row whenever asked, so the pushed activity and the
 * one a peer pulls from the tracking collection (federation-tracking.ts) are the same.
 */

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function activityOf(
  fctx: Context<void>,
  row: { id: string; sender_body_id: string },
  payload: OutgoingPayload,
  recipient: URL,
): Activity {
  const actor = fctx.getActorUri(row.sender_body_id);
  const common = { id: new URL(row.id), actor, to: recipient };
  if (payload.type === 'withdraw') return new Undo({ ...common, object: new URL(payload.offerId) });
  if (payload.type === 'offer') {
    return new Offer({
      ...common,
      target: recipient,
      object: documentOf(actor, payload.resolution),
    });
  }
  if (payload.type === 'model') {
    const id = modelUri(fctx, row.sender_body_id, payload.resolutionId);
    return new Create({
      ...common,
      cc: fctx.getFollowersUri(row.sender_body_id),
      object: documentOf(actor, payload.resolution, {
        id,
        url: new URL(`${payload.resolution.url}/model`),
        replies: new URL(`${id.href}/adoptions`),
      }),
    });
  }
  if (payload.type === 'adoption') {
    const model = new URL(payload.modelId);
    return new Create({
      ...common,
      target: new URL(payload.adoptions),
      object: documentOf(actor, payload.resolution, { replyTarget: model, contexts: [model] }),
    });
  }
  if (payload.type === 'adoption-added') {
    return new Add({
      ...common,
      object: new URL(payload.objectId),
      target: new URL(payload.adoptions),
      // The Create that asked, so the adopting server knows which of its activities is answered.
      replyTarget: new URL(payload.createId),
    });
  }
  if (payload.type === 'accept-follow') {
    // The Follow is named by its id and embedded, as Mastodon matches the Accept to its request.
    return new Accept({
      ...common,
      object: new Follow({ id: new URL(payload.followId), actor: recipient, object: actor }),
    });
  }
  if (payload.type === 'follow') return new Follow({ ...common, object: recipient });
  if (payload.type === 'unfollow') {
    // The Follow embedded, as Mastodon matches an Undo to the Follow it undoes.
    const follow = new Follow({ id: new URL(payload.followId), actor, object: recipient });
    return new Undo({ ...common, object: follow });
  }
  if (payload.type === 'note') return createNote(fctx, row.sender_body_id, payload.note, row.id);
  const answer = {
    ...common,
    object: new URL(payload.offerId),
    name: payload.status,
    content: payload.note,
  };
  switch (payload.status) {
    case 'acknowledged':
      return new Read(answer);
    case 'ruled-in':
      return new Accept(answer);
    case 'ruled-out':
      return new Reject(answer);
    case 'on-agenda':
    case 'balloting':
    case 'composited':
      return new Add(answer);
    default:
      return new Update(answer);
  }
}

/**
 * A resolution as a `Document`: its clauses as people read them, escaped, in `content`; the
 * structure (and result) as JSON in `source`, which is what a Seconded server reads.
 */
export function documentOf(
  actor: URL,
  r: OfferedResolution,
  more: { id?: URL; url?: URL; replies?: URL; replyTarget?: URL; contexts?: URL[] } = {},
): Document {
  return new Document({
    id: new URL(r.url),
    attribution: actor,
    name: r.title,
    url: new URL(r.url),
    content: `<p>${escapeHtml(r.title)}</p>`,
    source: new Source({ content: JSON.stringify(r), mediaType: 'application/json' }),
    ...more,
  });
}

/** A model motion's id: its Document under its body's actor (docs/model-motions.md). */
export const modelUri = (fctx: Context<void>, bodyId: string, resolutionId: string) =>
  new URL(modelPath(bodyId, resolutionId), fctx.origin);

/** Where a resolution's post lives: under its body's actor, by the resolution's id. */
export const NOTE_PATH = '/federation/bodies/{identifier}/resolutions/{resolution}';

/**
 * A public resolution as a fediverse post (Mastodon shows a `Note`'s HTML `content`): who
 * resolved what, the declared result, and the link to the resolution's public page; addressed
 * to the public and cc the body's followers, as a public post is. Plain words, escaped: nothing
 * of the motion's markup or structure travels, and nothing Seconded-only (Offers, answers).
 */
export function createNote(
  fctx: Context<void>,
  bodyId: string,
  n: ResolutionNote,
  activityId?: string,
): Create {
  const actor = fctx.getActorUri(bodyId);
  const id = fctx.getObjectUri(Note, { identifier: bodyId, resolution: n.resolutionId });
  const audience = { to: PUBLIC_COLLECTION, cc: fctx.getFollowersUri(bodyId) };
  // Fedify's types name the global Temporal, which Node has not yet: the polyfill's is the same.
  const published = Temporal.Instant.from(n.passedAt) as never;
  return new Create({
    id: new URL(activityId ?? `${id.href}/activity`),
    actor,
    ...audience,
    published,
    object: new Note({
      id,
      attribution: actor,
      ...audience,
      published,
      url: new URL(n.url),
      content:
        `<p>${escapeHtml(n.bodyName)} resolved: ${escapeHtml(n.title)}</p>` +
        `<p>${escapeHtml(n.declared)}</p>` +
        `<p><a href="${escapeHtml(n.url)}">${escapeHtml(n.url)}</a></p>`,
    }),
  });
}

/** The five answers' classes, each with the type its state must agree with (remote-body.ts). */
export const ANSWER_CLASSES: readonly (readonly [typeof Accept, AnswerType])[] = [
  [Read as unknown as typeof Accept, 'Read'],
  [Accept, 'Accept'],
  [Reject as unknown as typeof Accept, 'Reject'],
  [Add as unknown as typeof Accept, 'Add'],
  [Update as unknown as typeof Accept, 'Update'],
];

/** The answer type of an activity, or null when it is not one of the five. */
export const answerTypeOfActivity = (activity: unknown): AnswerType | null =>
  ANSWER_CLASSES.find(([cls]) => activity instanceof cls)?.[1] ?? null;
