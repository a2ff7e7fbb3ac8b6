/**
 * The ordered pass over a board (docs/e2e-protocol.md section 5): the hash chain, the order of
 * events, and every check of the setup, the trustees' keys, polynomials and verification keys,
 * the electorate and each ballot's place in it (one per pseudonym, its tracker). Ballot proofs,
 * the expensive part, are only collected here (ballots.ts checks them, possibly in parallel);
 * the count (count.ts) comes after.
 */
import { ballotShape, type BallotItem } from './ballots.ts';
import { digest, IDENTITY, mul, point, refuse, Refusal, trackerOf, type Pt } from './group.ts';
import { checkEqualLogs, checkKnowledge, parseProof, type Proof } from './proofs.ts';
import { hashHex, integer, list, object, pseudonym, text } from './shape.ts';
import { RULES, type Rule } from './outcome.ts';

export const ZERO_HASH = '0'.repeat(64);

export interface Setup {
  readonly hash: string;
  readonly ballot: string;
  readonly question: string;
  readonly choices: readonly string[];
  readonly min: number;
  readonly max: number;
  readonly rule: Rule;
  readonly trustees: readonly { readonly index: number; readonly name: string }[];
  readonly needed: number;
}

export interface Named {
  readonly p: Pt;
  readonly hex: string;
}

/** What the ordered pass has read so far. */
export interface BoardState {
  setup?: Setup;
  keys: Map<number, Named>;
  polynomials: Map<number, Pt[]>;
  verificationKeys: Map<number, Named>;
  open?: { hash: string; key: string; weights: Map<string, number>; electors: number };
  ballots: BallotItem[];
  trackers: { tracker: string; index: number }[];
  voted: Set<string>;
  closed?: { ballots: number };
  total?: { alpha: Named; beta: Named }[];
  partials: { trustee: number; index: number; factors: Named[] }[];
  result?: { index: number; payload: Record<string, unknown> };
}

export const emptyState = (): BoardState => ({
  keys: new Map(),
  polynomials: new Map(),
  verificationKeys: new Map(),
  ballots: [],
  trackers: [],
  voted: new Set(),
  partials: [],
});

const TYPES = [
  'setup',
  'trustee-key',
  'trustee-polynomial',
  'trustee-verification',
  'open',
  'ballot',
  'close',
  'total',
  'partial-decryption',
  'result',
] as const;
export type EventType = (typeof TYPES)[number];

/** How an event is named in a refusal: "event 17 (ballot of pseudonym …)". */
export function describe(index: number, event: unknown): string {
  const e = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  const p = (typeof e.payload === 'object' && e.payload !== null ? e.payload : {}) as Record<
    string,
    unknown
  >;
  const who = typeof p.trustee === 'number' ? ` of trustee ${p.trustee}` : '';
  const ballot = p.ballot as { pseudonym?: unknown } | undefined;
  const what: Record<string, string> = {
    setup: 'setup',
    'trustee-key': `key${who}`,
    'trustee-polynomial': `polynomial${who}`,
    'trustee-verification': `verification key${who}`,
    open: 'open',
    ballot: `ballot of pseudonym ${typeof ballot?.pseudonym === 'string' ? ballot.pseudonym.slice(0, 22) : '?'}`,
    close: 'close',
    total: 'total',
    'partial-decryption': `partial decryption${who}`,
    result: 'result',
  };
  const label =
    typeof e.type === 'string' && Object.hasOwn(what, e.type) ? what[e.type] : undefined;
  return label ? `event ${index} (${label})` : `event ${index}`;
}

/**
 * Section 5 header: seq, prev and hash of event `index`, given the previous event's hash. `more`
 * names the types a ranked board adds (mixnet-protocol.md section 4).
 */
export function checkLink(index: number, raw: unknown, prev: string, more: readonly string[] = []) {
  const e = object(raw, ['seq', 'type', 'payload', 'prev', 'hash'], 'the event');
  if (e.seq !== index) refuse(`its seq is ${JSON.stringify(e.seq)} where ${index} is expected`);
  const type = text(e.type, 'its type');
  if (!(TYPES as readonly string[]).includes(type) && !more.includes(type))
    refuse(`its type "${type}" is unknown`);
  hashHex(e.prev, 'its prev');
  if (e.prev !== prev)
    refuse(`its prev is not the hash of the event before it (the chain is broken)`);
  const hash = hashHex(e.hash, 'its hash');
  if (digest({ seq: e.seq, type, payload: e.payload, prev: e.prev }) !== hash)
    refuse('its hash is not the digest of its seq, type, payload and prev');
  return { type: type as EventType, payload: e.payload, hash };
}

/** The event types that may come next, given what has been read. */
function allowed(s: BoardState): readonly EventType[] {
  if (!s.setup) return ['setup'];
  const n = s.setup.trustees.length;
  if (s.keys.size < n) return ['trustee-key'];
  if (s.polynomials.size < n) return ['trustee-polynomial'];
  if (s.verificationKeys.size < n) return ['trustee-verification'];
  if (!s.open) return ['open'];
  if (!s.closed) return ['ballot', 'close'];
  if (s.result) return [];
  if (s.closed.ballots === 0) return ['result'];
  if (!s.total) return ['total'];
  return s.partials.length >= s.setup.needed
    ? ['partial-decryption', 'result']
    : ['partial-decryption'];
}

export function checkOrder(s: BoardState, type: EventType) {
  const next = allowed(s);
  if (!next.includes(type))
    refuse(
      next.length
        ? `a ${type} event is out of order here: the protocol expects ${next.join(' or ')}`
        : `a ${type} event after the result: nothing may follow the result`,
    );
}

function parseSetup(p: unknown, hash: string): Setup {
  const s = object(
    p,
    [
      'version',
      'group',
      'ballot',
      'question',
      'choices',
      'min',
      'max',
      'rule',
      'trustees',
      'needed',
    ],
    'the setup',
  );
  if (s.version !== 'seconded-e2e-1') refuse('the version is not "seconded-e2e-1"');
  if (s.group !== 'ristretto255') refuse('the group is not "ristretto255"');
  const choices = list(s.choices, 'the choices').map((c, k) => text(c, `choice ${k}`));
  if (choices.length < 1) refuse('there are no choices');
  const min = integer(s.min, 'min', 0, choices.length);
  const max = integer(s.max, 'max', min, choices.length);
  const rule = text(s.rule, 'the rule') as Rule;
  if (!RULES.includes(rule)) refuse(`the rule "${rule}" is unknown`);
  if (rule !== 'most-votes' && (choices.length !== 3 || min !== 1 || max !== 1))
    refuse(`the rule "${rule}" needs three choices (for, against, abstain) and min = max = 1`);
  const trustees = list(s.trustees, 'the trustees').map((t, i) => {
    const r = object(t, ['index', 'name'], `trustee ${i + 1}`);
    return {
      index: integer(r.index, `trustee ${i + 1}'s index`, i + 1, i + 1),
      name: text(r.name, `trustee ${i + 1}'s name`),
    };
  });
  if (trustees.length < 2) refuse('there are fewer than two trustees');
  const needed = integer(s.needed, 'needed', 2, trustees.length);
  return {
    hash,
    ballot: text(s.ballot, 'the ballot id'),
    question: text(s.question, 'the question'),
    choices,
    min,
    max,
    rule,
    trustees,
    needed,
  };
}

/** The trustee number of a payload: 1..n, and not yet seen at this step. */
function trusteeOf(v: unknown, n: number, seen: Map<number, unknown>): number {
  const i = integer(v, 'the trustee', 1, n);
  if (seen.has(i)) refuse(`trustee ${i} already acted at this step`);
  return i;
}

/** Σ_k j^k·A_ik over every trustee i: the verification key trustee j must publish (5.4). */
export function expectedVerificationKey(polynomials: Map<number, Pt[]>, j: number): Pt {
  let sum = IDENTITY;
  for (const commitments of polynomials.values()) {
    let power = 1n;
    for (const A of commitments) {
      sum = sum.add(mul(A, power));
      power *= BigInt(j);
    }
  }
  return sum;
}

function named(v: unknown, what: string): Named {
  const p = point(v, what);
  return { p, hex: v as string };
}

/** Reads one event's payload into the state, checking everything but ballot proofs. */
export function applyEvent(
  s: BoardState,
  index: number,
  type: EventType,
  payload: unknown,
  hash: string,
) {
  checkOrder(s, type);
  const setup = s.setup!;
  const n = setup?.trustees.length;
  switch (type) {
    case 'setup':
      s.setup = parseSetup(payload, hash);
      return;
    case 'trustee-key': {
      const p = object(payload, ['trustee', 'key', 'proof'], 'the payload');
      const i = trusteeOf(p.trustee, n, s.keys);
      const X = named(p.key, 'the key');
      if (!checkKnowledge(`${setup.hash}|${i}`, X.p, X.hex, parseProof(p.proof, 'the proof')))
        refuse(`the proof of knowledge of trustee ${i}'s secret key does not hold`);
      s.keys.set(i, X);
      return;
    }
    case 'trustee-polynomial': {
      const p = object(payload, ['trustee', 'commitments', 'proof', 'shares'], 'the payload');
      const i = trusteeOf(p.trustee, n, s.polynomials);
      const hexes = list(p.commitments, 'the commitments', setup.needed);
      const commitments = hexes.map((c, k) => point(c, `commitment ${k}`));
      if (
        !checkKnowledge(
          `${setup.hash}|${i}`,
          commitments[0]!,
          hexes[0] as string,
          parseProof(p.proof, 'the proof'),
        )
      )
        refuse(`the proof of knowledge of trustee ${i}'s constant coefficient does not hold`);
      list(p.shares, 'the shares', n).forEach((share, k) => {
        const sh = object(share, ['to', 'ephemeral', 'box', 'tag'], `share ${k + 1}`);
        integer(sh.to, `share ${k + 1}'s recipient`, k + 1, k + 1);
        point(sh.ephemeral, `share ${k + 1}'s ephemeral key`);
        hashHex(sh.box, `share ${k + 1}'s box`);
        hashHex(sh.tag, `share ${k + 1}'s tag`);
      });
      s.polynomials.set(i, commitments);
      return;
    }
    case 'trustee-verification': {
      const p = object(payload, ['trustee', 'verificationKey', 'proof'], 'the payload');
      const j = trusteeOf(p.trustee, n, s.verificationKeys);
      const h = named(p.verificationKey, 'the verification key');
      if (!expectedVerificationKey(s.polynomials, j).equals(h.p))
        refuse(`trustee ${j}'s verification key is not the sum of the commitments at ${j}`);
      if (!checkKnowledge(`${setup.hash}|${j}`, h.p, h.hex, parseProof(p.proof, 'the proof')))
        refuse(`the proof of knowledge of trustee ${j}'s share does not hold`);
      s.verificationKeys.set(j, h);
      return;
    }
    case 'open':
      return applyOpen(s, payload, hash);
    case 'ballot':
      return applyBallot(s, index, payload);
    case 'close': {
      const p = object(payload, ['at', 'ballots'], 'the payload');
      text(p.at, 'the time');
      const count = integer(p.ballots, 'the number of ballots');
      if (count !== s.ballots.length)
        refuse(`it counts ${count} ballots where the board has ${s.ballots.length}`);
      s.closed = { ballots: count };
      return;
    }
    case 'total': {
      const p = object(payload, ['ciphertexts'], 'the payload');
      s.total = list(p.ciphertexts, 'the ciphertexts', setup.choices.length).map((c, k) => {
        const r = object(c, ['alpha', 'beta'], `total ${k}`);
        return {
          alpha: named(r.alpha, `total ${k}: alpha`),
          beta: named(r.beta, `total ${k}: beta`),
        };
      });
      return;
    }
    case 'partial-decryption':
      return applyPartial(s, index, payload);
    case 'result':
      s.result = {
        index,
        payload: object(
          payload,
          ['counts', 'trustees', 'voted', 'weight', 'outcome'],
          'the payload',
        ),
      };
      return;
  }
}

function applyOpen(s: BoardState, payload: unknown, hash: string) {
  const p = object(payload, ['electionKey', 'electorate', 'at'], 'the payload');
  const y = named(p.electionKey, 'the election key');
  let expected = IDENTITY;
  for (const commitments of s.polynomials.values()) expected = expected.add(commitments[0]!);
  if (!expected.equals(y.p))
    refuse("the election key is not the sum of the trustees' constant commitments");
  const weights = new Map<string, number>();
  list(p.electorate, 'the electorate').forEach((e, i) => {
    const r = object(e, ['pseudonym', 'weight'], `elector ${i}`);
    const who = pseudonym(r.pseudonym, `elector ${i}'s pseudonym`);
    if (weights.has(who)) refuse(`the pseudonym ${who} is listed twice`);
    weights.set(who, integer(r.weight, `elector ${i}'s weight`, 1));
  });
  text(p.at, 'the time');
  s.open = { hash, key: y.hex, weights, electors: weights.size };
}

function applyBallot(s: BoardState, index: number, payload: unknown) {
  const setup = s.setup!;
  const p = object(payload, ['ballot', 'tracker'], 'the payload');
  const who = ballotShape(p.ballot, {
    choices: setup.choices.length,
    min: setup.min,
    max: setup.max,
  });
  const weight = s.open!.weights.get(who);
  if (weight === undefined) refuse(`the pseudonym ${who} is not in the electorate`);
  if (s.voted.has(who)) refuse(`the pseudonym ${who} has already voted`);
  const tracker = text(p.tracker, 'the tracker');
  if (trackerOf(p.ballot) !== tracker) refuse('the tracker is not the hash of the ballot');
  s.voted.add(who);
  s.ballots.push({ index, weight: weight!, ballot: p.ballot });
  s.trackers.push({ tracker, index });
}

function applyPartial(s: BoardState, index: number, payload: unknown) {
  const p = object(payload, ['trustee', 'factors', 'proofs'], 'the payload');
  const n = s.setup!.trustees.length;
  const j = integer(p.trustee, 'the trustee', 1, n);
  if (s.partials.some((d) => d.trustee === j)) refuse(`trustee ${j} already decrypted`);
  const k = s.setup!.choices.length;
  const factors = list(p.factors, 'the factors', k).map((f, i) => named(f, `factor ${i}`));
  const proofs = list(p.proofs, 'the proofs', k).map((q, i) => parseProof(q, `proof ${i}`));
  const h = s.verificationKeys.get(j)!;
  factors.forEach((d, i) => {
    if (!checkEqualLogsAt(s, j, i, h, d, proofs[i]!))
      refuse(`the proof that factor ${i} is trustee ${j}'s share times the total does not hold`);
  });
  s.partials.push({ trustee: j, index, factors });
}

function checkEqualLogsAt(s: BoardState, j: number, k: number, h: Named, d: Named, proof: Proof) {
  const alpha = s.total![k]!.alpha;
  return checkEqualLogs(`${s.open!.hash}|${j}|${k}`, h, alpha, d, proof);
}

/** Why an item was refused, in words: the Refusal's own, or that it cannot be read at all. */
export const reasonOf = (e: unknown): string =>
  e instanceof Refusal ? e.message : `it cannot be read: ${(e as Error)?.message ?? String(e)}`;

/** A board's events, or why the board as a whole cannot be read (its format, no events). */
export function boardEvents(input: unknown): { events: unknown[] } | { reason: string } {
  try {
    const board = object(input, ['format', 'events'], 'the board');
    if (board.format !== 'seconded-board-1')
      throw new Refusal('its format is not "seconded-board-1"');
    const events = list(board.events, 'its events');
    if (events.length === 0) throw new Refusal('it has no events');
    return { events };
  } catch (e) {
    return { reason: reasonOf(e) };
  }
}
