import { setupOf } from '../../domain/ballots/e2e-outcome.ts';
import { checkBallotOptions, type BallotOptions } from '../../domain/ballots/ballot.ts';
import { rankedSetupOf } from '../../domain/ballots/e2e-ranked.ts';
import { MAX_RANKED_CANDIDATES } from '../../domain/e2e/index.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { t } from '../../messages/messages.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Threshold } from '../../domain/meetings/thresholds.ts';
import type { Db } from '../../db/database.ts';
import { insertTrustees, listTrustees } from '../../db/queries/ballot-board.ts';
import { findMemberOfBody, isCurrentMember } from '../../db/queries/memberships.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { appendToBoard } from './board.ts';
import { checkDraft, draftBallotIn } from './create-ballot.ts';

export interface CreateE2eBallotProps {
  readonly actor: Actor | null;
  readonly bodyId: string;
  readonly question: string;
  /**
   * A yes/no question, a choice of options, or an election (docs/mixnet-protocol.md): its
   * candidates named now, since the board's setup names them.
   */
  readonly options: BallotOptions;
  /** An election: how many preferences a voter may give (w, the setup's positions); all by default. */
  readonly preferences?: number | undefined;
  /** Card vote: each elector's weight, published beside their pseudonym, multiplies their ballot. */
  readonly weighted?: boolean | undefined;
  readonly threshold?: string | undefined;
  readonly closesAt?: string | undefined;
  /** When the draft opens by itself (once every trustee has checked their shares). */
  readonly opensAt?: string | undefined;
  readonly timeZone?: string | undefined;
  /** The key holders, in the order they are numbered 1..n: person ids, member numbers or emails. */
  readonly trustees: readonly string[];
  /** t: how many trustees are needed to count; default all of them. */
  readonly needed?: number | undefined;
}

/**
 * Drafts an end-to-end verifiable secret ballot (docs/e2e-protocol.md), by whoever runs the
 * body's ballots: at least two trustees among the body's members, t of whom will be needed to
 * count, and the board begun with its `setup` event. The trustees then make their keys
 * (submit-trustee-*.ts) before it can be opened (open-e2e-ballot.ts).
 */
export function createE2eBallot(ctx: AppContext, props: CreateE2eBallotProps) {
  const checked = checkE2eDraft(props, isoNow(ctx));
  return inTransaction(ctx, (trx) => draftE2eBallotIn(trx, ctx, props, checked));
}

/** What is checked of an end-to-end draft before any transaction: the question, t, the times. */
export function checkE2eDraft(props: CreateE2eBallotProps, at: string) {
  const checked = checkDraft(props, at);
  const positions =
    checked.options.kind === 'ranked'
      ? checkRankedDraft(checked.options, props.weighted, props.preferences)
      : undefined;
  return { ...checked, positions, needed: checkNeeded(props.trustees, props.needed) };
}

/**
 * Drafts an end-to-end ballot in the caller's transaction, its row as every ballot's
 * (draftBallotIn) and its board begun with the trustees; with `motionId`, the ballot decides
 * that motion of the body when its result is declared (e2e-result.ts, motion-ballot.ts).
 */
export async function draftE2eBallotIn(
  trx: Db,
  ctx: AppContext,
  props: CreateE2eBallotProps,
  checked: ReturnType<typeof checkE2eDraft>,
  motionId: string | null = null,
) {
  const { question, options, needed, positions } = checked;
  let setupHash = '';
  const { ballotId } = await draftBallotIn(
    trx,
    ctx,
    { ...props, secret: true },
    checked,
    motionId,
    {
      needed,
      begin: async (body, id, chosen) => {
        const trustees = await resolveTrustees(trx, body.id, props.trustees, today(ctx));
        const begun = await beginBoard(trx, {
          id,
          question,
          options,
          threshold: chosen as Threshold,
          trustees,
          needed,
          positions,
        });
        setupHash = begun.setupHash;
        return { endToEnd: true, trustees: begun.named.map((t) => t.person_id), needed, setupHash };
      },
    },
  );
  return { ballotId, setupHash };
}

/**
 * An election under end-to-end secrecy: its candidates are on the setup, so they are named now
 * (no nominations after), 1 to MAX_RANKED_CANDIDATES of them and at least as many as the seats;
 * no card vote, since a weight beside a pseudonym would be lost in the shuffle; and the
 * preferences a voter may give, w, from 1 to the candidates (docs/mixnet-protocol.md sections 1
 * and 2: `1 ≤ positions ≤ C ≤ 64`). Returns w. The field problems are in the reader's language,
 * since the form shows them beside the fields.
 */
function checkRankedDraft(
  options: Extract<BallotOptions, { kind: 'ranked' }>,
  weighted: boolean | undefined,
  preferences: number | undefined,
): number {
  if (weighted)
    throw invalid(
      'An end-to-end election cannot be a card vote: weights are lost in the shuffle.',
      [{ path: 'weighted', message: t('e2e.draft.problem.weighted') }],
    );
  const c = options.candidates.length;
  if (c === 0)
    throw invalid('An end-to-end election names its candidates when it is drafted.', [
      { path: 'candidates', message: t('e2e.draft.problem.noCandidates') },
    ]);
  if (c < options.seats)
    throw invalid(
      `An election for ${options.seats} seats needs at least as many candidates; it has ${c}.`,
      [
        {
          path: 'candidates',
          message: t('e2e.draft.problem.fewCandidates', { seats: options.seats }),
        },
      ],
    );
  checkBallotOptions(options, 'open');
  if (c > MAX_RANKED_CANDIDATES)
    throw invalid(`An end-to-end election can have up to ${MAX_RANKED_CANDIDATES} candidates.`, [
      {
        path: 'candidates',
        message: t('e2e.draft.problem.tooMany', { max: MAX_RANKED_CANDIDATES }),
      },
    ]);
  const w = preferences ?? c;
  if (!Number.isInteger(w) || w < 1 || w > c)
    throw invalid(`A voter may give from 1 to ${c} preferences in this election.`, [
      { path: 'preferences', message: t('e2e.draft.problem.preferences', { max: c }) },
    ]);
  return w;
}

/** t, checked against the trustees named: 2 ≤ t ≤ n, n ≥ 2; all of them unless said. */
export function checkNeeded(trustees: readonly string[], given: number | undefined): number {
  const n = trustees.length;
  if (n < 2 || n > 20)
    throw invalid('Choose 2 to 20 trustees to hold the keys.', [
      { path: 'trustees', message: 'Choose at least two trustees.' },
    ]);
  const needed = given ?? n;
  if (!Number.isInteger(needed) || needed < 2 || needed > n)
    throw invalid(`The trustees needed to count must be from 2 to ${n}.`, [
      { path: 'needed', message: `Give a number from 2 to ${n}.` },
    ]);
  return needed;
}

/**
 * Numbers the trustees 1..n in the order given and begins the board with its `setup` event
 * (protocol section 5, event 1), which names them.
 */
export async function beginBoard(
  trx: Db,
  ballot: {
    id: string;
    question: string;
    options: BallotOptions;
    threshold: Threshold;
    trustees: readonly string[];
    needed: number;
    /** An election: the preferences a voter may give (every candidate unless given). */
    positions?: number | undefined;
  },
) {
  await insertTrustees(
    trx,
    ballot.trustees.map((personId, i) => ({
      ballot_id: ballot.id,
      trustee: i + 1,
      person_id: personId,
    })),
  );
  const named = await listTrustees(trx, ballot.id);
  const numbered = named.map((t) => ({ index: t.trustee, name: t.name }));
  const { options } = ballot;
  const setup = await appendToBoard(
    trx,
    ballot.id,
    'setup',
    options.kind === 'ranked'
      ? rankedSetupOf({ ...ballot, ...options, trustees: numbered })
      : setupOf({ ...ballot, trustees: numbered }),
  );
  return { setupHash: setup.hash, named };
}

/** Each trustee as a current member of the body, by id, member number or email; each once. */
export async function resolveTrustees(
  trx: Db,
  bodyId: string,
  refs: readonly string[],
  day: string,
) {
  const ids: string[] = [];
  for (const ref of refs) {
    const id = (await isCurrentMember(trx, bodyId, ref, day))
      ? ref
      : (await findMemberOfBody(trx, bodyId, ref, day))?.person_id;
    if (!id)
      throw new DomainError('NOT_A_MEMBER', `A trustee must be a member of the body: ${ref}.`, [
        { path: 'trustees', message: 'Choose members of the body.' },
      ]);
    if (ids.includes(id))
      throw invalid('Each trustee holds one key: a member is named twice.', [
        { path: 'trustees', message: 'Name each trustee once.' },
      ]);
    ids.push(id);
  }
  return ids;
}
