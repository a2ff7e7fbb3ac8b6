import { z } from '@hono/zod-openapi';
import { BALLOT_KINDS, type BallotOptions } from '../../domain/ballots/ballot.ts';
import { THRESHOLDS } from '../../domain/organisations/standing-orders.ts';
import { localTimeToUtc } from '../../domain/meetings/notice.ts';
import { DEFAULT_TIME_ZONE } from '../../app/meetings/schedule-meeting.ts';
import { METHOD_NAMES } from '../../domain/tally/count.ts';
import type { MethodName } from '../../domain/tally/types.ts';
import {
  action,
  field,
  fieldValues,
  formNumber,
  formTick,
  lines,
  NoFields,
  type FormFields,
} from '../action.ts';

/**
 * What people send about ballots and elections: one schema per action, read by the JSON route
 * and the HTML form alike (src/http/action.ts). The use cases still judge what only they can
 * (a choice against the ballot's options, a nominee against the body's members).
 */

/** When a draft opens and closes by itself, both optional, and the time zone they were given in. */
export const Timetable = {
  opensAt: z.iso.datetime({ offset: true }).optional(),
  closesAt: z.iso.datetime({ offset: true }).optional(),
  timeZone: z.string().max(64).optional(),
};

const validZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/**
 * The draft form's timetable: local times (datetime-local) in the time zone given, sent on as
 * UTC instants; what is not a time goes on as typed for the schema to refuse.
 */
export function timetableFromForm(f: FormFields) {
  const zone = field(f, 'timeZone')?.trim() || DEFAULT_TIME_ZONE;
  const utc = (name: string) => {
    const local = field(f, name)?.trim();
    if (!local) return undefined;
    return localTimeToUtc(local, validZone(zone) ? zone : 'UTC')?.toISOString() ?? local;
  };
  return { opensAt: utc('opensAt'), closesAt: utc('closesAt'), timeZone: zone };
}

/** Drafting a ballot: a yes/no question, a choice between options, or a ranked election. */
export const CreateBallot = action(
  'BallotCreate',
  z.object({
    question: z.string().max(2000),
    kind: z.enum(BALLOT_KINDS).default('yes-no'),
    options: z.array(z.string().max(200)).max(100).optional(),
    candidates: z.array(z.string().max(200)).max(200).optional(),
    seats: z.number().int().min(1).max(200).optional(),
    method: z.enum(METHOD_NAMES as [MethodName, ...MethodName[]]).optional(),
    secret: z.boolean().default(true),
    weighted: z.boolean().default(false),
    threshold: z.enum(THRESHOLDS).optional(),
    ...Timetable,
  }),
  {
    // One textarea holds a choice's options or an election's candidates, a line each; a kind the
    // form does not offer is drafted as a yes/no question, as the radio buttons start.
    fromForm: (f: FormFields) => {
      const kind = (BALLOT_KINDS as readonly string[]).includes(field(f, 'kind') ?? '')
        ? (field(f, 'kind') as (typeof BALLOT_KINDS)[number])
        : 'yes-no';
      const seats = field(f, 'seats');
      return {
        question: field(f, 'question') ?? '',
        kind,
        ...(kind === 'choice' ? { options: lines(field(f, 'options')) } : {}),
        ...(kind === 'ranked'
          ? {
              candidates: lines(field(f, 'options')),
              seats: seats ? formNumber(seats) : undefined,
              method: field(f, 'method') || undefined,
            }
          : {}),
        secret: formTick(field(f, 'secret')),
        weighted: formTick(field(f, 'weighted')),
        ...timetableFromForm(f),
      };
    },
    fieldOf: (path) => {
      const name = path.split('.')[0]!;
      return name === 'candidates' ? 'options' : name;
    },
  },
);

/** What drafting a ballot asks of the use case, from the action's fields (defaults filled in). */
export function draftOf(input: z.infer<typeof CreateBallot.schema>) {
  const options: BallotOptions =
    input.kind === 'yes-no'
      ? { kind: 'yes-no' }
      : input.kind === 'choice'
        ? { kind: 'choice', options: input.options ?? [] }
        : {
            kind: 'ranked',
            candidates: input.candidates ?? [],
            seats: input.seats ?? 1,
            method: input.method ?? 'scottish-stv',
          };
  const { question, secret, weighted, threshold, opensAt, closesAt, timeZone } = input;
  return { question, options, secret, weighted, threshold, opensAt, closesAt, timeZone };
}

/**
 * A vote: `for`/`against`/`abstain`, an option number, or candidate numbers in order of
 * preference. Whether it fits the ballot is the use case's to say (canonicalChoice).
 */
export const CastVote = action(
  'BallotVote',
  z.object({
    choice: z.union([
      z.enum(['for', 'against', 'abstain']),
      z.number().int().min(0),
      z.string().max(10),
      z.array(z.number().int().min(0)).max(200),
    ]),
    /** The member whose proxy I hold and cast this vote with; left out to vote for myself. */
    onBehalfOf: z.string().max(64).optional(),
  }),
  {
    fromForm: (f: FormFields) => ({
      choice: formChoice(f),
      onBehalfOf: field(f, 'onBehalfOf') || undefined,
    }),
  },
);

/**
 * The choice a voting form sends: a radio button's value, or a ranking from one select per
 * candidate (`rank.<candidate>` = preference number) put in order of preference. Two candidates
 * given the same preference become a ranking that names one twice, which the count refuses.
 */
function formChoice(f: FormFields): string | number[] {
  const ranks: (readonly [candidate: number, preference: number])[] = [];
  for (const name of Object.keys(f)) {
    const preference = field(f, name);
    if (name.startsWith('rank.') && preference)
      ranks.push([Number(name.slice(5)), Number(preference)]);
  }
  if (!ranks.length) return field(f, 'choice') ?? '';
  ranks.sort((a, b) => a[1] - b[1]);
  const repeated = ranks.some((r, i) => i > 0 && ranks[i - 1]![1] === r[1]);
  return repeated ? [ranks[0]![0], ranks[0]![0]] : ranks.map((r) => r[0]);
}

/** Nominating a member of the body as a candidate in a ranked election. */
export const Nominate = action(
  'BallotNominate',
  z.object({
    candidate: z.string().min(1).max(320).openapi({ description: 'Member number or email' }),
  }),
);

/** Seconding a nomination: the button says it all. */
export const SecondNomination = action('NominationSecond', z.object({}));

/** Opening a ballot (the electorate is frozen then). */
export const OpenBallot = action('BallotOpen', z.object({}));

/**
 * Closing a ballot, which counts it. With anyone yet to vote it is refused (CLOSE_NOT_CONFIRMED,
 * with how many) unless `confirm` says the chair was told and closes anyway.
 */
export const CloseBallot = action('BallotClose', z.object({ confirm: z.boolean().optional() }), {
  fromForm: (f: FormFields) => ({ confirm: formTick(field(f, 'confirm')) }),
});

/** Members present marked as voting on paper (or, `paper: false`, back online). */
export const MarkPaperVoters = action(
  'BallotPaperVoters',
  z.object({
    personIds: z.array(z.string().max(64)).min(1).max(1000),
    paper: z.boolean().default(true),
  }),
  {
    fromForm: (f: FormFields) => ({
      personIds: fieldValues(f, 'personId'),
      paper: field(f, 'paper') !== '0',
    }),
    fieldOf: () => 'personId',
    refusal: 'Choose at least one member.',
  },
);

/** Issuing numbered paper ballots to those voting on paper who have none yet. */
export const IssuePaperBallots = action('BallotPapersIssue', NoFields);

/** The tellers' count of the papers returned: valid ones per choice, in order, and spoilt. */
export const EnterPaperCount = action(
  'BallotPaperCount',
  z.object({
    counts: z.array(z.number().int().min(0).max(1_000_000)).min(1).max(100),
    spoilt: z.number().int().min(0).max(1_000_000).default(0),
  }),
  {
    fromForm: (f: FormFields) => {
      const counts: number[] = [];
      for (let i = 0; field(f, `count.${i}`) !== undefined; i++)
        counts.push(formNumber(field(f, `count.${i}`)));
      return { counts, spoilt: formNumber(field(f, 'spoilt') ?? '0') };
    },
    fieldOf: (path) => (path.startsWith('counts.') ? `count.${path.slice(7)}` : path),
    refusal: 'Each count is a whole number, 0 or more.',
  },
);

/** Checking that the vote with a receipt is in the box (and counted, once closed). */
export const CheckReceipt = action(
  'BallotReceiptCheck',
  z.object({ receipt: z.string().max(40) }),
  { fromForm: (f: FormFields) => ({ receipt: field(f, 'receipt') ?? '' }) },
);

/** Lodging a proxy: the holder by person id, email or member number, and an instruction. */
export const LodgeProxy = action(
  'ProxyLodging',
  z.object({
    holder: z.string().trim().min(1).max(320),
    instruction: z.string().max(2000).optional(),
  }),
  {
    fromForm: (f: FormFields) => ({
      holder: field(f, 'holder') ?? '',
      instruction: field(f, 'instruction') || undefined,
    }),
    refusal: 'Name the member who is to hold your proxy, by their email or member number.',
  },
);

/** Withdrawing my proxy. */
export const WithdrawProxy = action('ProxyWithdrawal', z.object({}));

/** Refusing a proxy (secretary), with the reason the giver and the holder are shown. */
export const RefuseProxy = action(
  'ProxyRefusal',
  z.object({ reason: z.string().trim().min(1).max(500) }),
  { refusal: 'Give the reason for refusing the proxy.' },
);
