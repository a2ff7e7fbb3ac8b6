import { DomainError, invalid } from '../errors.ts';
import type { SubmissionStatus } from './outcomes.ts';

/**
 * Reference back of part of the arrangements committee's report.
 *
 * Labour Party Rule Book (2024), Chapter 3, Clause III.3 and the conference standing orders the
 * CAC reports under: the committee's report is put to conference, and a delegate may move that a
 * named part of it be referred back (here: its rulings on named submissions, each a paragraph of
 * the report). The reference back is taken before the report is accepted, decided by a show of
 * hands or, when a card vote is called, by the card vote (the normalised majority of the sections,
 * card-vote.ts). If carried, only those paragraphs go back: the committee reconsiders them, rules
 * again and reports again; the rest of the report stands. If lost, the report stands as it was.
 * TUC Congress SO 10 and UNISON NDC standing orders give delegates the same motion.
 *
 * A ruling can be referred back only while nothing has followed from it: a submission ruled in
 * or out, not yet composited, put to a card vote or decided.
 */
export const REFERENCE_BACK_STATUSES = ['moved', 'carried', 'lost'] as const;
export type ReferenceBackStatus = (typeof REFERENCE_BACK_STATUSES)[number];

/** The statuses from which a ruling may be referred back: ruled, and nothing further. */
const REFERABLE: readonly SubmissionStatus[] = ['in-order', 'out-of-order'];

/**
 * @throws DomainError VALIDATION_FAILED when no part is named or a part is named twice;
 * ILLEGAL_TRANSITION when a named submission has no ruling to refer back, something has already
 * followed from its ruling (`voted`: a card vote has been called on it), or it is already the
 * subject of a reference back not yet decided.
 */
export function assertReferBack(
  parts: readonly { id: string; title: string; status: SubmissionStatus; voted: boolean }[],
  pending: ReadonlySet<string>,
): void {
  if (!parts.length)
    throw invalid('Name the parts of the report to refer back.', [
      { path: 'submissionIds', message: 'Name at least one ruling.' },
    ]);
  if (new Set(parts.map((p) => p.id)).size !== parts.length)
    throw invalid('Each part of the report is named once.', [
      { path: 'submissionIds', message: 'A ruling is named twice.' },
    ]);
  for (const p of parts) {
    if (!REFERABLE.includes(p.status) || p.voted)
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `The ruling on “${p.title}” cannot be referred back: it is ${p.status}${p.voted ? ' and put to a card vote' : ''}.`,
      );
    if (pending.has(p.id))
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `A reference back of the ruling on “${p.title}” is already before conference.`,
      );
  }
}

/** @throws DomainError ILLEGAL_TRANSITION unless the reference back is still before conference. */
export function assertUndecided(status: ReferenceBackStatus): void {
  if (status !== 'moved')
    throw new DomainError('ILLEGAL_TRANSITION', `The reference back has been decided: ${status}.`);
}
