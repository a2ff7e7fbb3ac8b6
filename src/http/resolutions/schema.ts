import { z } from '@hono/zod-openapi';
import type { MotionTextInput } from '../../app/meetings/draft-motion.ts';
import { CLAUSE_KINDS, MOTION_LIMITS } from '../../domain/meetings/motion-text.ts';
import { OUTCOMES, REASON_MAX } from '../../domain/resolutions/communication.ts';
import { action, field, formNumber, formTick, lines, type FormFields } from '../action.ts';
import { Timetable, timetableFromForm } from '../ballots/schema.ts';

/**
 * What people send about resolutions that travel: publishing a model motion, keeping a body's
 * resolutions private, and the answers a receiving body gives to what arrives in its inbox. One
 * schema per action, read by the JSON route and the HTML form alike (src/http/action.ts).
 */

/** A meeting of the body to put the motion on the agenda of; none (or empty) leaves it off. */
const MeetingId = z.string().min(1).max(64).nullable().optional();

/** The meeting chosen on a form: its first option, "no meeting", sends an empty value. */
const meetingFromForm = (f: FormFields) => field(f, 'meetingId') || null;

/** Publishing a resolution as a model motion: the button is all there is. */
export const PublishModelMotion = action('ModelMotionPublish', z.object({}));

/** Withdrawing a resolution from one body it calls on (its delivery, by communication id). */
export const WithdrawResolution = action(
  'ResolutionWithdrawal',
  z.object({ communicationId: z.string().min(1).max(64) }),
);

/** Following a body on another server, by its handle or URL (docs/model-motions.md). */
export const FollowElsewhere = action(
  'FollowingElsewhere',
  z.object({ address: z.string().trim().min(1).max(MOTION_LIMITS.addresseeName) }),
);

/** Unfollowing a body elsewhere, by its actor's id as the list of followings gives it. */
export const UnfollowElsewhere = action(
  'UnfollowingElsewhere',
  z.object({ actorId: z.string().min(1).max(2000) }),
);

/** Keeping a body's resolutions and minutes to its organisation (true) or publishing them. */
export const SetPublication = action('Publication', z.object({ resolutionsPrivate: z.boolean() }), {
  fromForm: (f) => ({ resolutionsPrivate: formTick(field(f, 'resolutionsPrivate')) }),
});

/** Several communications ruled in order made one motion of the body; the form ticks each. */
export const CompositeCommunications = action(
  'CommunicationsComposite',
  z.object({
    communicationIds: z
      .array(z.string().min(1).max(64))
      .min(1, 'Choose at least two communications to composite.')
      .max(100),
    title: z.string().max(MOTION_LIMITS.title),
    meetingId: MeetingId,
  }),
  {
    fromForm: (f) => ({
      communicationIds: Object.keys(f)
        .filter((name) => name.startsWith('source.') && field(f, name) === '1')
        .map((name) => name.slice('source.'.length)),
      title: field(f, 'title') ?? '',
      meetingId: meetingFromForm(f),
    }),
  },
);

/** The answers that need no motion of the body's own: acknowledge, rule, record the outcome. */
export const AnswerCommunication = action(
  'CommunicationAnswer',
  z.discriminatedUnion(
    'type',
    [
      z.object({ type: z.literal('acknowledge') }),
      z.object({
        type: z.literal('rule'),
        inOrder: z.boolean(),
        reason: z.string().max(REASON_MAX).optional(),
      }),
      // Recorded by hand: the reason is required (the domain says so, with the field's message).
      z.object({
        type: z.literal('record-outcome'),
        outcome: z.enum(OUTCOMES),
        reason: z.string().max(REASON_MAX).optional(),
      }),
    ],
    { error: 'Choose an answer.' },
  ),
  {
    // Each form sends its own `type`; fields another answer would read are left out by the schema.
    fromForm: (f) => ({
      type: field(f, 'type'),
      inOrder: formTick(field(f, 'inOrder')),
      reason: field(f, 'reason'),
      outcome: field(f, 'outcome'),
    }),
  },
);

const OwnMotionText = z
  .object({
    title: z.string().max(MOTION_LIMITS.title),
    clauses: z
      .array(
        z.object({
          id: z.string().max(64).optional(),
          kind: z.enum(CLAUSE_KINDS),
          text: z.string().max(MOTION_LIMITS.clauseText),
          bodyId: z.string().max(64).optional(),
          bodyName: z.string().max(MOTION_LIMITS.addresseeName).optional(),
          officer: z.string().max(MOTION_LIMITS.addresseeName).optional(),
        }),
      )
      .max(MOTION_LIMITS.clauses),
  })
  .openapi('OwnMotionText', {
    description:
      'The receiving body’s own motion; keep a clause’s id to say it is the model’s clause, changed or not.',
  });

/** One clause as the adoption form sends it, under `clause.<n>.`. */
const clauseFromForm = (f: FormFields, prefix: string) => ({
  id: field(f, `${prefix}.id`) || undefined,
  kind: field(f, `${prefix}.kind`) ?? '',
  text: field(f, `${prefix}.text`) ?? '',
  bodyId: field(f, `${prefix}.bodyId`) || undefined,
  bodyName: field(f, `${prefix}.bodyName`) || undefined,
  officer: field(f, `${prefix}.officer`) || undefined,
});

/**
 * The adoption form's text: its title and clauses in order, leaving out those ticked "leave
 * out" and the new clause when it was left empty.
 */
export function ownTextFromForm(f: FormFields): MotionTextInput {
  const clauses = [];
  for (let i = 0; field(f, `clause.${i}.kind`) !== undefined; i++) {
    if (field(f, `clause.${i}.omit`) === '1') continue;
    clauses.push(clauseFromForm(f, `clause.${i}`));
  }
  const added = field(f, 'new.text') ?? '';
  if (added.trim()) clauses.push({ kind: field(f, 'new.kind') ?? 'resolves', text: added });
  return { title: field(f, 'title') ?? '', clauses };
}

/**
 * A communication made the body's own motion, on a meeting's agenda when one is chosen: put on
 * the agenda as it came (the agenda form sends only the meeting) or adopted as a model motion
 * (the adoption form sends the text, its clauses changed, added or left out).
 */
export const TableCommunication = action(
  'OwnMotion',
  z.object({ meetingId: MeetingId, text: OwnMotionText.optional() }),
  {
    fromForm: (f) => ({
      meetingId: meetingFromForm(f),
      text: field(f, 'title') === undefined ? undefined : ownTextFromForm(f),
    }),
    // A problem in the text is shown at the form's field: `title`, `clause.<n>.text`.
    fieldOf: (path) => path.replace(/^text\.clauses\./, 'clause.').replace(/^text\./, ''),
  },
);

/**
 * A communication put to a ballot of the body's members (secretary, admin): open or secret, a
 * card vote when the body's cards apply, end-to-end verifiable with its key holders, and opened
 * now or when it opens and closes by itself. The threshold is the body's standing orders'.
 */
export const PutToBallot = action(
  'CommunicationBallot',
  z.object({
    secret: z.boolean().default(true),
    weighted: z.boolean().default(false),
    endToEnd: z.boolean().default(false),
    trustees: z.array(z.string().min(1).max(320)).max(20).optional().openapi({
      description:
        'End-to-end only: the key holders (2 to 20), numbered 1..n in this order: person ids, member numbers or emails',
    }),
    needed: z.number().int().min(2).max(20).optional().openapi({
      description: 'End-to-end only: how many key holders are needed to count; default all',
    }),
    openNow: z.boolean().default(false).openapi({
      description: 'Open it now and email its electors, instead of leaving a draft',
    }),
    ...Timetable,
    text: OwnMotionText.optional(),
  }),
  {
    // The key holders a line each, as on a meeting's question; needed left empty for all.
    fromForm: (f) => {
      const endToEnd = formTick(field(f, 'endToEnd'));
      const needed = field(f, 'needed');
      return {
        secret: formTick(field(f, 'secret')),
        weighted: formTick(field(f, 'weighted')),
        endToEnd,
        ...(endToEnd ? { trustees: lines(field(f, 'trustees')) } : {}),
        ...(endToEnd && needed ? { needed: formNumber(needed) } : {}),
        openNow: formTick(field(f, 'openNow')),
        ...timetableFromForm(f),
      };
    },
    fieldOf: (path) => path.replace(/^text\.clauses\./, 'clause.').replace(/^text\./, ''),
  },
);
