import type { Actor } from '../domain/organisations/policy.ts';
import { listRegister } from '../db/queries/memberships.ts';
import { castBallot } from '../app/ballots/cast-ballot.ts';
import { closeBallot } from '../app/ballots/close-ballot.ts';
import type { AppContext } from '../app/common/context.ts';
import { createBallot } from '../app/ballots/create-ballot.ts';
import { loadActor } from '../app/common/actor.ts';
import { openBallot } from '../app/ballots/open-ballot.ts';
import { today } from '../app/common/context.ts';

/**
 * The demo's finished election: Camden's delegate to conference, three candidates, decided by
 * STV, so that a new user can open a published count with its chart at once.
 */
export async function seedDemoBallots(
  ctx: AppContext,
  props: { camdenId: string; secretaryId: string },
) {
  const secretary = await loadActor(ctx.db, props.secretaryId, today(ctx));
  const candidates = ['Amara Rahman', 'Omar Usman', 'Grace Young'];
  const { ballotId } = await createBallot(ctx, {
    actor: secretary,
    bodyId: props.camdenId,
    question: 'Delegate to the annual conference',
    options: { kind: 'ranked', candidates, seats: 1, method: 'scottish-stv' },
    secret: true,
  });
  await openBallot(ctx, { actor: secretary, ballotId });
  const members = (await listRegister(ctx.db, [props.camdenId])).filter((m) => !m.left_on);
  // A plausible spread of rankings; no one's choice in the demo means anything.
  const patterns = [[0, 2], [1, 0], [2, 0, 1], [0], [1, 2], [2, 1], [0, 1, 2]];
  for (const [i, m] of members.slice(0, 31).entries()) {
    const voter: Actor = { personId: m.person_id, isSiteAdmin: false, memberships: [] };
    await castBallot(ctx, { actor: voter, ballotId, choice: patterns[i % patterns.length] });
  }
  await closeBallot(ctx, { actor: secretary, ballotId, confirmed: true });
}
