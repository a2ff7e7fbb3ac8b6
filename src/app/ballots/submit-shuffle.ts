import { isRankedSetup } from '../../domain/ballots/e2e-ranked.ts';
import { checkShuffle, type MixBallot } from '../../domain/e2e/index.ts';
import { parseObject } from '../../domain/e2e/group.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { AppContext } from '../common/context.ts';
import type { E2eState } from './board.ts';
import { castBallots } from './e2e-result.ts';
import { assertOwnNumber } from './board.ts';
import { notNow, trusteeStep } from './trustee-step.ts';
import { payloadOf } from './upload-parts.ts';
import type { Db } from '../../db/database.ts';

/**
 * A trustee's shuffle of a closed ranked ballot (docs/mixnet-protocol.md section 4), made on
 * their machine (`seconded trustee shuffle`): trustees shuffle in index order, trustee 1 the
 * cast ballots' ciphertexts in board order, each next one the output of the one before. The
 * proof is checked (CheckShuffleProof, section 3.5) with ctx = openHash|trustee before the
 * event is appended; a refused proof saves nothing. The payload is one body's, or an upload's
 * parts (complete-upload.ts), read here in the transaction.
 */
export function submitShuffle(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string; payload: unknown },
) {
  return trusteeStep(ctx, props, 'shuffle', async ({ ballot, state, trustee, n }, trx) => {
    if (!isRankedSetup(state.setup.payload))
      throw notNow('Only an election’s ballots are shuffled: this ballot has a total to decrypt.');
    if (!state.open || !state.close || state.result)
      throw notNow(
        state.result
          ? 'This ballot has been counted already.'
          : 'The ballots are shuffled once the ballot has closed.',
      );
    const due = state.shuffles.length + 1;
    if (due > n) throw notNow('Every trustee has shuffled already.');
    const sent = await payloadOf(props.payload, trx, ballot.id, trustee);
    const record = parseObject(sent, ['trustee', 'ballots', 'proof'], 'the shuffle');
    const payload = { trustee: record['trustee'] as number, ballots: record['ballots'] };
    assertOwnNumber(payload, trustee);
    if (trustee !== due) throw notNow(`Trustee ${due} shuffles next, then trustee ${due + 1}.`);
    const input = await shuffleInput(trx, ballot.id, state);
    checkShuffle(
      `${state.open.hash}|${trustee}`,
      state.open.payload.electionKey,
      input,
      record['ballots'],
      record['proof'],
    );
    return { trustee, ballots: record['ballots'], proof: record['proof'] } as {
      trustee: number;
    };
  });
}

/** What the next shuffle takes: the last shuffle's output, or the cast ballots in board order. */
export async function shuffleInput(
  trx: Db,
  ballotId: string,
  state: E2eState,
): Promise<readonly MixBallot[]> {
  const last = state.shuffles.at(-1);
  if (last) return last.payload.ballots;
  return (await castBallots(trx, ballotId, state)).map((b) => b.ballot.choices);
}
