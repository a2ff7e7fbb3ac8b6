/**
 * A trustee's shuffle on a ranked ballot's board (docs/mixnet-protocol.md section 4): after the
 * close, trustee 1 shuffles the cast ballots' ciphertexts (board order), and each next trustee the
 * output of the one before, each `shuffle` event bound to `openHash|trustee`. Before building on
 * an earlier shuffle, its proof is checked, so that a trustee never re-encrypts a list that a
 * cheating predecessor altered. The rest of the board (keys, ballots' proofs) is checked by
 * `seconded verify-ballot`, which a trustee runs first.
 */
import type { Ciphertext } from './ballot.ts';
import { type BoardEvent, digest, GENESIS } from './board.ts';
import { type Random, refuse, systemRandom } from './group.ts';
import {
  checkShuffle,
  type MixBallot,
  type Shuffled,
  shuffleBallotsWith,
  type ShuffleProof,
} from './shuffle.ts';

export interface ShufflePayload {
  readonly trustee: number;
  readonly ballots: readonly MixBallot[];
  readonly proof: ShuffleProof;
}

/**
 * A board that may hold shuffles. The server's boards (board.ts) do not yet: a ranked ballot's
 * board is specified (docs/mixnet-protocol.md section 4) before the server keeps one.
 */
export interface MixEvent extends Omit<BoardEvent, 'type'> {
  readonly type: BoardEvent['type'] | 'shuffle';
}

export interface MixBoard {
  readonly format: 'seconded-board-1';
  readonly events: readonly MixEvent[];
}

export interface MixState {
  readonly openHash: string;
  readonly electionKey: string;
  readonly trustees: number;
  /** The list the next shuffle takes: the last shuffle's output, or the cast ballots. */
  readonly input: readonly MixBallot[];
  readonly shuffled: number;
}

/** A shuffle already on the board, to be checked before building on it. */
export interface EarlierShuffle {
  readonly ctx: string;
  readonly electionKey: string;
  readonly input: readonly MixBallot[];
  readonly ballots: unknown;
  readonly proof: unknown;
}

/**
 * Reads a board up to its shuffles without checking them: the state, and the shuffles whose
 * proofs must hold before a trustee builds on them (mixState checks them here; the trustee's
 * command checks them over worker threads).
 */
export function readMix(board: MixBoard): { state: MixState; earlier: EarlierShuffle[] } {
  const events = board.events;
  const setup = events.find((e) => e.type === 'setup')?.payload as
    { trustees: readonly unknown[] } | undefined;
  const open = events.find((e) => e.type === 'open');
  if (!Array.isArray(setup?.trustees) || !open) {
    throw refuse('the board has no setup with trustees, or no open event');
  }
  const closeAt = events.findIndex((e) => e.type === 'close');
  if (closeAt < 0) throw refuse('the ballot is not closed yet: there is nothing to shuffle');
  const electionKey = (open.payload as { electionKey?: string } | null)?.electionKey ?? '';
  let input: readonly MixBallot[] = events
    .filter((e) => e.type === 'ballot')
    .map(
      (e) => (e.payload as { ballot?: { choices: Ciphertext[] } } | null)?.ballot?.choices ?? [],
    );
  if (input.length === 0) throw refuse('no ballot was cast: there is nothing to shuffle');
  const after = events.slice(closeAt + 1);
  const earlier: EarlierShuffle[] = after.map((e, i) => {
    if (e.type !== 'shuffle') throw refuse(`event ${e.seq} (${e.type}) follows the close`);
    const payload = (e.payload ?? {}) as ShufflePayload;
    if (payload.trustee !== i + 1) {
      throw refuse(`event ${e.seq}: trustee ${payload.trustee} shuffled where ${i + 1} was due`);
    }
    const ctx = `${open.hash}|${i + 1}`;
    const check = { ctx, electionKey, input, ballots: payload.ballots, proof: payload.proof };
    input = payload.ballots;
    return check;
  });
  const state = {
    openHash: open.hash,
    electionKey,
    trustees: setup.trustees.length,
    input,
    shuffled: after.length,
  };
  return { state, earlier };
}

/** Reads a board up to its shuffles, checking each shuffle already on it. */
export function mixState(board: MixBoard): MixState {
  const { state, earlier } = readMix(board);
  for (const e of earlier) checkShuffle(e.ctx, e.electionKey, e.input, e.ballots, e.proof);
  return state;
}

/** The trustee who shuffles next, refusing `trustee` when it is not their turn. */
export function dueTrustee(state: MixState, trustee?: number): number {
  const due = state.shuffled + 1;
  if (due > state.trustees) throw refuse('every trustee has shuffled already');
  if (trustee !== undefined && trustee !== due) {
    throw refuse(`trustee ${due} shuffles next, not trustee ${trustee}`);
  }
  return due;
}

/** The board with trustee `due`'s shuffle appended as the next event of its hash chain. */
export function withShuffle(board: MixBoard, due: number, shuffled: Shuffled): MixBoard {
  const payload: ShufflePayload = { trustee: due, ...shuffled };
  const prev = board.events.at(-1);
  const seq = prev ? prev.seq + 1 : 0;
  const link = { seq, type: 'shuffle' as const, payload, prev: prev?.hash ?? GENESIS };
  const event: MixEvent = { ...link, hash: digest(link) };
  return { format: board.format, events: [...board.events, event] };
}

/** appendShuffle with a given source of randomness (tests pin a shuffle with a seeded one). */
export function appendShuffleWith(random: Random, board: MixBoard, trustee?: number): MixBoard {
  const state = mixState(board);
  const due = dueTrustee(state, trustee);
  const shuffled = shuffleBallotsWith(
    random,
    `${state.openHash}|${due}`,
    state.electionKey,
    state.input,
  );
  return withShuffle(board, due, shuffled);
}

/** On a trustee's machine: the board with this trustee's shuffle and its proof appended. */
export function appendShuffle(board: MixBoard, trustee?: number): MixBoard {
  return appendShuffleWith(systemRandom, board, trustee);
}
