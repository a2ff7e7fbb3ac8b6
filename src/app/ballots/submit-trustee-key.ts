import { checkTrusteeKey } from '../../domain/e2e/index.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { AppContext } from '../common/context.ts';
import { assertOwnNumber } from './board.ts';
import { assertFirstTime, assertSettingUp, trusteeStep } from './trustee-step.ts';

/**
 * A trustee gives their public key with its proof of knowledge (protocol section 5, event 2),
 * made on their own device: the secret never leaves it.
 */
export function submitTrusteeKey(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string; payload: unknown },
) {
  return trusteeStep(ctx, props, 'trustee-key', ({ ballot, state, trustee, n }) => {
    assertSettingUp(ballot);
    assertFirstTime(state.keys, trustee, 'key');
    const payload = checkTrusteeKey(state.setup.hash, n, props.payload);
    assertOwnNumber(payload, trustee);
    return payload;
  });
}
