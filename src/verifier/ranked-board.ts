/**
 * The ordered pass over a ranked ballot's board (docs/mixnet-protocol.md section 4): its setup,
 * then the trustees' keys, the open event and the close as e2e-protocol.md section 5 has them
 * (board.ts checks those), each ranked ballot's shape and place in the electorate, then the
 * shuffles in trustee order, the partial decryptions of the last shuffle and the result. Only
 * shapes and order here: the proofs are checked after the pass, in board order (ranked.ts).
 */
import { applyEvent, checkOrder, type BoardState, type EventType } from './board.ts';
import { refuse, trackerOf } from './group.ts';
import { rankedBallotShape, type RankedItem } from './ranked-ballots.ts';
import { integer, list, object, text } from './shape.ts';

/** The counting rules a ranked ballot may name (src/domain/tally's method names). */
export const RANKED_RULES = ['scottish-stv', 'ers97-stv', 'meek-stv', 'irv', 'schulze'] as const;

/** At most 64 candidates: a proof has C + 1 branches (mixnet-protocol.md section 4). */
const MAX_CANDIDATES = 64;

export interface RankedSetup {
  readonly positions: number;
  readonly seats: number;
  readonly rule: string;
}

export interface ShuffleItem {
  readonly index: number;
  readonly trustee: number;
  readonly hash: string;
  readonly payload: Record<string, unknown>;
}

export interface PartialItem {
  readonly index: number;
  readonly trustee: number;
  readonly payload: Record<string, unknown>;
}

/** What the pass has read of a ranked board. */
export interface RankedState extends BoardState {
  ranked?: RankedSetup;
  rankedBallots: RankedItem[];
  closeHash?: string;
  shuffles: ShuffleItem[];
  mixPartials: PartialItem[];
  rankedResult?: { index: number; payload: Record<string, unknown> };
}

/** True when a parsed board's first event is the setup of a ranked ballot. */
export function isRankedBoard(input: unknown): boolean {
  const first = (input as { events?: unknown[] } | null)?.events?.[0] as
    { payload?: { version?: unknown } } | undefined;
  return first?.payload?.version === 'seconded-mixnet-1';
}

function parseRankedSetup(s: RankedState, p: unknown, hash: string) {
  const r = object(
    p,
    [
      'version',
      'group',
      'ballot',
      'question',
      'choices',
      'positions',
      'seats',
      'rule',
      'trustees',
      'needed',
    ],
    'the setup',
  );
  if (r.version !== 'seconded-mixnet-1') refuse('the version is not "seconded-mixnet-1"');
  if (r.group !== 'ristretto255') refuse('the group is not "ristretto255"');
  const choices = list(r.choices, 'the candidates').map((c, k) => text(c, `candidate ${k}`));
  if (choices.length < 1 || choices.length > MAX_CANDIDATES)
    refuse(`there must be from 1 to ${MAX_CANDIDATES} candidates, not ${choices.length}`);
  const positions = integer(r.positions, 'the positions', 1, choices.length);
  const seats = integer(r.seats, 'the seats', 1, choices.length);
  const rule = text(r.rule, 'the rule');
  if (!(RANKED_RULES as readonly string[]).includes(rule))
    refuse(`the rule "${rule}" is not one of ${RANKED_RULES.join(', ')}`);
  const trustees = list(r.trustees, 'the trustees').map((t, i) => {
    const x = object(t, ['index', 'name'], `trustee ${i + 1}`);
    return {
      index: integer(x.index, `trustee ${i + 1}'s index`, i + 1, i + 1),
      name: text(x.name, `trustee ${i + 1}'s name`),
    };
  });
  if (trustees.length < 2) refuse('there are fewer than two trustees');
  const needed = integer(r.needed, 'needed', 2, trustees.length);
  // board.ts checks the keys, the open event and the close against this plain form.
  s.setup = {
    hash,
    ballot: text(r.ballot, 'the ballot id'),
    question: text(r.question, 'the question'),
    choices,
    min: 0,
    max: positions,
    rule: 'most-votes',
    trustees,
    needed,
  };
  s.ranked = { positions, seats, rule };
}

/** The event types that may come after the close of a ranked ballot. */
function afterClose(s: RankedState): readonly string[] {
  const n = s.setup!.trustees.length;
  if (s.rankedResult) return [];
  if (s.closed!.ballots === 0) return ['result'];
  if (s.shuffles.length < n) return ['shuffle'];
  return s.mixPartials.length >= s.setup!.needed
    ? ['partial-decryption', 'result']
    : ['partial-decryption'];
}

/** Reads one event of a ranked board into the state. */
export function applyRankedEvent(
  s: RankedState,
  index: number,
  type: string,
  payload: unknown,
  hash: string,
) {
  if (!s.setup) {
    if (type !== 'setup')
      refuse(`a ${type} event is out of order here: the protocol expects setup`);
    return parseRankedSetup(s, payload, hash);
  }
  if (!s.closed) {
    if (type === 'ballot') {
      checkOrder(s, 'ballot');
      return applyRankedBallot(s, index, payload);
    }
    if (type === 'shuffle' || type === 'total')
      refuse(`a ${type} event is out of order here: the ballot is not closed`);
    applyEvent(s, index, type as EventType, payload, hash);
    if (type === 'open' && [...s.open!.weights.values()].some((w) => w !== 1))
      refuse('a ranked ballot gives every elector the weight 1');
    if (type === 'close') s.closeHash = hash;
    return;
  }
  const next = afterClose(s);
  if (!next.includes(type))
    refuse(
      next.length
        ? `a ${type} event is out of order here: the protocol expects ${next.join(' or ')}`
        : `a ${type} event after the result: nothing may follow the result`,
    );
  const n = s.setup.trustees.length;
  if (type === 'shuffle') {
    const p = object(payload, ['trustee', 'ballots', 'proof'], 'the shuffle');
    const trustee = integer(p.trustee, 'its trustee', 1, n);
    const due = s.shuffles.length + 1;
    if (trustee !== due) refuse(`trustee ${trustee} shuffled where trustee ${due} was due`);
    list(p.ballots, 'the shuffled ballots', s.rankedBallots.length);
    s.shuffles.push({ index, trustee, hash, payload: p });
  } else if (type === 'partial-decryption') {
    const p = object(payload, ['trustee', 'factors', 'proofs'], 'the partial decryption');
    const trustee = integer(p.trustee, 'its trustee', 1, n);
    if (s.mixPartials.some((d) => d.trustee === trustee))
      refuse(`trustee ${trustee} already decrypted`);
    s.mixPartials.push({ index, trustee, payload: p });
  } else {
    s.rankedResult = {
      index,
      payload: object(payload, ['rankings', 'trustees', 'outcome'], 'the result'),
    };
  }
}

function applyRankedBallot(s: RankedState, index: number, payload: unknown) {
  const p = object(payload, ['ballot', 'tracker'], 'the payload');
  const who = rankedBallotShape(p.ballot, {
    candidates: s.setup!.choices.length,
    positions: s.ranked!.positions,
  });
  if (!s.open!.weights.has(who)) refuse(`the pseudonym ${who} is not in the electorate`);
  if (s.voted.has(who)) refuse(`the pseudonym ${who} has already voted`);
  const tracker = text(p.tracker, 'the tracker');
  if (trackerOf(p.ballot) !== tracker) refuse('the tracker is not the hash of the ballot');
  s.voted.add(who);
  // The plain list too: the close counts it, and the summary lists the trackers.
  s.ballots.push({ index, weight: 1, ballot: p.ballot });
  s.rankedBallots.push({ index, ballot: p.ballot });
  s.trackers.push({ tracker, index });
}
