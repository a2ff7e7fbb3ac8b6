import type { Actor } from '../../domain/organisations/policy.ts';
import { listSubmissionsOfBody } from '../../db/queries/conference.ts';
import { authoriseOrHide } from '../common/actor.ts';
import type { AppContext } from '../common/context.ts';
import type { CardResultView } from './close-card-vote.ts';

/**
 * What a branch sent to conference and what became of it: ruled in or out (and why), composited
 * into which composite, carried or lost with the card vote's section table. Its members see it
 * as they see the branch's other business.
 */
export async function viewBranchSubmissions(
  ctx: AppContext,
  props: { actor: Actor | null; bodyId: string },
) {
  await authoriseOrHide(ctx.db, props.actor, 'body.participate', props.bodyId, 'That body');
  const rows = await listSubmissionsOfBody(ctx.db, props.bodyId);
  return rows.map((s) => ({
    id: s.id,
    conference: s.meetingTitle,
    meetingId: s.meetingId,
    kind: s.kind,
    title: s.title,
    status: s.status,
    reason: s.ruling?.kind === 'out' ? s.ruling.reason : null,
    editedText: s.ruling?.kind === 'in-after-edits' ? s.ruling.text : null,
    compositedInto: s.compositedInto,
    result: s.result as CardResultView | null,
  }));
}
