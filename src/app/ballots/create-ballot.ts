import { checkBallotOptions, type BallotOptions } from '../../domain/ballots/ballot.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { isThreshold, THRESHOLDS } from '../../domain/organisations/standing-orders.ts';
import { insertBallot } from '../../db/queries/ballots.ts';
import { findStandingOrders } from '../../db/queries/standing-orders.ts';
import { authorise } from '../common/actor.ts';
import { auditAction } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import type { Db } from '../../db/database.ts';
import { newRowOfBody } from '../common/row-of-body.ts';

export interface CreateBallotProps {
  readonly actor: Actor | null;
  readonly bodyId: string;
  readonly question: string;
  readonly options: BallotOptions;
  /** Secret unless said otherwise; elections are always secret when the standing orders say so. */
  readonly secret: boolean;
  /** Card vote: each elector's vote weight counts. */
  readonly weighted?: boolean | undefined;
  /** Defaults to the body's standing orders. */
  readonly threshold?: string | undefined;
  /** ISO instant after which no vote is taken, when it closes by itself; omitted, it runs until closed. */
  readonly closesAt?: string | undefined;
  /** ISO instant at which the draft opens by itself; omitted, it is opened by hand. */
  readonly opensAt?: string | undefined;
  /** The IANA time zone the times were given in, for pages and emails (default Europe/London). */
  readonly timeZone?: string | undefined;
}

const validZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/**
 * A draft's timetable as stored: instants in UTC. A ballot due to open closes after it opens, and
 * neither time may already be past when the ballot is drafted (it would open or close at once).
 */
function checkTimetable(
  props: Pick<CreateBallotProps, 'opensAt' | 'closesAt' | 'timeZone'>,
  now: string,
) {
  const instant = (raw: string | undefined, path: string) => {
    if (raw === undefined || raw === '') return null;
    if (Number.isNaN(Date.parse(raw)))
      throw invalid(
        path === 'opensAt'
          ? 'The opening time is not a date and time.'
          : 'The closing time is not a date and time.',
        [{ path, message: 'Give a date and time.' }],
      );
    return new Date(raw).toISOString();
  };
  const opensAt = instant(props.opensAt, 'opensAt');
  const closesAt = instant(props.closesAt, 'closesAt');
  if (opensAt && opensAt <= now)
    throw invalid('The opening time has passed: give a later one, or open the ballot by hand.', [
      { path: 'opensAt', message: 'Give a time still to come.' },
    ]);
  if (closesAt && closesAt <= (opensAt ?? now))
    throw invalid(
      opensAt
        ? 'The ballot would close before it opens: give a closing time after the opening time.'
        : 'The closing time has passed: give a later one.',
      [{ path: 'closesAt', message: 'Give a later time.' }],
    );
  const zone = props.timeZone?.trim() || null;
  if (zone && !validZone(zone))
    throw invalid('Unknown time zone.', [
      { path: 'timeZone', message: 'Give a time zone such as Europe/London.' },
    ]);
  return { opens_at: opensAt, closes_at: closesAt, time_zone: zone };
}

/** What a draft says, checked before anything is stored: the question, options, threshold, timetable. */
export function checkDraft(
  props: Omit<CreateBallotProps, 'actor' | 'bodyId' | 'secret'>,
  now: string,
) {
  const question = props.question.trim();
  if (!question || question.length > 2000) {
    throw invalid('Write the question (up to 2,000 characters).', [
      { path: 'question', message: 'Write the question.' },
    ]);
  }
  const options = checkBallotOptions(props.options, 'draft');
  const threshold = props.threshold || undefined;
  if (threshold !== undefined && !isThreshold(threshold)) {
    throw invalid('Unknown threshold.', [
      { path: 'threshold', message: `Choose one of ${THRESHOLDS.join(', ')}.` },
    ]);
  }
  return { question, options, threshold, timetable: checkTimetable(props, now) };
}

/** Drafts a ballot of a body (secretary, chair, admin). It takes no votes until opened. */
export function createBallot(ctx: AppContext, props: CreateBallotProps) {
  const checked = checkDraft(props, isoNow(ctx));
  return inTransaction(ctx, (trx) => draftBallotIn(trx, ctx, props, checked));
}

/**
 * What an end-to-end ballot adds to its draft (create-e2e-ballot.ts): t, the trustees needed to
 * count, and `begin`, run once the row is in, which names the trustees and begins the board and
 * returns what the audit entry says of them.
 */
export interface EndToEndDraft {
  readonly needed: number;
  readonly begin: (
    body: { id: string },
    ballotId: string,
    threshold: string,
  ) => Promise<Record<string, unknown>>;
}

/**
 * Drafts a checked ballot in the caller's transaction (createBallot; a communication put to a
 * ballot of the members, with `motionId` the body's own motion it decides; an end-to-end ballot,
 * with `endToEnd`).
 */
export async function draftBallotIn(
  trx: Db,
  ctx: AppContext,
  props: CreateBallotProps,
  { question, options, threshold, timetable }: ReturnType<typeof checkDraft>,
  motionId: string | null = null,
  endToEnd: EndToEndDraft | null = null,
) {
  const { body } = await authorise(trx, props.actor, 'body.runBallots', props.bodyId);
  const stored = await findStandingOrders(trx, body.id);
  const rules = stored ? stored.rules : null;
  if (options.kind === 'ranked' && rules?.secretQuestions.includes('elections') && !props.secret) {
    throw invalid("This body's standing orders require elections to be held by secret ballot.", [
      { path: 'secret', message: 'Elections must be secret here.' },
    ]);
  }
  const ballot = newRowOfBody(body, isoNow(ctx));
  const chosen = threshold ?? rules?.defaultThreshold ?? 'simple-majority-of-votes-cast';
  await insertBallot(trx, {
    ...ballot,
    question,
    kind: options.kind,
    options: JSON.stringify(options),
    threshold: chosen,
    secret: props.secret ? 1 : 0,
    weighted: props.weighted ? 1 : 0,
    state: 'draft',
    ...timetable,
    opened_at: null,
    closed_at: null,
    electorate: 0,
    result: null,
    result_hash: null,
    created_by: props.actor?.personId ?? null,
    motion_id: motionId,
    ...(endToEnd ? { end_to_end: 1, needed: endToEnd.needed } : {}),
  });
  const board = endToEnd ? await endToEnd.begin(body, ballot.id, chosen) : {};
  await auditAction(trx, props.actor, 'ballot.created', ['ballot', ballot], ballot.created_at, {
    bodyId: body.id,
    question,
    kind: options.kind,
    secret: props.secret,
    ...(motionId ? { motionId } : {}),
    ...board,
  });
  return { ballotId: ballot.id };
}
