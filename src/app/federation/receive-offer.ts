import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import {
  motionTextProblems,
  type Clause,
  type MotionText,
} from '../../domain/meetings/motion-text.ts';
import { slugify } from '../../domain/names.ts';
import { decideQuestion, type QuestionResult } from '../../domain/meetings/thresholds.ts';
import { isThreshold } from '../../domain/organisations/standing-orders.ts';
import { newCommunication } from '../../domain/resolutions/communication.ts';
import { uniqueSlug } from '../../domain/resolutions/slugs.ts';
import type { Db } from '../../db/database.ts';
import { insertMotion } from '../../db/queries/meetings.ts';
import {
  findActorBody,
  findRemoteBody,
  insertFederationLink,
  insertReceivedModel,
  insertRemoteBody,
  recordReceived,
} from '../../db/queries/federation.ts';
import { insertBody, insertOrganisation } from '../../db/queries/organisations.ts';
import {
  insertCommunication,
  insertResolution,
  listResolutionSlugs,
} from '../../db/queries/resolutions.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { mailQueued } from '../common/enqueue-mail.ts';
import { newId } from '../common/secrets.ts';
import { tellReceiver } from '../resolutions/communication-support.ts';
import type { OfferedResolution } from './activities.ts';

/** What the receiving server is told: the Offer's id, its actor, the body here it is for. */
export interface ReceivedOffer {
  readonly activityId: string;
  readonly actorId: string;
  readonly bodyId: string;
  readonly resolution: OfferedResolution;
  /**
   * Set for a model motion a body here follows (a `Create` to followers, docs/model-motions.md):
   * the model's id and its adoptions collection. It arrives as a model motion, to adopt.
   */
  readonly model?: { readonly modelId: string; readonly adoptions: string } | undefined;
}

/**
 * Takes a resolution offered by a body on another server as a received communication of the
 * body here it calls on (or a model motion sent to the body here as a follower, to adopt),
 * exactly as one from this server would arrive (in its inbox, its
 * secretaries emailed, a `communication.received` audit event), in one transaction with the
 * record of the activity's id, so an Offer that comes again changes nothing ('duplicate').
 *
 * The sending body is kept here as a body of an organisation of its own (one per remote body,
 * found by its actor's URL), so that the inbox, the answers and the motion made from it are the
 * same code as for a body on this server.
 */
export async function receiveOffer(
  ctx: AppContext,
  offer: ReceivedOffer,
): Promise<'received' | 'duplicate'> {
  let text: MotionText;
  let result: QuestionResult;
  try {
    text = receivedText(offer.resolution, offer.bodyId, !offer.model);
    result = receivedResult(offer.resolution.result);
  } catch (error) {
    // Any shape but the one expected is refused as such, not an error of this server.
    if (error instanceof DomainError) throw error;
    throw invalid('The offered resolution is not a resolution this server reads.', []);
  }
  const outcome = await inTransaction(ctx, async (trx) => {
    const at = isoNow(ctx);
    if (
      !(await recordReceived(trx, {
        activity_id: offer.activityId,
        actor_id: offer.actorId,
        received_at: at,
      }))
    ) {
      return 'duplicate' as const;
    }
    const body = await findActorBody(trx, offer.bodyId);
    if (!body) throw notFound('That body');
    const sender = await remoteBodyFor(trx, offer, at);
    const r = offer.resolution;
    const motionId = newId();
    const own = { title: text.title, text: JSON.stringify(text) };
    await insertMotion(trx, {
      id: motionId,
      organisation_id: sender.organisationId,
      body_id: sender.bodyId,
      meeting_id: null,
      ...own,
      substantive: null,
      status: 'carried',
      state: JSON.stringify({ status: 'carried', remote: r.url }),
      proposer_person_id: 'remote',
      seconder_person_id: null,
      created_at: at,
      updated_at: at,
      secret_kind: null,
      composited_into: null,
    });
    const resolutionId = newId();
    await insertResolution(trx, {
      id: resolutionId,
      organisation_id: sender.organisationId,
      body_id: sender.bodyId,
      motion_id: motionId,
      meeting_id: null,
      slug: uniqueSlug(text.title, new Set(await listResolutionSlugs(trx, sender.organisationId))),
      ...own,
      declared: r.declared,
      result: JSON.stringify(result),
      passed_at: r.passedAt,
      model_published_at: null,
    });
    const id = newId();
    const kind = offer.model ? 'model-motion' : 'calls-on';
    const state = newCommunication(kind, true);
    await insertCommunication(
      trx,
      {
        id,
        resolution_id: resolutionId,
        kind,
        clause_id: offer.model ? null : r.clauseId,
        addressee_name: body.name,
        to_body_id: body.id,
        to_organisation_id: (await organisationOf(trx, body.id))!,
        status: state.status,
        reason: null,
        motion_id: null,
        created_at: at,
        updated_at: at,
      },
      { actorPersonId: null },
    );
    await insertFederationLink(trx, {
      communication_id: id,
      direction: 'in',
      remote_actor: offer.actorId,
      offer_id: offer.activityId,
      created_at: at,
    });
    if (offer.model) {
      await insertReceivedModel(trx, {
        communication_id: id,
        model_id: offer.model.modelId,
        adoptions: offer.model.adoptions,
        acknowledged_at: null,
        created_at: at,
      });
    }
    await appendAudit(trx, {
      organisationId: (await organisationOf(trx, body.id))!,
      actorPersonId: null,
      action: 'communication.received',
      subject: `communication:${id}`,
      data: {
        from: offer.actorId,
        offer: offer.activityId,
        resolution: r.url,
        kind,
        status: state.status,
      },
      at,
    });
    await tellReceiver(trx, ctx, {
      bodyId: body.id,
      bodyName: body.name,
      kind,
      senderName: r.from.body,
      title: text.title,
    });
    return 'received' as const;
  });
  if (outcome === 'received') mailQueued(ctx);
  return outcome;
}

const organisationOf = async (trx: Db, bodyId: string) =>
  (
    await trx
      .selectFrom('bodies')
      .select('organisation_id')
      .where('id', '=', bodyId)
      .executeTakeFirst()
  )?.organisation_id;

/** The body (and its organisation) this server keeps for a remote body, made on first contact. */
async function remoteBodyFor(trx: Db, offer: ReceivedOffer, at: string) {
  const known = await findRemoteBody(trx, offer.actorId);
  if (known) {
    return { bodyId: known.body_id, organisationId: (await organisationOf(trx, known.body_id))! };
  }
  const host = new URL(offer.actorId).host;
  const organisationId = newId();
  const from = offer.resolution.from;
  await insertOrganisation(trx, {
    id: organisationId,
    slug: `remote-${organisationId.slice(0, 8)}`,
    name: `${plain(from.organisation, 150) || host} (${host})`,
    created_at: at,
  });
  const bodyId = newId();
  await insertBody(trx, {
    id: bodyId,
    organisation_id: organisationId,
    parent_id: null,
    slug: slugify(from.body) || 'body',
    name: plain(from.body, 150) || host,
    kind: 'branch',
    created_at: at,
  });
  await insertRemoteBody(trx, { actor_id: offer.actorId, body_id: bodyId, created_at: at });
  return { bodyId, organisationId };
}

/**
 * The result as this server keeps it: decided anew from the figures sent (the same rule,
 * thresholds.ts), so a page here never words a result it could not have reached itself; refused
 * when the figures do not give the outcome claimed.
 */
function receivedResult(claimed: QuestionResult): QuestionResult {
  const rule = claimed.ruleApplied;
  if (!isThreshold(String(rule.threshold))) throw invalid('The result has no known rule.', []);
  const result = decideQuestion({
    counts: {
      for: Number(rule.counts.for),
      against: Number(rule.counts.against),
      abstain: Number(rule.counts.abstain),
    },
    threshold: rule.threshold,
    tieRule: rule.tie?.tieRule ?? 'not-carried',
    castingVote: rule.tie?.castingVote ?? null,
    present: Number(rule.present),
    members: Number(rule.members),
  });
  if (result.outcome !== claimed.outcome) {
    throw invalid('The result sent does not follow from its figures.', []);
  }
  return result;
}

/** Text from elsewhere, kept as plain text within `max` characters (no markup is rendered). */
const plain = (text: unknown, max: number) =>
  typeof text === 'string' ? text.replace(/\s+/g, ' ').trim().slice(0, max) : '';

/**
 * The offered text as this server keeps it: each clause checked as any motion's, the clause
 * that calls on the body here made to name it, any other addressee kept by name only. Refused
 * (VALIDATION_FAILED) unless it is a complete motion text, and, with `callsOn`, one that calls
 * on the body here (a model motion need not).
 */
export function receivedText(r: OfferedResolution, bodyId: string, callsOn = true): MotionText {
  if (!r || typeof r !== 'object' || !Array.isArray(r.text?.clauses)) {
    throw invalid('The offered resolution has no text.', []);
  }
  if (typeof r.declared !== 'string' || r.declared.length > 1000) {
    throw invalid('The offered resolution has no declared result.', []);
  }
  if (!r.result || typeof r.result !== 'object' || typeof r.result.outcome !== 'string') {
    throw invalid('The offered resolution has no result.', []);
  }
  if (
    typeof r.url !== 'string' ||
    typeof r.passedAt !== 'string' ||
    Number.isNaN(Date.parse(r.passedAt))
  ) {
    throw invalid('The offered resolution has no address or date.', []);
  }
  const clauses: Clause[] = r.text.clauses.slice(0, 101).map((c): Clause => {
    const base = { id: String(c.id).slice(0, 100), kind: c.kind, text: String(c.text ?? '') };
    const a = c.addressee;
    if (!a) return base;
    if (a.kind === 'officer')
      return { ...base, addressee: { kind: 'officer', officer: String(a.officer) } };
    if (callsOn && c.id === r.clauseId)
      return { ...base, addressee: { kind: 'body', bodyId, name: String(a.name) } };
    return { ...base, addressee: { kind: 'named-body', name: String(a.name) } };
  });
  const text: MotionText = { title: String(r.title ?? r.text.title ?? ''), clauses };
  const problems = motionTextProblems(text);
  if (problems.length)
    throw invalid('The offered resolution is not a complete motion text.', problems);
  if (callsOn && !clauses.some((c) => c.addressee?.kind === 'body')) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'The offered resolution does not call on this body.',
    );
  }
  return text;
}
