import { DomainError } from '../errors.ts';

/**
 * Where a submission to conference stands, and the steps between, as the sender sees them:
 *
 *   submitted → in-order | out-of-order          (the arrangements committee's ruling)
 *   in-order  → composited                       (merged into a composite at a compositing meeting)
 *   in-order  → carried | lost                   (the card vote on it, or on its composite)
 *   composited → carried | lost                  (the composite's fate, passed back to its sources)
 *   in-order  → remitted                         (the mover agrees to remit it to the executive)
 *   composited → remitted                        (its composite remitted)
 *   in-order | out-of-order → submitted          (its ruling referred back to the committee,
 *                                                 reference-back.ts, to be ruled again)
 *
 * A ruling may be changed while nothing further has happened (the committee reconsiders before
 * its report is adopted: Labour Rule Book Chapter 3, Clause III.2, reference back).
 */
export const SUBMISSION_STATUSES = [
  'submitted',
  'in-order',
  'out-of-order',
  'composited',
  'carried',
  'lost',
  'remitted',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

const NEXT: Readonly<Record<SubmissionStatus, readonly SubmissionStatus[]>> = {
  submitted: ['in-order', 'out-of-order'],
  'in-order': [
    'in-order',
    'out-of-order',
    'composited',
    'carried',
    'lost',
    'remitted',
    'submitted',
  ],
  'out-of-order': ['in-order', 'out-of-order', 'submitted'],
  composited: ['carried', 'lost', 'remitted'],
  carried: [],
  lost: [],
  remitted: [],
};

/** @throws DomainError ILLEGAL_TRANSITION for a step the lifecycle above does not allow. */
export function assertStep(from: SubmissionStatus, to: SubmissionStatus): void {
  if (!NEXT[from].includes(to))
    throw new DomainError('ILLEGAL_TRANSITION', `A submission ${from} cannot become ${to}.`);
}
