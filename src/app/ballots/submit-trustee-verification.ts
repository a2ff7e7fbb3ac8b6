import { checkVerification } from '../../domain/e2e/index.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { AppContext } from '../common/context.ts';
import { assertOwnNumber } from './board.ts';
import { assertFirstTime, assertSettingUp, notNow, trusteeStep } from './trustee-step.ts';

/**
 * A trustee has opened and checked the shares sent to them and gives their verification key
 * with its proof (protocol section 5, event 4), once every polynomial is on the board. When all
 * have, the ballot can be opened.
 */
export function submitTrusteeVerification(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string; payload: unknown },
) {
  return trusteeStep(ctx, props, 'trustee-verification', ({ ballot, state, trustee, n }) => {
    assertSettingUp(ballot);
    if (state.polynomials.length < n)
      throw notNow(
        `Every trustee gives a polynomial first: ${state.polynomials.length} of ${n} so far.`,
      );
    assertFirstTime(state.verifications, trustee, 'verification key');
    const payload = checkVerification(state.setup.hash, state.polynomials, props.payload);
    assertOwnNumber(payload, trustee);
    return payload;
  });
}
