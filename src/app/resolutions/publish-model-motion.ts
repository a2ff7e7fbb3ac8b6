import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { lockResolution, setModelPublished } from '../../db/queries/resolutions.ts';
import { authorise } from '../common/actor.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { deliverResolution } from './deliver-resolution.ts';
import { mailQueued } from '../common/enqueue-mail.ts';
import { findOrganisation } from '../../db/queries/organisations.ts';
import {
  modelFollowers,
  publishModelToFollowers,
} from '../federation/publish-model-to-followers.ts';

/**
 * A body publishes one of its resolutions as a model motion and publicises it to every body
 * below it in the organisation ("to all local groups"): each gets it in its inbox, to adopt as
 * its own motion, and its secretaries are emailed. Its follower bodies on other Seconded servers
 * are sent it too, in the same transaction (publish-model-to-followers.ts, docs/model-motions.md).
 * Done once per resolution (ALREADY_EXISTS).
 */
export async function publishModelMotion(
  ctx: AppContext,
  props: { actor: Actor | null; resolutionId: string },
) {
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in first.');
  const actor = props.actor;
  const result = await inTransaction(ctx, async (trx) => {
    const resolution = await lockResolution(trx, props.resolutionId);
    if (!resolution) throw notFound('That resolution');
    const loaded = await authorise(
      trx,
      actor,
      'body.answerCommunications',
      resolution.body_id,
      'That resolution',
    );
    if (resolution.model_published_at) {
      throw new DomainError('ALREADY_EXISTS', 'This resolution is already a model motion.');
    }
    const below = loaded.subtree.slice(1);
    if (!below.length && !(await modelFollowers(trx, ctx, resolution.body_id)).length) {
      throw new DomainError(
        'CONFLICT',
        `${loaded.body.name} has no bodies below it, nor followers elsewhere, to publicise a model motion to.`,
      );
    }
    const at = isoNow(ctx);
    await setModelPublished(trx, resolution.id, at);
    await appendAudit(trx, {
      organisationId: resolution.organisation_id,
      actorPersonId: actor.personId,
      action: 'resolution.modelPublished',
      subject: `resolution:${resolution.id}`,
      data: { bodies: below.length },
      at,
    });
    const ids = await deliverResolution(trx, ctx, {
      resolution,
      kind: 'model-motion',
      destinations: below.map((b) => ({ name: b.name, bodyId: b.id, clauseId: null })),
      actorPersonId: actor.personId,
      at,
      senderName: loaded.body.name,
    });
    const organisation = await findOrganisation(trx, resolution.organisation_id);
    const sentElsewhere = await publishModelToFollowers(trx, ctx, {
      resolution,
      organisationSlug: organisation?.slug ?? '',
      from: { body: loaded.body.name, organisation: organisation?.name ?? '' },
      at,
    });
    return { publicisedTo: ids.length, sentElsewhere };
  });
  mailQueued(ctx);
  return result;
}
