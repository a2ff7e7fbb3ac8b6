import { isRankedSetup } from '../../domain/ballots/e2e-ranked.ts';
import type { MixBallot } from '../../domain/e2e/index.ts';
import { parseObject } from '../../domain/e2e/group.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { AppContext } from '../common/context.ts';
import type { E2eState } from './board.ts';
import { castBallots } from './e2e-result.ts';
import { assertOwnNumber } from './board.ts';
import { boardMovedOn, checkShuffleProof } from './step-checks.ts';
import { loadTrusteeStep, notNow, trusteeStep } from './trustee-step.ts';
import { claimPayload, payloadOf } from './upload-parts.ts';
import { listTrustees } from '../../db/queries/ballot-board.ts';
import type { Db } from '../../db/database.ts';

/**
 * A trustee's shuffle of a closed ranked ballot (docs/mixnet-protocol.md section 4), made on
 * their machine (`seconded trustee shuffle`): trustees shuffle in index order, trustee 1 the
 * cast ballots' ciphertexts in board order, each next one the output of the one before. The
 * proof is checked (CheckShuffleProof, section 3.5) with ctx = openHash|trustee before the
 * transaction, on the server's worker threads (step-checks.ts); the transaction then locks the
 * ballot, finds the same step due on the same input (else BOARD_MOVED_ON) and appends the event.
 * A refused proof saves nothing. The payload is one body's, or an upload's parts
 * (complete-upload.ts), read before the transaction and claimed in it.
 */
export async function submitShuffle(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string; payload: unknown },
) {
  const before = await loadTrusteeStep(ctx.db, props.actor, props.ballotId);
  const { ballot, state, trustee } = before;
  const n = (await listTrustees(ctx.db, ballot.id)).length;
  assertShuffleDue(state, trustee, n, null);
  const sent = await payloadOf(props.payload, ctx.db, ballot.id, trustee);
  const record = parseObject(sent, ['trustee', 'ballots', 'proof'], 'the shuffle');
  assertOwnNumber({ trustee: record['trustee'] as number }, trustee);
  await checkShuffleProof(ctx, {
    context: `${state.open!.hash}|${trustee}`,
    electionKey: state.open!.payload.electionKey,
    input: await shuffleInput(ctx.db, ballot.id, state),
    output: record['ballots'],
    proof: record['proof'],
  });
  const checkedOn = inputOf(state);
  return trusteeStep(ctx, props, 'shuffle', async ({ state: now, trustee, n }, trx) => {
    assertShuffleDue(now, trustee, n, checkedOn);
    await claimPayload(props.payload, trx, ballot.id, trustee);
    return { trustee, ballots: record['ballots'], proof: record['proof'] } as {
      trustee: number;
    };
  });
}

/** What a shuffle is checked on: the open event and the shuffles before it (the last one's hash). */
const inputOf = (state: E2eState) =>
  `${state.open?.hash}|${state.shuffles.length}|${state.shuffles.at(-1)?.hash ?? ''}`;

/**
 * The refusals of a shuffle that is not due, before the check and again in the transaction, where
 * the board must be the one checked on (`checkedOn`).
 */
function assertShuffleDue(
  state: E2eState,
  trustee: number,
  n: number,
  checkedOn: string | null,
): void {
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
  if (trustee !== due) throw notNow(`Trustee ${due} shuffles next, then trustee ${due + 1}.`);
  if (checkedOn !== null && inputOf(state) !== checkedOn) throw boardMovedOn();
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
