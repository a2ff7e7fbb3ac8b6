import { DomainError, invalid } from '../errors.ts';
import { YES_NO, type BallotOptions, type BoxEntry } from './ballot.ts';

/**
 * Hybrid secret ballots of those present (DESIGN.md sections 3 and 5; issue 15): members present
 * without an account or a device vote on numbered paper ballots in the same ballot as those who
 * vote online. Terms:
 * - electorate: the members present when the question was put (frozen); each votes online or on
 *   paper, never both: a paper voter is marked so before voting, and the online roll refuses them;
 *   a member already on the online roll cannot be marked.
 * - issued: paper ballots handed out, numbered 1..issued. The numbers let the tellers check how
 *   many came back; nothing records which number went to whom.
 * - paper count: the tellers' totals of the papers returned, valid ones by choice plus spoilt.
 *   The papers returned cannot exceed those issued. The valid ones join the online box, as
 *   totals, before the result is counted.
 * - turnout: online votes + paper ballots returned (spoilt ones too: their voter took part).
 */

/** The tellers' count: valid papers per choice (for, against, abstain; or per option), and spoilt. */
export interface PaperCount {
  readonly counts: readonly number[];
  readonly spoilt: number;
}

/** The canonical choices a paper can carry, in the order a count lists them. */
export function paperChoices(options: BallotOptions): readonly string[] {
  if (options.kind === 'yes-no') return YES_NO;
  if (options.kind === 'choice') return options.options.map((_, i) => String(i));
  throw new DomainError('CONFLICT', 'An election is not counted on paper here.');
}

/** Papers returned: the valid ones and the spoilt. */
export const papersReturned = (count: PaperCount) =>
  count.counts.reduce((n, c) => n + c, 0) + count.spoilt;

const isCount = (n: number) => Number.isInteger(n) && n >= 0;

/**
 * Checks the tellers' count against the ballot's choices and the papers issued: a whole number,
 * not negative, for each choice; no more papers than were issued (PAPER_COUNT_TOO_HIGH).
 */
export function checkPaperCount(
  options: BallotOptions,
  raw: PaperCount,
  issued: number,
): PaperCount {
  const choices = paperChoices(options);
  if (raw.counts.length !== choices.length)
    throw invalid(`Give a count for each of the ${choices.length} choices.`, [
      { path: 'counts', message: 'One count for each choice.' },
    ]);
  const wrong = raw.counts.flatMap((n, i) =>
    isCount(n) ? [] : [{ path: `counts.${i}`, message: 'A whole number, 0 or more.' }],
  );
  if (!isCount(raw.spoilt)) wrong.push({ path: 'spoilt', message: 'A whole number, 0 or more.' });
  if (wrong.length) throw invalid('Each count is a whole number, 0 or more.', wrong);
  const count = { counts: [...raw.counts], spoilt: raw.spoilt };
  const entered = papersReturned(count);
  if (entered > issued)
    throw new DomainError(
      'PAPER_COUNT_TOO_HIGH',
      `The count adds up to ${entered} papers, but only ${issued} paper ballots were issued.`,
      [{ path: 'spoilt', message: `At most ${issued} papers in all.` }],
      { entered, issued },
    );
  return count;
}

/** The valid papers as entries of the box: one total per choice, each paper weighing 1. */
export function paperBox(options: BallotOptions, count: PaperCount): BoxEntry[] {
  const choices = paperChoices(options);
  return count.counts.flatMap((n, i) => (n > 0 ? [{ choice: choices[i]!, weight: n }] : []));
}

/** Where a hybrid ballot stands: who votes how, how many have voted, how many have not. */
export interface HybridTurnout {
  readonly electorate: number;
  readonly online: { readonly electors: number; readonly voted: number };
  readonly paper: {
    readonly electors: number;
    readonly issued: number;
    /** Papers returned as the tellers counted them; null before the count is entered. */
    readonly returned: number | null;
  };
  /** Online votes and papers returned. */
  readonly voted: number;
  /** Online voters who have not voted, and paper voters whose paper is not counted. */
  readonly notVoted: number;
}

export function hybridTurnout(s: {
  electorate: number;
  paperElectors: number;
  onlineVoted: number;
  issued: number;
  count: PaperCount | null;
}): HybridTurnout {
  const returned = s.count ? papersReturned(s.count) : null;
  const voted = s.onlineVoted + (returned ?? 0);
  return {
    electorate: s.electorate,
    online: { electors: s.electorate - s.paperElectors, voted: s.onlineVoted },
    paper: { electors: s.paperElectors, issued: s.issued, returned },
    voted,
    notVoted: Math.max(0, s.electorate - voted),
  };
}

/** A paper vote's state for one elector, as the ballot's records hold it. */
interface ElectorOnBallot {
  readonly onElectorate: boolean;
  readonly hasAccount: boolean;
  readonly votedOnline: boolean;
  readonly paper: boolean;
}

/** Whether the ballot still takes changes to its paper side. */
interface PaperSide {
  readonly open: boolean;
  readonly weighted: boolean;
  readonly counted: boolean;
}

function assertPaperSideOpen(b: PaperSide) {
  if (!b.open) throw new DomainError('BALLOT_CLOSED', 'This ballot has closed.');
  if (b.weighted)
    throw new DomainError('CONFLICT', 'A card vote is not taken on paper: each card has a weight.');
  if (b.counted)
    throw new DomainError(
      'CONFLICT',
      'The paper ballots have been counted; nobody else votes on paper.',
    );
}

/**
 * The chair marks a member present as voting on paper (no phone, no account): only an elector,
 * only one who has not voted online (no double counting), only before the papers are counted.
 */
export function checkMarkPaper(ballot: PaperSide, elector: ElectorOnBallot): void {
  assertPaperSideOpen(ballot);
  if (!elector.onElectorate)
    throw new DomainError(
      'NOT_ELIGIBLE',
      'Only a member present when the question was put votes in this ballot.',
    );
  if (elector.votedOnline)
    throw new DomainError('ALREADY_VOTED', 'This member has already voted online.');
}

/**
 * The chair takes back a paper mark, so the member votes online: only a member with an account,
 * and never below the papers issued (an issued paper stays in the count of those who may return one).
 */
export function checkUnmarkPaper(
  ballot: PaperSide & { issued: number; paperElectors: number },
  elector: ElectorOnBallot,
): void {
  assertPaperSideOpen(ballot);
  if (!elector.paper) return;
  if (!elector.hasAccount)
    throw new DomainError('CONFLICT', 'This member has no account, so votes on paper.');
  if (ballot.paperElectors - 1 < ballot.issued)
    throw new DomainError(
      'CONFLICT',
      'Every paper voter has been issued a paper: this one cannot vote online as well.',
    );
}

/** The numbers of the papers to issue now: one for each paper voter without one (from issued + 1). */
export function papersToIssue(ballot: PaperSide & { issued: number; paperElectors: number }): {
  from: number;
  to: number;
} {
  assertPaperSideOpen(ballot);
  if (ballot.paperElectors <= ballot.issued)
    throw new DomainError(
      'CONFLICT',
      ballot.paperElectors === 0
        ? 'Nobody present votes on paper.'
        : 'Every paper voter has been issued a paper already.',
    );
  return { from: ballot.issued + 1, to: ballot.paperElectors };
}

/**
 * Whether the chair may close now: papers issued must have been counted first (enter 0 if none
 * came back: a paper is never silently left out), and closing with members who have not voted
 * needs the chair's confirmation, having been told how many (CLOSE_NOT_CONFIRMED).
 */
export function checkClose(turnout: HybridTurnout, confirmed: boolean): void {
  if (turnout.paper.issued > 0 && turnout.paper.returned === null)
    throw new DomainError(
      'PAPER_COUNT_MISSING',
      `${turnout.paper.issued} paper ballots were issued: the tellers enter their count before the close (0 if none came back).`,
    );
  if (turnout.notVoted > 0 && !confirmed)
    throw new DomainError(
      'CLOSE_NOT_CONFIRMED',
      `${turnout.notVoted} of ${turnout.electorate} have not voted yet. Close the ballot anyway?`,
      [],
      { notVoted: turnout.notVoted, electorate: turnout.electorate },
    );
}
