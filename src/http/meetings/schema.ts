import { z } from '@hono/zod-openapi';
import { MAX_COMPOSITED } from '../../app/meetings/composite-motions.ts';
import { newClauseId } from '../../app/meetings/draft-motion.ts';
import { VOTE_MODES } from '../../app/meetings/put-question.ts';
import type { VoteTaken } from '../../app/meetings/record-vote.ts';
import type { AmendmentChange } from '../../domain/meetings/amendments.ts';
import { CLAUSE_KINDS, MOTION_LIMITS } from '../../domain/meetings/motion-text.ts';
import { SECRET_KINDS } from '../../domain/meetings/motion.ts';
import { localTimeToUtc } from '../../domain/meetings/notice.ts';
import { PROCEDURAL_KINDS } from '../../domain/meetings/procedural.ts';
import { MAX_TIME_LIMIT_SECONDS } from '../../domain/meetings/speakers.ts';
import {
  action,
  field,
  fieldValues,
  formNumber,
  formTick,
  lines,
  NoFields,
  type Action,
  type FormFields,
} from '../action.ts';

/**
 * What people send about meetings, motions, amendments, questions and minutes: the pieces each
 * action's schema is built from, read by the JSON routes and the HTML forms alike
 * (src/http/action.ts).
 */

export const PersonId = z.string().min(1).max(64);
export const Words = z.string().max(MOTION_LIMITS.clauseText);
export const Count = z.number().int().min(0).max(10_000_000);
export const Counts = z.object({ for: Count, against: Count, abstain: Count });
export const Choice = z.enum(['for', 'against', 'abstain']);
export const CastingVote = z.enum(['for', 'against']).nullable().optional();

export const ClauseInput = z
  .object({
    id: z.string().max(64).optional(),
    kind: z.enum(CLAUSE_KINDS),
    text: Words,
    bodyId: z.string().max(64).optional(),
    bodyName: z.string().max(MOTION_LIMITS.addresseeName).optional(),
    officer: z.string().max(MOTION_LIMITS.addresseeName).optional(),
  })
  .openapi('ClauseInput', {
    description:
      '"calls-on" names a body on this server by `bodyId`, or one elsewhere by `bodyName`; "instructs" names an `officer`.',
  });
/** A question of no confidence or of discipline; the standing orders may make it secret. */
export const SecretKindInput = z.enum(SECRET_KINDS).nullable().optional();
export const MotionTextInput = z
  .object({
    title: z.string().max(MOTION_LIMITS.title),
    clauses: z.array(ClauseInput).max(MOTION_LIMITS.clauses),
  })
  .openapi('MotionText');

export const Addressee = z.union([
  z.object({ kind: z.literal('body'), bodyId: z.string().max(64), name: z.string().max(200) }),
  z.object({ kind: z.literal('named-body'), name: z.string().max(200) }),
  z.object({ kind: z.literal('officer'), officer: z.string().max(200) }),
]);
export const NewClause = z.object({
  id: z.string().max(64).optional(),
  kind: z.enum(CLAUSE_KINDS),
  text: Words,
  addressee: Addressee.optional(),
});
export const ClauseId = z.string().min(1).max(64);
export const Occurrence = z.number().int().min(1).max(1000).optional();
export const Position = z.union([
  z.enum(['start', 'end']),
  z.object({ after: Words, occurrence: Occurrence }),
]);
export const Change = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('insert-words'),
      clauseId: ClauseId.optional(),
      words: Words,
      position: Position,
    }),
    z.object({
      kind: z.literal('delete-words'),
      clauseId: ClauseId.optional(),
      words: Words,
      occurrence: Occurrence,
    }),
    z.object({
      kind: z.literal('delete-and-insert'),
      clauseId: ClauseId.optional(),
      delete: Words,
      insert: Words,
      occurrence: Occurrence,
    }),
    z.object({
      kind: z.literal('add-clause'),
      afterClauseId: ClauseId.nullable(),
      clause: NewClause,
    }),
    z.object({ kind: z.literal('delete-clause'), clauseId: ClauseId }),
    z.object({
      kind: z.literal('substitute-clause'),
      clauseId: ClauseId,
      clause: NewClause.omit({ id: true }),
    }),
    z.object({
      kind: z.literal('substitute-motion'),
      motion: z.object({
        title: z.string().max(MOTION_LIMITS.title),
        clauses: z.array(NewClause).max(MOTION_LIMITS.clauses),
      }),
    }),
  ])
  .openapi('AmendmentChange', {
    description:
      'Against a clause named by id. An amendment to an amendment is an edit of its words, without clauseId.',
  });

/** Zod leaves optional keys as undefined; the domain's types want them absent, and new clauses need ids. */
export function toChange(input: z.infer<typeof Change>): AmendmentChange {
  const strip = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  const clause = (c: z.infer<typeof NewClause>) => strip({ ...c, id: c.id ?? newClauseId() });
  switch (input.kind) {
    case 'add-clause':
      return { ...input, clause: clause(input.clause) };
    case 'substitute-clause':
      return { ...input, clause: strip(input.clause) };
    case 'substitute-motion':
      return { ...input, motion: { ...input.motion, clauses: input.motion.clauses.map(clause) } };
    case 'insert-words':
      return strip({
        ...input,
        position: typeof input.position === 'string' ? input.position : strip(input.position),
      }) as AmendmentChange;
    default:
      return strip(input) as AmendmentChange;
  }
}

// ---- Meetings and the console ---------------------------------------------------------------
// What a body's meetings page, a meeting's page, the speakers list and the chair's console send,
// one action each, with the JSON route for the same thing taking the same schema.

/** The schedule form's local start, as UTC; what is not a time goes on for the schema to refuse. */
const localToUtc = (local: string, timeZone: string): string =>
  localTimeToUtc(local, timeZone)?.toISOString() ?? local;

const validZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** A text box left empty is a field not given. */
const given = (f: FormFields, name: string) => field(f, name) || undefined;

/** Calling a meeting; the form gives its start as a local time in the meeting's time zone. */
export const ScheduleMeeting = action(
  'MeetingSchedule',
  z.object({
    title: z.string().max(200),
    startsAt: z.iso.datetime({ offset: true, error: 'Give the date and time it starts.' }),
    location: z.string().max(500).optional(),
    timeZone: z.string().max(64).optional(),
    emergency: z.boolean().default(false),
    /** Why it is called at short notice: required with `emergency`, recorded with the meeting. */
    emergencyReason: z.string().max(1000).optional(),
    giveNotice: z.boolean().default(true),
  }),
  {
    fromForm: (f) => {
      const zone = field(f, 'timeZone')?.trim() || 'Europe/London';
      return {
        title: field(f, 'title') ?? '',
        startsAt: localToUtc(field(f, 'startsAt') ?? '', validZone(zone) ? zone : 'UTC'),
        location: field(f, 'location'),
        timeZone: zone,
        emergency: formTick(field(f, 'emergency')),
        emergencyReason: given(f, 'emergencyReason'),
        giveNotice: formTick(field(f, 'giveNotice')),
      };
    },
  },
);

/** A new calendar feed token for me, replacing my old one. */
export const MakeCalendarFeed = action('CalendarFeedToken', NoFields);
export const GiveNotice = action('MeetingNotice', NoFields);
export const OpenMeeting = action('MeetingOpen', NoFields);
export const CancelMeeting = action('MeetingCancel', NoFields);
export const CloseMeeting = action('MeetingClose', NoFields);

/** An agenda item: a title, or a submitted motion put on the agenda. */
export const AddAgendaItem = action(
  'AgendaItemAdd',
  z.object({ title: z.string().max(300).optional(), motionId: z.string().max(64).optional() }),
);
export const MoveAgendaItem = action(
  'AgendaItemMove',
  z.object({ direction: z.enum(['up', 'down']) }),
);
export const RemoveAgendaItem = action('AgendaItemRemove', NoFields);

/** Signing in to a meeting or out of it: myself, or a member named by the chair. */
export const Attendance = action('Attendance', z.object({ personId: PersonId.optional() }));

/** The secretary signs in the members ticked on the attendance list, all at once. */
export const SignInMembers = action(
  'AttendanceMany',
  z.object({ personIds: z.array(PersonId).max(1000) }),
  { fromForm: (f) => ({ personIds: fieldValues(f, 'personId') }) },
);

/** A member signs themself in with the code shown in the room. */
export const SignInByCode = action('AttendanceByCode', z.object({ code: z.string().max(40) }));

/** A count box of the form for each count of the schema (`counts.for` is the box `for`). */
const countsField = (path: string) => path.replace(/^counts\./, '').split('.')[0]!;
const countsFromForm = (f: FormFields) => ({
  for: formNumber(field(f, 'for')),
  against: formNumber(field(f, 'against')),
  abstain: formNumber(field(f, 'abstain')),
});
/** The chair's casting vote as the form sends it: none is empty. */
const castingFromForm = (f: FormFields) => {
  const v = field(f, 'castingVote');
  return v === 'for' || v === 'against' ? v : null;
};

export const ProceduralMotion = action(
  'ProceduralMotion',
  z.object({
    kind: z.enum(PROCEDURAL_KINDS),
    moverId: PersonId,
    seconderId: PersonId.optional(),
    counts: Counts,
    castingVote: CastingVote,
    referTo: z.string().max(200).optional(),
  }),
  {
    fromForm: (f) => ({
      kind: field(f, 'kind'),
      moverId: field(f, 'moverId') ?? '',
      seconderId: given(f, 'seconderId'),
      counts: countsFromForm(f),
      castingVote: castingFromForm(f),
      referTo: given(f, 'referTo'),
    }),
    fieldOf: countsField,
  },
);

/** Compositing motions; the form ticks each motion (`composite.<id>`). */
export const CompositeMotions = action(
  'MotionsComposite',
  z.object({
    motionIds: z.array(z.string().max(64)).min(2).max(MAX_COMPOSITED),
    title: z.string().max(200).optional(),
  }),
  {
    fromForm: (f) => ({
      motionIds: Object.keys(f)
        .filter((k) => k.startsWith('composite.') && formTick(field(f, k)))
        .map((k) => k.slice('composite.'.length)),
      title: field(f, 'title'),
    }),
  },
);

/** A step of a motion at the meeting. */
export const MotionStep = action(
  'MotionStep',
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('move'), by: PersonId.optional() }),
    z.object({ type: z.literal('second'), by: PersonId.optional() }),
    z.object({ type: z.literal('fall') }),
    z.object({ type: z.literal('open-debate') }),
    z.object({ type: z.literal('withdraw'), consent: z.boolean().default(false) }),
    z.object({ type: z.literal('next-business') }),
    z.object({ type: z.literal('refer'), to: z.string().min(1).max(200) }),
    z.object({
      type: z.literal('remit'),
      to: z.string().min(1, 'Name a body or officer.').max(200),
      moverConsents: z.boolean().default(false),
    }),
  ]),
  {
    fromForm: (f) => ({
      type: field(f, 'type'),
      by: given(f, 'by'),
      consent: formTick(field(f, 'consent')),
      to: field(f, 'to')?.trim(),
      moverConsents: formTick(field(f, 'moverConsents')),
    }),
  },
);

/** A step of an amendment. */
export const AmendmentStep = action(
  'AmendmentStep',
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('second'), by: PersonId.optional() }),
    z.object({ type: z.literal('withdraw'), consent: z.boolean().default(false) }),
    z.object({ type: z.literal('fall') }),
  ]),
  {
    fromForm: (f) => ({
      type: field(f, 'type'),
      by: given(f, 'by'),
      consent: formTick(field(f, 'consent')),
    }),
  },
);

/** An amendment moved from the floor; the console's form changes words of one clause. */
export const MoveAmendment = action(
  'AmendmentMove',
  z.object({
    change: Change,
    parentId: z.string().max(64).nullable().optional(),
    by: PersonId.optional(),
  }),
  {
    fromForm: (f) => {
      const clauseId = field(f, 'clauseId') ?? '';
      const [deleted, inserted] = [field(f, 'delete') ?? '', field(f, 'insert') ?? ''];
      const kind = field(f, 'kind');
      return {
        by: given(f, 'by'),
        change:
          kind === 'delete-words'
            ? { kind, clauseId, words: deleted }
            : kind === 'insert-words'
              ? { kind, clauseId, words: inserted, position: 'end' }
              : kind === 'delete-clause'
                ? { kind, clauseId }
                : { kind: 'delete-and-insert', clauseId, delete: deleted, insert: inserted },
      };
    },
  },
);

/** Putting the question: in the room, or to a secret ballot of those present. */
export const PutQuestion = action(
  'QuestionPut',
  z.object({
    mode: z.enum([...VOTE_MODES, 'secret-ballot']).default('show-of-hands'),
    weighted: z.boolean().optional(),
    trustees: z.array(z.string().min(1).max(320)).min(2).max(20).optional().openapi({
      description:
        '`secret-ballot` only: an end-to-end verifiable ballot with these key holders (person ids, member numbers or emails), numbered 1..n',
    }),
    needed: z.number().int().min(2).max(20).optional().openapi({
      description: 'With `trustees`: how many are needed to count; default all of them',
    }),
  }),
);
/** The console's secret ballot buttons: the same action, by card weights when `weighted`. */
export const PutToSecretBallot: Action<typeof PutQuestion.schema> = {
  ...PutQuestion,
  // Key holders given, a line each: an end-to-end verifiable ballot (put-to-verifiable-ballot.ts).
  fromForm: (f) => {
    const trustees = lines(field(f, 'trustees'));
    const needed = field(f, 'needed');
    return {
      mode: 'secret-ballot',
      weighted: formTick(field(f, 'weighted')),
      ...(trustees.length ? { trustees } : {}),
      ...(needed ? { needed: formNumber(needed) } : {}),
    };
  },
};

const Answers = z.array(z.object({ personId: PersonId, choice: Choice })).max(100_000);

/** The vote on the question put; the console's form names each member's answer `choice.<id>`. */
export const RecordVote = action(
  'QuestionVote',
  z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('show-of-hands'), counts: Counts, castingVote: CastingVote }),
    z.object({ mode: z.literal('roll-call'), answers: Answers, castingVote: CastingVote }),
    z.object({ mode: z.literal('card'), votes: Answers, castingVote: CastingVote }),
    z.object({ mode: z.literal('secret-ballot'), castingVote: CastingVote }),
  ]),
  {
    fromForm: (f) => {
      const mode = field(f, 'mode');
      const answers = Object.keys(f).flatMap((key) =>
        key.startsWith('choice.') && field(f, key)
          ? [{ personId: key.slice('choice.'.length), choice: field(f, key) }]
          : [],
      );
      const castingVote = castingFromForm(f);
      return mode === 'roll-call'
        ? { mode, answers, castingVote }
        : mode === 'card'
          ? { mode, votes: answers, castingVote }
          : mode === 'secret-ballot'
            ? { mode, castingVote }
            : { mode, counts: countsFromForm(f), castingVote };
    },
    fieldOf: countsField,
  },
);

/** The vote as the use case takes it (a secret ballot's is counted when the ballot closes). */
export const toVote = (
  input: z.infer<typeof RecordVote.schema>,
): VoteTaken | { readonly mode: 'secret-ballot' } =>
  input.mode === 'show-of-hands'
    ? { mode: input.mode, counts: input.counts }
    : input.mode === 'roll-call'
      ? { mode: input.mode, answers: input.answers }
      : input.mode === 'card'
        ? { mode: input.mode, votes: input.votes }
        : { mode: input.mode };

// ---- The speakers list ----------------------------------------------------------------------

/** Asking to speak for or against, or rising on a point of order (no side). */
export const AskToSpeak = action(
  'SpeakerRequest',
  z.object({ side: z.enum(['for', 'against']).optional(), pointOfOrder: z.boolean().optional() }),
  {
    fromForm: (f) => ({
      side: given(f, 'side'),
      pointOfOrder: formTick(field(f, 'pointOfOrder')),
    }),
  },
);

/** Calling the next speaker; the form gives the time limit in minutes, empty or 0 for none. */
export const CallNextSpeaker = action(
  'SpeakerCall',
  z.object({
    timeLimitSeconds: z.number().int().min(10).max(MAX_TIME_LIMIT_SECONDS).optional(),
  }),
  {
    fromForm: (f) => {
      const typed = field(f, 'timeLimitMinutes')?.trim() ?? '';
      const minutes = Number(typed);
      return {
        timeLimitSeconds: typed === '' || minutes === 0 ? undefined : Math.round(minutes * 60),
      };
    },
    fieldOf: () => 'timeLimitMinutes',
  },
);
export const EndSpeech = action('SpeechEnd', NoFields);
export const WithdrawFromSpeakers = action('SpeakerWithdraw', NoFields);
export const MakeProjectorLink = action('ProjectorLinkMake', NoFields);
export const RevokeProjectorLink = action('ProjectorLinkRevoke', NoFields);
