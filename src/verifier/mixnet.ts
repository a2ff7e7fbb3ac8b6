/**
 * A board with shuffles (docs/mixnet-protocol.md section 4): everything up to the close is the
 * board of e2e-protocol.md and is checked by verifyBoard; then each `shuffle` event, one per
 * trustee in index order, must continue the hash chain, and its proof must hold with
 * `ctx = openHash|trustee` on the list before it (the cast ballots' ciphertexts in board order,
 * then each shuffle's output). This reads a plain board with shuffles appended (the trustees'
 * command exercises the mixnet on one); a ranked election's whole board, to its count, is
 * ranked.ts's.
 */
import { reasonOf } from './board.ts';
import { digest, Refusal } from './group.ts';
import { verifyBoard, type Summary, type VerifyOptions, type Verdict } from './index.ts';
import { hashHex, integer, list, object, text } from './shape.ts';
import { checkShuffle, type CiphertextHex } from './shuffle.ts';

export type MixVerdict =
  | { readonly ok: true; readonly summary: Summary; readonly shuffledBy: readonly number[] }
  | Extract<Verdict, { ok: false }>;

/** True when the board (parsed JSON) holds a shuffle event: verifyShuffledBoard reads it. */
export function hasShuffles(input: unknown): boolean {
  const events = (input as { events?: unknown } | null)?.events;
  return (
    Array.isArray(events) &&
    events.some((e) => (e as { type?: unknown } | null)?.type === 'shuffle')
  );
}

/** How a shuffle is checked: checkShuffle in this thread, or spread over threads (checkShuffleWith). */
export type ShuffleChecker = (
  ctx: string,
  electionKey: string,
  input: unknown,
  output: unknown,
  proof: unknown,
) => Promise<CiphertextHex[][]>;

const checkHere: ShuffleChecker = async (...args) => checkShuffle(...args);

export async function verifyShuffledBoard(
  input: unknown,
  options: VerifyOptions & { readonly checkShuffle?: ShuffleChecker } = {},
): Promise<MixVerdict> {
  const check = options.checkShuffle ?? checkHere;
  const board = input as { format: unknown; events: unknown[] };
  const first = board.events.findIndex((e) => (e as { type?: unknown } | null)?.type === 'shuffle');
  const prefix = board.events.slice(0, first);
  const before = await verifyBoard({ format: board.format, events: prefix }, options);
  if (!before.ok) return before;
  if (before.summary.stage !== 'closed') {
    return {
      ok: false,
      item: `event ${first} (shuffle)`,
      reason: `a shuffle must follow the close directly, not a board ${before.summary.stage}`,
    };
  }
  const read = (type: string) =>
    prefix.filter((e) => (e as { type: string }).type === type) as {
      payload: Record<string, unknown>;
      hash: string;
    }[];
  const open = read('open')[0]!;
  const key = open.payload.electionKey as string;
  let ballots: unknown = read('ballot').map(
    (e) => (e.payload.ballot as { choices: unknown }).choices,
  );
  const trustees = before.summary.trustees.length;
  let prev = before.summary.head;
  const shuffledBy: number[] = [];
  for (let i = first; i < board.events.length; i++) {
    const due = i - first + 1;
    try {
      const e = object(board.events[i], ['seq', 'type', 'payload', 'prev', 'hash'], 'the event');
      if (e.seq !== i)
        throw new Refusal(`its seq is ${JSON.stringify(e.seq)} where ${i} is expected`);
      const type = text(e.type, 'its type');
      if (type !== 'shuffle') throw new Refusal(`a ${type} event cannot follow a shuffle yet`);
      if (hashHex(e.prev, 'its prev') !== prev)
        throw new Refusal('its prev is not the hash of the event before it (the chain is broken)');
      const hash = hashHex(e.hash, 'its hash');
      if (digest({ seq: e.seq, type, payload: e.payload, prev: e.prev }) !== hash)
        throw new Refusal('its hash is not the digest of its seq, type, payload and prev');
      const p = object(e.payload, ['trustee', 'ballots', 'proof'], 'the shuffle');
      const trustee = integer(p.trustee, 'its trustee', 1, trustees);
      if (trustee !== due) throw new Refusal(`trustee ${trustee} shuffled where ${due} was due`);
      list(p.ballots, 'the shuffled ballots');
      const out: CiphertextHex[][] = await check(
        `${open.hash}|${trustee}`,
        key,
        ballots,
        p.ballots,
        p.proof,
      );
      ballots = out;
      prev = hash;
      shuffledBy.push(trustee);
    } catch (e) {
      return { ok: false, item: `event ${i} (shuffle)`, reason: reasonOf(e) };
    }
  }
  return {
    ok: true,
    summary: { ...before.summary, events: board.events.length, head: prev },
    shuffledBy,
  };
}
