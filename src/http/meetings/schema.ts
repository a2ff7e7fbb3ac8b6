import { z } from '@hono/zod-openapi';
import { newClauseId } from '../../app/meetings/draft-motion.ts';
import type { AmendmentChange } from '../../domain/meetings/amendments.ts';
import { CLAUSE_KINDS, MOTION_LIMITS } from '../../domain/meetings/motion-text.ts';
import { SECRET_KINDS } from '../../domain/meetings/motion.ts';

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
