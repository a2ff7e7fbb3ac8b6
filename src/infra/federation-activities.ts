import type { Context } from '@fedify/fedify';
import {
  Accept,
  Add,
  Document,
  Offer,
  Read,
  Reject,
  Source,
  Undo,
  Update,
  type Activity,
} from '@fedify/vocab';
import type { OutgoingPayload } from '../app/federation/activities.ts';
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
    const r = payload.resolution;
    return new Offer({
      ...common,
      target: recipient,
      object: new Document({
        id: new URL(r.url),
        attribution: actor,
        name: r.title,
        url: new URL(r.url),
        // The clauses as people read them, escaped; the structure travels in `source`.
        content: `<p>${escapeHtml(r.title)}</p>`,
        source: new Source({ content: JSON.stringify(r), mediaType: 'application/json' }),
      }),
    });
  }
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
