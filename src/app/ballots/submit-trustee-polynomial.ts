import { checkPolynomial } from '../../domain/e2e/index.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { AppContext } from '../common/context.ts';
import { assertOwnNumber } from './board.ts';
import { assertFirstTime, assertSettingUp, notNow, trusteeStep } from './trustee-step.ts';

/**
 * A trustee gives their polynomial's commitments and the shares sealed to each trustee (protocol
 * section 5, event 3), once every trustee's key is on the board: the shares are sealed to them.
 */
export function submitTrusteePolynomial(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string; payload: unknown },
) {
  return trusteeStep(ctx, props, 'trustee-polynomial', ({ ballot, state, trustee, n }) => {
    assertSettingUp(ballot);
    if (state.keys.length < n)
      throw notNow(`Every trustee gives a key first: ${state.keys.length} of ${n} so far.`);
    assertFirstTime(state.polynomials, trustee, 'polynomial');
    const payload = checkPolynomial(state.setup.hash, n, state.setup.payload.needed, props.payload);
    assertOwnNumber(payload, trustee);
    return payload;
  });
}
