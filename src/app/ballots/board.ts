import { DomainError, forbidden, notFound } from '../../domain/errors.ts';
import type { Action, Actor } from '../../domain/organisations/policy.ts';
import {
  nextEvent,
  progressOf,
  type BallotShape,
  type Board,
  type BoardEvent,
  type BoardEventType,
  type Ciphertext,
  type PartialDecryptionPayload,
  type Progress,
  type ShufflePayload,
  type TrusteeKeyPayload,
  type TrusteePolynomialPayload,
  type TrusteeVerificationPayload,
} from '../../domain/e2e/index.ts';
import type { E2eSetup } from '../../domain/ballots/e2e-outcome.ts';
import type { Db } from '../../db/database.ts';
import { findBallot, lockBallot, type BallotRow } from '../../db/queries/ballots.ts';
import {
  findLastBoardEvent,
  findTrusteeNumber,
  listBoard,
  listBoardEventsOfTypes,
} from '../../db/queries/ballot-board.ts';
import type { BallotBoardTable } from '../../db/schema-e2e.ts';
import { authorise, authoriseOrHide } from '../common/actor.ts';
import { payloadOf, storeEvent } from './board-slices.ts';
import type { AppContext } from '../common/context.ts';
import { loadMeeting } from '../meetings/meeting-support.ts';

/*
 * What the use cases of an end-to-end ballot (docs/e2e-protocol.md) share: the ballot loaded and
 * locked, the board read back as the protocol writes it, and one way to append to it.
 */

/** `prev` of the first event: 64 zeros (protocol section 5). */
const GENESIS = '0'.repeat(64);

/** The board's events as the protocol writes them, `prev` restored from the row before. */
async function eventsOf(db: Db, rows: readonly BallotBoardTable[]): Promise<BoardEvent[]> {
  let prev = GENESIS;
  const events: BoardEvent[] = [];
  for (const r of rows) {
    const payload = await payloadOf(db, r);
    events.push({ seq: r.seq, type: r.type as BoardEventType, payload, prev, hash: r.hash });
    prev = r.hash;
  }
  return events;
}

/**
 * The whole board of a ballot, as objects (the board served is streamed instead: board-slices.ts
 * `boardJson`, the same JSON).
 */
export async function readBoard(db: Db, ballotId: string): Promise<Board> {
  return { format: 'seconded-board-1', events: await eventsOf(db, await listBoard(db, ballotId)) };
}

/**
 * Appends one event, chained to the last (nextEvent computes seq, prev and hash). The caller
 * holds the ballot row's lock (loadLockedE2e), so appends to one board take turns and the
 * (ballot, seq) key would refuse a fork in any case. A big event is kept in slices
 * (board-slices.ts).
 */
export async function appendToBoard(
  trx: Db,
  ballotId: string,
  type: BoardEventType,
  payload: unknown,
): Promise<BoardEvent> {
  const last = await findLastBoardEvent(trx, ballotId);
  // nextEvent reads the previous event's seq and hash; its own prev is not needed to chain on.
  const prev = last ? { ...last, type, payload: null, prev: '' } : null;
  const event = nextEvent(prev, type, payload);
  await storeEvent(trx, ballotId, event);
  return event;
}

/**
 * Everything on the board but the ballots: the state of the keys, the opening and the count.
 * Keys, polynomials and verification keys are in trustee order; partial decryptions in board
 * order (the first `needed` of them are combined).
 */
export interface E2eState {
  readonly setup: { readonly hash: string; readonly payload: E2eSetup };
  readonly keys: readonly TrusteeKeyPayload[];
  readonly polynomials: readonly TrusteePolynomialPayload[];
  readonly verifications: readonly TrusteeVerificationPayload[];
  readonly open: {
    readonly hash: string;
    readonly payload: {
      electionKey: string;
      electorate: { pseudonym: string; weight: number }[];
      at: string;
    };
  } | null;
  readonly close: { readonly payload: { at: string; ballots: number } } | null;
  readonly total: { readonly payload: { ciphertexts: Ciphertext[] } } | null;
  readonly partials: readonly PartialDecryptionPayload[];
  /** A ranked ballot's shuffles, in board order (docs/mixnet-protocol.md section 4). */
  readonly shuffles: readonly { readonly hash: string; readonly payload: ShufflePayload }[];
  readonly result: { readonly hash: string; readonly payload: unknown } | null;
  /** The stage and each key holder's duty, by the protocol's one rule (domain/e2e/progress.ts). */
  readonly progress: Progress;
}

const STATE_TYPES: readonly BoardEventType[] = [
  'setup',
  'trustee-key',
  'trustee-polynomial',
  'trustee-verification',
  'open',
  'close',
  'total',
  'shuffle',
  'partial-decryption',
  'result',
];

/** The board's state without its ballots (few events, however many voted). */
export async function readState(db: Db, ballotId: string): Promise<E2eState> {
  const rows: { type: BoardEventType; hash: string; payload: unknown }[] = [];
  for (const r of await listBoardEventsOfTypes(db, ballotId, STATE_TYPES))
    rows.push({ type: r.type as BoardEventType, hash: r.hash, payload: await payloadOf(db, r) });
  const of = <T>(type: BoardEventType) =>
    rows.filter((r) => r.type === type).map((r) => r.payload as T);
  // Keys, polynomials and verification keys by trustee number, whatever order they came in.
  const byTrustee = <T extends { trustee: number }>(type: BoardEventType) =>
    of<T>(type).sort((a, b) => a.trustee - b.trustee);
  const one = <T>(type: BoardEventType) => {
    const row = rows.find((r) => r.type === type);
    return row ? { hash: row.hash, payload: row.payload as T } : null;
  };
  const setup = one<E2eSetup>('setup');
  if (!setup) throw new Error(`end-to-end ballot ${ballotId} has no setup event`);
  return {
    setup,
    keys: byTrustee<TrusteeKeyPayload>('trustee-key'),
    polynomials: byTrustee<TrusteePolynomialPayload>('trustee-polynomial'),
    verifications: byTrustee<TrusteeVerificationPayload>('trustee-verification'),
    open: one('open'),
    close: one('close'),
    total: one('total'),
    partials: of<PartialDecryptionPayload>('partial-decryption'),
    shuffles: rows
      .filter((r) => r.type === 'shuffle')
      .map((r) => ({ hash: r.hash, payload: r.payload as ShufflePayload })),
    result: one('result'),
    progress: progressOf(rows),
  };
}

/** What a ballot asks, as the crypto checks it: its choices and the allowed total. */
export const shapeOf = (setup: E2eSetup): BallotShape => ({
  choices: setup.choices.length,
  // A ranked setup (docs/mixnet-protocol.md) has no allowed total: its shape is its positions.
  min: setup.min ?? 0,
  max: setup.max ?? 0,
});

/** The refusal of an end-to-end step on a plain ballot. */
export const notEndToEnd = () =>
  new DomainError('CONFLICT', 'This ballot is not end-to-end verifiable: it has no board.');

/** The refusal of a plain ballot's step on an end-to-end ballot, which has steps of its own. */
export const endToEndOnly = () =>
  new DomainError(
    'CONFLICT',
    'This ballot is end-to-end verifiable: it is opened, voted in and closed by its own steps (/ballots/:id/verifiable/…).',
  );

/**
 * Loads and locks an end-to-end ballot for a step, checks the actor may do `action` in its body
 * (those who may not see its ballots are told it does not exist), and reads the board's state.
 * A trustee's step (`action` 'trustee') is refused to anyone not a trustee of the ballot.
 */
export async function loadLockedE2e(
  trx: Db,
  actor: Actor | null,
  ballotId: string,
  action: Action | 'trustee' | 'timetable',
): Promise<{ ballot: BallotRow; state: E2eState; trustee: number | null }> {
  const ballot = await lockBallot(trx, ballotId);
  if (!ballot) throw notFound('That ballot');
  // As the plain ballot's steps: taking part hides the ballot from others; running it refuses.
  // The ballot's own timetable, set by its officers, acts for them (ballot-timetable.ts).
  if (action === 'timetable') {
    // nobody to check
  } else if (action === 'body.runBallots')
    await authorise(trx, actor, action, ballot.body_id, 'That ballot');
  else await authoriseOrHide(trx, actor, 'body.participate', ballot.body_id, 'That ballot');
  const trustee = action === 'trustee' ? await trusteeNumberOf(trx, actor, ballot.id) : null;
  if (ballot.end_to_end !== 1) throw notEndToEnd();
  return { ballot, state: await readState(trx, ballot.id), trustee };
}

/** loadLockedE2e for a key holder's step: the actor's trustee number (trusteeNumberOf refuses anyone else). */
export async function loadLockedTrusteeStep(trx: Db, actor: Actor | null, ballotId: string) {
  const { ballot, state, trustee } = await loadLockedE2e(trx, actor, ballotId, 'trustee');
  if (trustee === null) throw new Error('a trustee step without its trustee');
  return { ballot, state, trustee };
}

/**
 * loadLockedE2e's reading without the lock, for a check made before the transaction that will
 * lock (casting a ballot checks its proofs first: cast-e2e-ballot.ts).
 */
export async function loadE2e(
  db: Db,
  actor: Actor | null,
  ballotId: string,
): Promise<{ ballot: BallotRow; state: E2eState }> {
  const ballot = await findBallot(db, ballotId);
  if (!ballot) throw notFound('That ballot');
  await authoriseOrHide(db, actor, 'body.participate', ballot.body_id, 'That ballot');
  if (ballot.end_to_end !== 1) throw notEndToEnd();
  return { ballot, state: await readState(db, ballot.id) };
}

/**
 * Locks an end-to-end ballot for its officers' step (opening, closing). A meeting's ballot has
 * its meeting locked first, as every step at a meeting does (meeting-support.ts `loadMeeting`).
 */
export async function lockForOfficers(
  trx: Db,
  ctx: AppContext,
  actor: Actor | null,
  ballotId: string,
  meetingId: string | null,
  byTimetable = false,
) {
  if (byTimetable) {
    if (meetingId)
      throw new DomainError('CONFLICT', 'A meeting’s ballot is opened and closed at the meeting.');
    return { scope: null, ...(await loadLockedE2e(trx, actor, ballotId, 'timetable')) };
  }
  const scope = meetingId
    ? await loadMeeting(trx, ctx, actor, meetingId, 'body.runMeetings')
    : null;
  return { scope, ...(await loadLockedE2e(trx, actor, ballotId, 'body.runBallots')) };
}

/** The actor's number as a trustee of the ballot; anyone else is refused. */
async function trusteeNumberOf(trx: Db, actor: Actor | null, ballotId: string) {
  const number = actor ? await findTrusteeNumber(trx, ballotId, actor.personId) : undefined;
  if (number === undefined) throw forbidden("Only the ballot's trustees can do that.");
  return number;
}

/** A trustee's payload must be their own: the number in it is the one they hold. */
export function assertOwnNumber(payload: { trustee: number }, trustee: number) {
  if (payload.trustee !== trustee)
    throw new DomainError(
      'FORBIDDEN',
      `You are trustee ${trustee}; this is trustee ${payload.trustee}'s part.`,
    );
}
