import { randomUUID } from 'node:crypto';
import { assertTakingVotes, canonicalChoice } from '../../domain/ballots/ballot.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { dialectOf, writeBatchesAtOnce, type Db } from '../../db/database.ts';
import {
  addToBoxWithReceipts,
  addToRoll,
  castVotesAtOnce,
  countVoted,
  findBallotsForCasting,
  type BoxRow,
} from '../../db/queries/ballots.ts';
import { type AppContext, isoNow } from '../common/context.ts';
import { receiptFingerprint, newReceiptCode } from './receipts.ts';
import { listStandingProxiesForBallot, markProxyVotes } from '../../db/queries/proxies.ts';
import { assertMayVoteByProxy, proxyKindOfBallot } from '../../domain/meetings/proxies.ts';
import type { StandingOrders } from '../../domain/organisations/standing-orders.ts';
import { loadRules } from '../meetings/meeting-support.ts';
import { endToEndOnly } from './board.ts';

export interface CastBallotProps {
  readonly actor: Actor | null;
  readonly ballotId: string;
  /** `for`/`against`/`abstain`, an option number, or candidate numbers in order of preference. */
  readonly choice: unknown;
  /**
   * The member whose proxy the actor holds and casts this vote with (proxies.ts), or none to
   * vote for themselves. The vote is then on the roll as that member's, marked as cast through a
   * proxy; its box row is like any other.
   */
  readonly onBehalfOf?: string | undefined;
}

export interface CastReceipt {
  /** Shown to the voter once; its fingerprint is published with the box after the close. */
  readonly receipt: string;
}

/**
 * Casts a vote. The roll entry and the box entry are written in one transaction, and the voter
 * is answered only after it has committed (durably: WAL with synchronous=FULL on SQLite, the
 * default synchronous commit on PostgreSQL). A second vote by the same member is refused with
 * ALREADY_VOTED by the roll's key, whichever process it reaches.
 *
 * Votes arriving together are committed together (group commit): while one batch commits the
 * next gathers, so a busy ballot needs far fewer commits than votes, and each vote is still
 * acknowledged only once its batch is durable. Rows of a batch are written in random order.
 * On PostgreSQL a batch without proxy votes is written in one statement after a read
 * (castAtOnce, issue 21); otherwise in one transaction.
 */
export function castBallot(ctx: AppContext, props: CastBallotProps): Promise<CastReceipt> {
  if (!props.actor) return Promise.reject(new DomainError('NOT_SIGNED_IN', 'Sign in to vote.'));
  const holderId = props.onBehalfOf ? props.actor.personId : null;
  const personId = props.onBehalfOf ?? props.actor.personId;
  return new Promise((resolve, reject) => {
    committerFor(ctx).submit({
      ballotId: props.ballotId,
      personId,
      holderId,
      choice: props.choice,
      resolve,
      reject,
    });
  });
}

interface Pending extends CastRequest {
  resolve(receipt: CastReceipt): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 1000;
/** Turnout is counted and sent at most this often per ballot, off the path of the commits. */
const TURNOUT_EVERY_MS = 100;
const committers = new WeakMap<Db, { submit(p: Pending): void }>();

function committerFor(ctx: AppContext) {
  let committer = committers.get(ctx.db);
  if (!committer) {
    const queue: Pending[] = [];
    const limit = writeBatchesAtOnce(ctx.db);
    let inFlight = 0;
    let scheduled = false;
    const announce = turnoutAnnouncer(ctx);
    const commitNext = async () => {
      inFlight++;
      try {
        const counted = await commitBatch(ctx, queue.splice(0, MAX_BATCH));
        for (const ballotId of counted) announce(ballotId);
      } finally {
        inFlight--;
        schedule();
      }
    };
    // Start on the next turn of the event loop, not now: the votes whose requests are read in
    // this turn then share a commit. (On SQLite a commit blocks the loop, so starting at once
    // would commit every vote on its own.)
    const schedule = () => {
      if (scheduled || !queue.length || inFlight >= limit) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        if (queue.length && inFlight < limit) void commitNext();
        schedule();
      });
    };
    committer = {
      submit(p) {
        queue.push(p);
        schedule();
      },
    };
    committers.set(ctx.db, committer);
  }
  return committer;
}

/**
 * Sends a ballot's turnout to its followers, counted afresh at most every TURNOUT_EVERY_MS: a
 * busy ballot costs a few counts a second, not one per commit, and commits never wait for them.
 */
function turnoutAnnouncer(ctx: AppContext) {
  const due = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const send = async () => {
    const ballotIds = [...due];
    due.clear();
    for (const ballotId of ballotIds) {
      const voted = await countVoted(ctx.db, ballotId).catch(() => null);
      if (voted !== null)
        ctx.events.publish(`ballot:${ballotId}`, { type: 'turnout', data: { voted } });
    }
    timer = due.size ? setTimeout(() => void send(), TURNOUT_EVERY_MS) : undefined;
  };
  return (ballotId: string) => {
    due.add(ballotId);
    timer ??= setTimeout(() => void send(), TURNOUT_EVERY_MS);
  };
}

/** Commits a batch and answers its voters; returns the ballots that took votes. */
async function commitBatch(ctx: AppContext, batch: readonly Pending[]): Promise<Set<string>> {
  let outcomes: CastOutcome[];
  try {
    const now = isoNow(ctx);
    const requests = batch.map(({ ballotId, personId, holderId, choice }) => ({
      ballotId,
      personId,
      holderId,
      choice,
    }));
    if (dialectOf(ctx.db) === 'postgres' && requests.every((r) => r.holderId === null))
      outcomes = await castAtOnce(ctx.db, requests, now);
    else outcomes = await ctx.db.transaction().execute((trx) => castBatch(trx, requests, now));
  } catch (error) {
    // Nothing of the batch was saved; nobody is told their vote is recorded.
    ctx.log.error('a batch of votes could not be saved', error);
    for (const p of batch)
      p.reject(
        error instanceof DomainError
          ? error
          : new Error('Your vote could not be recorded. Please try again.'),
      );
    return new Set();
  }
  const counted = new Set<string>();
  batch.forEach((pending, i) => {
    const outcome = outcomes[i]!;
    if ('receipt' in outcome) {
      counted.add(pending.ballotId);
      pending.resolve({ receipt: outcome.receipt });
    } else pending.reject(outcome.error);
  });
  return counted;
}

/** One vote of a batch. */
export interface CastRequest {
  readonly ballotId: string;
  /** Whose vote it is: on the roll under this person. */
  readonly personId: string;
  /** Who casts it with a proxy from `personId`; null when they vote for themselves. */
  readonly holderId: string | null;
  readonly choice: unknown;
}

/** What became of one vote: its receipt, or why it was refused. */
export type CastOutcome = { readonly receipt: string } | { readonly error: unknown };

/** A vote that passed the checks, to be written if its voter is not on the roll yet. */
interface Candidate {
  readonly index: number;
  readonly choice: string;
  readonly weight: number;
  readonly secret: boolean;
}

/**
 * Checks each vote of a batch against its ballot and electorate, read in one query: refusals go
 * into `outcomes`, the votes that pass are returned. A second vote in the batch by the same
 * member is refused here; one already on the roll is refused by the roll's key, later.
 */
async function screenVotes(
  trx: Db,
  batch: readonly CastRequest[],
  now: string,
  outcomes: CastOutcome[],
  { lock }: { lock: boolean },
): Promise<Candidate[]> {
  const rows = await findBallotsForCasting(
    trx,
    [...new Set(batch.map((p) => p.ballotId))],
    [...new Set(batch.flatMap((p) => (p.holderId ? [p.personId, p.holderId] : [p.personId])))],
    { lock },
  );
  const ballots = new Map(rows.map((b) => [b.id, b]));
  const weightOf = new Map<string, number>();
  const onPaper = new Set<string>();
  for (const r of rows)
    if (r.elector_id !== null && r.elector_weight !== null) {
      weightOf.set(`${r.id} ${r.elector_id}`, r.elector_weight);
      if (r.elector_paper === 1) onPaper.add(`${r.id} ${r.elector_id}`);
    }

  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  const proxyCache: ProxyCache = new Map();
  for (const [index, pending] of batch.entries()) {
    try {
      const ballot = ballots.get(pending.ballotId);
      if (!ballot) throw notFound('That ballot');
      // Its votes are encrypted on the voter's device (cast-e2e-ballot.ts), never sent here.
      if (ballot.end_to_end === 1) throw endToEndOnly();
      assertTakingVotes({ state: ballot.state, closesAt: ballot.closes_at }, now);
      const key = `${pending.ballotId} ${pending.personId}`;
      const weight = weightOf.get(key);
      if (weight === undefined)
        throw new DomainError('NOT_ELIGIBLE', 'You are not on the electorate of this ballot.');
      // A paper voter's vote is in the tellers' count (paper.ts): never online as well. The
      // chair's marking locks the ballot row this batch share-locks, so the two never cross.
      if (pending.holderId) {
        if (!weightOf.has(`${pending.ballotId} ${pending.holderId}`))
          throw new DomainError('NOT_ELIGIBLE', 'You are not on the electorate of this ballot.');
        await assertHoldsProxy(trx, ballot, pending, proxyCache);
      }
      if (onPaper.has(key)) throw votesOnPaper();
      const choice = canonicalChoice(ballot.options, pending.choice);
      if (seen.has(key)) throw alreadyVoted();
      seen.add(key);
      candidates.push({
        index,
        choice,
        weight: ballot.weighted ? weight : 1,
        secret: ballot.secret === 1,
      });
    } catch (error) {
      outcomes[index] = { error };
    }
  }
  return candidates;
}

/**
 * Casts a batch of votes in the transaction `trx` (the caller commits it, and answers nobody
 * before the commit is durable); returns one outcome per request, in order. A refused vote does
 * not affect the others; an error thrown means nothing of the batch may be kept.
 */
export async function castBatch(
  trx: Db,
  batch: readonly CastRequest[],
  now: string,
): Promise<CastOutcome[]> {
  const outcomes: CastOutcome[] = new Array<CastOutcome>(batch.length);
  const candidates = await screenVotes(trx, batch, now, outcomes, { lock: true });
  const marked = new Set(
    (
      await addToRoll(
        trx,
        candidates.map(({ index }) => ({
          ballot_id: batch[index]!.ballotId,
          person_id: batch[index]!.personId,
        })),
      )
    ).map((r) => `${r.ballot_id} ${r.person_id}`),
  );
  const box: BoxRow[] = [];
  const receipts: { ballot_id: string; fingerprint: string }[] = [];
  const byProxy: { ballot_id: string; person_id: string }[] = [];
  for (const c of candidates) {
    const pending = batch[c.index]!;
    if (!marked.has(`${pending.ballotId} ${pending.personId}`)) {
      outcomes[c.index] = { error: alreadyVoted() };
      continue;
    }
    const receipt = newReceiptCode();
    box.push({
      ballot_id: pending.ballotId,
      id: randomUUID(),
      choice: c.choice,
      weight: c.weight,
      voter_person_id: c.secret ? null : pending.personId,
    });
    receipts.push({
      ballot_id: pending.ballotId,
      fingerprint: receiptFingerprint(pending.ballotId, receipt),
    });
    if (pending.holderId !== null)
      byProxy.push({ ballot_id: pending.ballotId, person_id: pending.personId });
    outcomes[c.index] = { receipt };
  }
  await addToBoxWithReceipts(trx, shuffle(box), shuffle(receipts));
  // Only THAT these members voted through a proxy, in random order (DESIGN.md section 5).
  await markProxyVotes(trx, shuffle(byProxy));
  return outcomes;
}

/**
 * PostgreSQL, a batch without proxy votes: the votes are checked on a read without locks, then
 * written in one statement that checks again what may have changed since (castVotesAtOnce): two
 * round trips where a transaction took five, and the commit is that statement's own. A vote the
 * read passed but the statement did not take is refused for what changed: the ballot closed,
 * the voter was marked to vote on paper, or is on the roll already.
 */
async function castAtOnce(
  db: Db,
  batch: readonly CastRequest[],
  now: string,
): Promise<CastOutcome[]> {
  const outcomes: CastOutcome[] = new Array<CastOutcome>(batch.length);
  const candidates = await screenVotes(db, batch, now, outcomes, { lock: false });
  if (!candidates.length) return outcomes;
  const receipts = candidates.map(() => newReceiptCode());
  const votes = candidates.map((c, k) => {
    const { ballotId, personId } = batch[c.index]!;
    return {
      ballot_id: ballotId,
      person_id: personId,
      box: {
        ballot_id: ballotId,
        id: randomUUID(),
        choice: c.choice,
        weight: c.weight,
        voter_person_id: c.secret ? null : personId,
      },
      fingerprint: receiptFingerprint(ballotId, receipts[k]!),
    };
  });
  const order = () => shuffle(votes.map((_, k) => k));
  const written = await castVotesAtOnce(db, votes, order(), order(), now);
  candidates.forEach((c, k) => {
    const key = `${votes[k]!.ballot_id} ${votes[k]!.person_id}`;
    outcomes[c.index] = written.voted.has(key)
      ? { receipt: receipts[k]! }
      : !written.open.has(votes[k]!.ballot_id)
        ? { error: ballotClosed(now) }
        : !written.eligible.has(key)
          ? { error: votesOnPaper() }
          : { error: alreadyVoted() };
  });
  return outcomes;
}

/** Standing proxies and standing orders of the ballots in a batch, loaded once each. */
type ProxyCache = Map<
  string,
  Promise<{ rules: StandingOrders; proxies: { giverId: string; holderId: string }[] }>
>;

/**
 * Refuses a vote cast with a proxy the holder does not hold: none from that member stands for
 * this ballot (or for its meeting), or the standing orders no longer allow it (proxies.ts
 * `assertMayVoteByProxy`).
 */
async function assertHoldsProxy(
  trx: Db,
  ballot: { id: string; body_id: string; kind: string },
  pending: CastRequest,
  cache: ProxyCache,
) {
  let loaded = cache.get(ballot.id);
  if (!loaded) {
    loaded = Promise.all([
      loadRules(trx, ballot.body_id),
      listStandingProxiesForBallot(trx, ballot.id),
    ]).then(([rules, rows]) => ({
      rules,
      proxies: rows.map((p) => ({ giverId: p.giver_person_id, holderId: p.holder_person_id })),
    }));
    cache.set(ballot.id, loaded);
  }
  const { rules, proxies } = await loaded;
  assertMayVoteByProxy({
    rules: rules.proxies,
    kind: proxyKindOfBallot(ballot),
    giverId: pending.personId,
    holderId: pending.holderId!,
    standing: proxies,
  });
}

const votesOnPaper = () =>
  new DomainError(
    'VOTES_ON_PAPER',
    'You vote on paper in this ballot: the tellers have your numbered ballot paper.',
  );

/** The refusal of a vote for a ballot found closed, in assertTakingVotes's words. */
function ballotClosed(now: string): unknown {
  try {
    assertTakingVotes({ state: 'closed', closesAt: null }, now);
  } catch (error) {
    return error;
  }
  return new Error('unreachable: a closed ballot takes no vote');
}

const alreadyVoted = () =>
  new DomainError(
    'ALREADY_VOTED',
    'You have already voted in this ballot. Each member votes once.',
  );

/** Fisher–Yates: the order rows are written in carries no order of arrival. */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
