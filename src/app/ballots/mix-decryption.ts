import { checkMixDecryption, combineRankings } from '../../domain/e2e/index.ts';
import type { MixDecryptionPayload } from '../../domain/e2e/index.ts';
import type { RankedSetup } from '../../domain/ballots/e2e-ranked.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import type { BallotRow } from '../../db/queries/ballots.ts';
import type { MeetingScope } from '../meetings/meeting-support.ts';
import { appendAudit } from '../common/audit-log.ts';
import type { AppContext } from '../common/context.ts';
import { appendToBoard, assertOwnNumber, type E2eState } from './board.ts';
import { writeRankedResult } from './e2e-result.ts';
import { assertFirstTime, notNow } from './trustee-step.ts';
import { payloadOf } from './upload-parts.ts';

/**
 * The part of submitPartialDecryption (its transaction, the ballot locked) for a ranked ballot
 * (docs/mixnet-protocol.md section 4): a trustee's factor of every ciphertext of the last
 * shuffle's output, each proved against their verification key with ctx shuffleHash|j|i|k, is
 * checked and appended; at the `needed`-th the rankings are combined, counted by the rule and
 * the result written (e2e-result.ts writeRankedResult).
 */
export async function acceptMixDecryption(
  trx: Db,
  ctx: AppContext,
  props: {
    actor: Actor | null;
    ballot: BallotRow;
    state: E2eState;
    trustee: number;
    payload: unknown;
    scope: MeetingScope | null;
    at: string;
  },
) {
  const { ballot, state, trustee } = props;
  const setup = state.setup.payload as unknown as RankedSetup;
  const last = state.shuffles.at(-1);
  if (!state.close || state.result || !last || state.shuffles.length < setup.trustees.length)
    throw notNow(
      state.result
        ? 'This ballot has been counted already.'
        : 'The trustees decrypt the ballots once every trustee has shuffled them.',
    );
  const partials = state.partials as unknown as MixDecryptionPayload[];
  assertFirstTime(partials, trustee, 'partial decryption');
  const verification = state.verifications.find((v) => v.trustee === trustee);
  if (!verification) throw new Error(`trustee ${trustee} has no verification key`);
  const shuffled = last.payload.ballots;
  const payload = checkMixDecryption(
    last.hash,
    verification.verificationKey,
    shuffled,
    await payloadOf(props.payload, trx, ballot.id, trustee),
  );
  assertOwnNumber(payload, trustee);
  const event = await appendToBoard(trx, ballot.id, 'partial-decryption', payload);
  await appendAudit(trx, {
    organisationId: ballot.organisation_id,
    actorPersonId: props.actor?.personId ?? null,
    action: 'ballot.partial-decryption',
    subject: `ballot:${ballot.id}`,
    data: { trustee, board: event.hash },
    at: props.at,
  });
  const all = [...partials, payload];
  const needed = setup.needed;
  if (all.length < needed) return { decrypted: all.length, needed, counted: null };
  const { plaintexts, trustees } = combineRankings(shuffled, all, needed, setup.choices.length);
  const counted = await writeRankedResult(trx, ctx, {
    ballot,
    state,
    rankings: plaintexts,
    trustees,
    seedFrom: last.hash,
    actor: props.actor,
    scope: props.scope,
    at: props.at,
  });
  return { decrypted: all.length, needed, counted };
}
