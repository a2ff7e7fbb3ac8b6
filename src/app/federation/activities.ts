import type { MotionText } from '../../domain/meetings/motion-text.ts';
import type { QuestionResult } from '../../domain/meetings/thresholds.ts';
import type { CommunicationStatus } from '../../domain/resolutions/communication.ts';

/**
 * What an activity queued for another server says (federation_outbox.payload), before it is
 * made an ActivityStreams activity at sending time (src/infra/federation.ts): an Offer of a
 * resolution to a body elsewhere, its withdrawal, or an answer about one received from elsewhere.
 */
export type OutgoingPayload =
  | {
      readonly type: 'offer';
      readonly resolution: OfferedResolution;
    }
  | {
      readonly type: 'answer';
      /** The Offer the answer is about. */
      readonly offerId: string;
      readonly status: CommunicationStatus;
      /** The reason of a ruling, or the declared result; plain text. */
      readonly note: string | null;
    }
  | {
      /** The sending body withdraws the resolution it offered (`Undo` of the Offer). */
      readonly type: 'withdraw';
      readonly offerId: string;
    }
  | {
      /** A body accepts a fediverse account's `Follow` of it (to that follower only). */
      readonly type: 'accept-follow';
      readonly followId: string;
    }
  | {
      /** A body here follows a body elsewhere (`Follow` of its actor, follow-elsewhere.ts). */
      readonly type: 'follow';
    }
  | {
      /** A body here stops following a body elsewhere (`Undo` of its `Follow`). */
      readonly type: 'unfollow';
      readonly followId: string;
    }
  | {
      /** A public resolution, to a follower as a post: `Create` of a `Note` (announce-resolution.ts). */
      readonly type: 'note';
      readonly note: ResolutionNote;
    }
  | {
      /**
       * A model motion, to a Seconded follower body: `Create` of a `Document` whose `replies` is
       * the model's adoptions collection (docs/model-motions.md, publish-model-to-followers.ts).
       */
      readonly type: 'model';
      /** The resolution published as the model (its Document is at modelPath). */
      readonly resolutionId: string;
      readonly resolution: OfferedResolution;
    }
  | {
      /**
       * A body here carried a motion adopted from a model elsewhere: `Create` of its resolution's
       * `Document`, `target` the model's adoptions collection, `inReplyTo` and `context` the
       * model (FEP-400e).
       */
      readonly type: 'adoption';
      readonly modelId: string;
      readonly adoptions: string;
      readonly resolution: OfferedResolution;
    }
  | {
      /** The origin added an adoption to its model's collection: `Add` (FEP-400e). */
      readonly type: 'adoption-added';
      /** The adopting resolution's id, and the `Create` that asked. */
      readonly objectId: string;
      readonly createId: string;
      readonly adoptions: string;
    };

/** A public resolution as a fediverse post: plain words and the link to its public page. */
export interface ResolutionNote {
  readonly resolutionId: string;
  /** Its permanent public address (/r/<organisation>/<slug>). */
  readonly url: string;
  readonly title: string;
  readonly bodyName: string;
  readonly declared: string;
  readonly passedAt: string;
}

/** A resolution as it travels: its structured clauses (Document.source, JSON) and its result. */
export interface OfferedResolution {
  /** Its permanent public address. */
  readonly url: string;
  readonly title: string;
  readonly text: MotionText;
  /** Which clause calls on the body it is offered to. */
  readonly clauseId: string | null;
  readonly declared: string;
  readonly result: QuestionResult;
  readonly passedAt: string;
  readonly from: { readonly body: string; readonly organisation: string };
  /** Set on a model motion sent to followers (docs/model-motions.md). */
  readonly model?: true;
}

/** The address of a body's actor on a server (FEP-1b12 Group). */
export const actorPath = (bodyId: string) => `/federation/bodies/${bodyId}`;

/** Where a body's model motion (its Document) lives, and its adoptions collection (FEP-400e). */
export const modelPath = (bodyId: string, resolutionId: string) =>
  `${actorPath(bodyId)}/models/${resolutionId}`;
export const adoptionsPath = (bodyId: string, resolutionId: string) =>
  `${modelPath(bodyId, resolutionId)}/adoptions`;
