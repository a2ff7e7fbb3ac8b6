import { cardWeight, delegatesEntitled } from '../../domain/conference/entitlement.ts';
import { sectionOf } from '../../domain/conference/sections.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { insertDelegation, listDelegations } from '../../db/queries/conference.ts';
import { findBody } from '../../db/queries/organisations.ts';
import { notFound } from '../../domain/errors.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { newId } from '../common/secrets.ts';
import { auditConference, runConference } from './conference-support.ts';

/**
 * The organisers register a branch or affiliate as a delegation in a section, with its
 * membership at the cut-off date: the published formula gives its delegates and card weight
 * (src/domain/conference/entitlement.ts). The branch may be of any organisation on this server
 * (an affiliate). Audited.
 */
export async function registerDelegation(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    meetingId: string;
    bodyId: string;
    section: string;
    members: number;
  },
) {
  return inTransaction(ctx, async (trx) => {
    const { meeting, conference } = await runConference(trx, props.actor, props.meetingId);
    sectionOf(conference.sections, props.section);
    const body = await findBody(trx, props.bodyId);
    if (!body) throw notFound('That body');
    const existing = await listDelegations(trx, meeting.id);
    if (existing.some((d) => d.bodyId === body.id))
      throw new DomainError('ALREADY_EXISTS', `${body.name} already has a delegation.`);
    const entitled = delegatesEntitled(conference.formula, props.members);
    const at = isoNow(ctx);
    const id = newId();
    await insertDelegation(trx, {
      id,
      meeting_id: meeting.id,
      body_id: body.id,
      section: props.section,
      members: props.members,
      entitled,
      weight: cardWeight(props.members),
      make_up: JSON.stringify({ delegates: [], substitutes: [], leader: null }),
      created_at: at,
      updated_at: at,
    });
    await auditConference(trx, props.actor, meeting, 'conference.delegationRegistered', at, {
      delegationId: id,
      bodyId: body.id,
      section: props.section,
      members: props.members,
      entitled,
    });
    return { delegationId: id, entitled, weight: cardWeight(props.members) };
  });
}
