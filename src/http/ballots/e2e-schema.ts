import { z } from '@hono/zod-openapi';
import type { CreateE2eBallotProps } from '../../app/ballots/create-e2e-ballot.ts';
import { THRESHOLDS } from '../../domain/organisations/standing-orders.ts';
import { METHOD_NAMES } from '../../domain/tally/count.ts';
import type { MethodName } from '../../domain/tally/types.ts';
import { Timetable, timetableFromForm } from './schema.ts';
import { action, field, formNumber, formTick, lines, type FormFields } from '../action.ts';

/*
 * What people send about end-to-end ballots (docs/e2e-protocol.md). The cryptographic payloads
 * are made on the trustee's or voter's device and checked whole by the crypto module
 * (src/domain/e2e, check*), so here they are only JSON objects; the protocol gives their shape.
 */

const JsonObject = z.record(z.string(), z.unknown());

/** Drafting an end-to-end ballot: a yes/no question, a choice or an election, its trustees and t. */
export const CreateE2eBallot = action(
  'E2eBallotCreate',
  z.object({
    question: z.string().max(2000),
    kind: z.enum(['yes-no', 'choice', 'ranked']).default('yes-no'),
    options: z.array(z.string().max(200)).max(100).optional().openapi({
      description: 'The options of a choice, or the candidates of an election (kind ranked)',
    }),
    seats: z.number().int().min(1).max(200).optional().openapi({
      description: 'An election: the seats to fill (default 1)',
    }),
    method: z
      .enum(METHOD_NAMES as [MethodName, ...MethodName[]])
      .optional()
      .openapi({
        description:
          'An election: the counting rule (default scottish-stv); the ballots are shuffled and decrypted whole (docs/mixnet-protocol.md)',
      }),
    preferences: z.number().int().min(1).max(64).optional().openapi({
      description:
        'An election: how many preferences a voter may give (default every candidate); at most the candidates',
    }),
    weighted: z.boolean().default(false),
    threshold: z.enum(THRESHOLDS).optional(),
    ...Timetable,
    trustees: z.array(z.string().min(1).max(320)).min(2).max(20).openapi({
      description:
        'The key holders, numbered 1..n in this order: person ids, member numbers or emails',
    }),
    needed: z
      .number()
      .int()
      .min(2)
      .max(20)
      .optional()
      .openapi({ description: 'How many trustees are needed to count; default all of them' }),
  }),
  {
    // The page's form: the options and the key holders a line each; needed left empty for all.
    fromForm: (f: FormFields) => {
      const given = field(f, 'kind');
      const kind = given === 'choice' || given === 'ranked' ? given : 'yes-no';
      const needed = field(f, 'needed');
      const seats = field(f, 'seats');
      const preferences = field(f, 'preferences');
      return {
        question: field(f, 'question') ?? '',
        kind,
        ...(kind !== 'yes-no' ? { options: lines(field(f, 'options')) } : {}),
        ...(kind === 'ranked' && seats ? { seats: formNumber(seats) } : {}),
        ...(kind === 'ranked' && field(f, 'method') ? { method: field(f, 'method') } : {}),
        ...(kind === 'ranked' && preferences ? { preferences: formNumber(preferences) } : {}),
        trustees: lines(field(f, 'trustees')),
        ...(needed ? { needed: formNumber(needed) } : {}),
        threshold: field(f, 'threshold') || undefined,
        weighted: formTick(field(f, 'weighted')),
        ...timetableFromForm(f),
      };
    },
  },
);

/**
 * What drafting an end-to-end ballot asks of the use case, from the action's fields, for the
 * API and the page alike: an election's seats, rule and preferences only for an election.
 */
export function e2eDraftOf({
  kind,
  options,
  seats,
  method,
  preferences,
  ...input
}: z.infer<typeof CreateE2eBallot.schema>): Omit<CreateE2eBallotProps, 'actor' | 'bodyId'> {
  if (kind === 'ranked')
    return {
      ...input,
      options: {
        kind,
        candidates: options ?? [],
        seats: seats ?? 1,
        method: method ?? 'scottish-stv',
      },
      preferences,
    };
  return { ...input, options: kind === 'choice' ? { kind, options: options ?? [] } : { kind } };
}

/** A trustee's step: the payload of their board event, made on their device. */
const trusteePayload = (name: string, event: string) =>
  action(
    name,
    z.object({
      payload: JsonObject.openapi({
        description: `The \`${event}\` event's payload (docs/e2e-protocol.md section 5)`,
      }),
    }),
  );

export const SubmitTrusteeKey = trusteePayload('E2eTrusteeKey', 'trustee-key');
export const SubmitTrusteePolynomial = trusteePayload('E2eTrusteePolynomial', 'trustee-polynomial');
export const SubmitTrusteeVerification = trusteePayload(
  'E2eTrusteeVerification',
  'trustee-verification',
);
export const SubmitPartialDecryption = trusteePayload('E2ePartialDecryption', 'partial-decryption');
export const SubmitShuffle = trusteePayload('E2eShuffle', 'shuffle');

/** A voter's encrypted ballot, made and proved on their device. */
export const CastE2eBallot = action(
  'E2eBallotCast',
  z.object({
    ballot: JsonObject.openapi({
      description:
        'The encrypted ballot `{ pseudonym, choices, individual, overall }` (docs/e2e-protocol.md section 5, event 6)',
    }),
    onBehalfOf: z.string().max(64).optional().openapi({
      description:
        'The member whose proxy I hold and cast this ballot for, sealed under their pseudonym; omitted for my own vote',
    }),
  }),
);

/** Opening and closing send no fields. */
export const OpenE2eBallot = action('E2eBallotOpen', z.object({}));
export const CloseE2eBallot = action('E2eBallotClose', z.object({}));

/** Starting a shuffle or decryption handed in in parts (docs/mixnet-protocol.md section 6). */
export const StartUpload = action(
  'E2eUploadStart',
  z.object({
    partBallots: z.number().int().min(1).optional().openapi({
      description:
        'Ballots per part (at most 50,000 sealed preferences: ballots × positions); the most allowed when omitted',
    }),
  }),
);

/** One part: ballots `part·partBallots` up to the next part's first. */
export const UploadPart = action(
  'E2eUploadPart',
  z.object({
    part: z.number().int().min(0).openapi({ description: 'The part’s number, from 0' }),
    payload: JsonObject.openapi({
      description:
        'The slices of the lists as long as the ballots: a shuffle’s `ballots`, `commitments`, `chain`, `sHat`, `sPrime`; a decryption’s `factors`, `proofs`',
    }),
  }),
);

/** The completion: the fields of fixed size. */
export const CompleteUpload = action(
  'E2eUploadComplete',
  z.object({
    payload: JsonObject.openapi({
      description:
        'A shuffle’s `trustee`, `challenge`, `s1`, `s2`, `s3`, `s4`; a decryption’s `trustee`',
    }),
  }),
);
