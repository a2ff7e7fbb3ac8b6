import { addresseesOf, type MotionText } from '../../domain/meetings/motion-text.ts';
import {
  newCommunication,
  type CommunicationKind,
} from '../../domain/resolutions/communication.ts';
import type { Db } from '../../db/database.ts';
import { findBody, findOrganisation } from '../../db/queries/organisations.ts';
import { insertCommunication, type ResolutionRow } from '../../db/queries/resolutions.ts';
import { appendAudit } from '../common/audit-log.ts';
import type { AppContext } from '../common/context.ts';
import { tellReceiver } from './communication-support.ts';
import { newId } from '../common/secrets.ts';
import { offerResolution, remoteDestination } from '../federation/offer-resolution.ts';

/** A body a communication goes to: on this server by id, or elsewhere by name only. */
export interface Destination {
  readonly name: string;
  readonly bodyId: string | null;
  readonly clauseId: string | null;
  /** A body on another server the motion editor looked up: offered to this actor. */
  readonly remoteActor?: string;
}

/**
 * The bodies a resolution's "calls on" clauses name, one per body (two clauses calling on the
 * same body make one communication).
 */
export function destinationsOf(text: MotionText): Destination[] {
  const out: Destination[] = [];
  for (const clause of text.clauses) {
    const a = addresseesOf({ title: text.title, clauses: [clause] })[0];
    if (!a || a.kind === 'officer') continue;
    const bodyId = a.kind === 'body' ? a.bodyId : null;
    const remoteActor = a.kind === 'named-body' ? a.remote?.actor : undefined;
    const keyOf = (d: Destination) =>
      d.bodyId ??
      (d.remoteActor ? `actor:${d.remoteActor}` : `name:${d.name.trim().toLowerCase()}`);
    const d: Destination = {
      name: a.name,
      bodyId,
      clauseId: clause.id,
      ...(remoteActor ? { remoteActor } : {}),
    };
    if (out.some((o) => keyOf(o) === keyOf(d))) continue;
    out.push(d);
  }
  return out;
}

/**
 * Delivers a resolution, in the caller's transaction: one communication per destination, put in
 * the inbox of a body on this server (this organisation or another), its secretaries emailed; a
 * body elsewhere is recorded as not deliverable here. Each delivery is an audit event in the
 * sender's chain, and in the receiver's when it is another organisation.
 */
export async function deliverResolution(
  trx: Db,
  ctx: AppContext,
  props: {
    resolution: ResolutionRow;
    kind: CommunicationKind;
    destinations: readonly Destination[];
    actorPersonId: string | null;
    at: string;
    senderName: string;
  },
): Promise<string[]> {
  const ids: string[] = [];
  for (const d of props.destinations) {
    const body = d.bodyId ? await findBody(trx, d.bodyId) : undefined;
    // A body on an allowed peer server, named by handle or URL, is offered it (issue 19).
    const remote =
      !body && props.kind === 'calls-on' ? remoteDestination(ctx, d.remoteActor ?? d.name) : null;
    const state = newCommunication(props.kind, !!body || !!remote);
    const id = newId();
    await insertCommunication(
      trx,
      {
        id,
        resolution_id: props.resolution.id,
        kind: props.kind,
        clause_id: d.clauseId,
        addressee_name: d.name,
        to_body_id: body?.id ?? null,
        to_organisation_id: body?.organisation_id ?? null,
        status: state.status,
        reason: null,
        motion_id: null,
        created_at: props.at,
        updated_at: props.at,
      },
      { actorPersonId: props.actorPersonId },
    );
    const data = {
      resolutionId: props.resolution.id,
      kind: props.kind,
      to: d.name,
      toBodyId: body?.id ?? null,
      status: state.status,
    };
    await appendAudit(trx, {
      organisationId: props.resolution.organisation_id,
      actorPersonId: props.actorPersonId,
      action: 'resolution.delivered',
      subject: `communication:${id}`,
      data,
      at: props.at,
    });
    if (body && body.organisation_id !== props.resolution.organisation_id) {
      await appendAudit(trx, {
        organisationId: body.organisation_id,
        actorPersonId: null,
        action: 'communication.received',
        subject: `communication:${id}`,
        data,
        at: props.at,
      });
    }
    if (remote) {
      const organisation = await findOrganisation(trx, props.resolution.organisation_id);
      await offerResolution(trx, ctx, {
        communicationId: id,
        address: remote,
        resolution: props.resolution,
        clauseId: d.clauseId,
        organisationSlug: organisation?.slug ?? '',
        from: { body: props.senderName, organisation: organisation?.name ?? '' },
        at: props.at,
      });
    }
    if (body) {
      await tellReceiver(trx, ctx, {
        bodyId: body.id,
        bodyName: body.name,
        kind: props.kind,
        senderName: props.senderName,
        title: props.resolution.title,
      });
    }
    ids.push(id);
  }
  return ids;
}
