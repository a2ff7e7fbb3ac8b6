import { invalid } from '../errors.ts';
import { compositeText, type MotionText } from '../meetings/motion-text.ts';

/**
 * A compositing meeting: the movers of the motions on one subject agree one composite.
 *
 * TUC Congress Standing Orders, SO 11 (composite motions: the General Council brings together
 * the movers of motions on the same subject to agree a composite; where a mover does not agree,
 * their motion may be put separately) and UNISON National Delegate Conference standing orders
 * (composite motions agreed by the movers, the Standing Orders Committee deciding the mover and
 * seconder from among them). Labour Party Rule Book (2024), Chapter 3, Clause III.3: the
 * prioritised motions on each subject are composited at a meeting of the delegates concerned.
 *
 * As everywhere in Seconded (motion-text.ts `compositeText`), every clause of every source is
 * kept, preamble before operative, in the sources' order. The mover and seconder are two
 * different organisations among the sources that agreed. A source whose mover insists is put to
 * conference on its own instead of being merged.
 */
export interface CompositeSource {
  readonly id: string;
  /** The organisation (its delegation) that submitted it. */
  readonly submitterId: string;
  readonly text: MotionText;
}

export interface CompositeOutcome {
  readonly text: MotionText;
  /** The sources merged, in order. */
  readonly merged: readonly string[];
  /** The sources whose movers insisted: each is put on its own. */
  readonly putSeparately: readonly string[];
  readonly moverId: string;
  readonly seconderId: string;
}

export function composite(input: {
  readonly sources: readonly CompositeSource[];
  /** The submitters of the mover and seconder, from among the sources merged. */
  readonly moverId: string;
  readonly seconderId: string;
  /** Sources whose movers insist that their own motion is put instead. */
  readonly insisting?: readonly string[];
  readonly title: string;
  readonly newClauseId: () => string;
}): CompositeOutcome {
  const insisting = new Set(input.insisting ?? []);
  const merged = input.sources.filter((s) => !insisting.has(s.id));
  const submitters = new Set(merged.map((s) => s.submitterId));
  if (!submitters.has(input.moverId) || !submitters.has(input.seconderId))
    throw invalid('The mover and seconder come from motions in the composite.', [
      { path: 'moverId', message: 'Choose from the motions merged.' },
    ]);
  if (input.moverId === input.seconderId)
    throw invalid('The mover and seconder are different delegations.', [
      { path: 'seconderId', message: 'Choose another.' },
    ]);
  const text = compositeText(
    merged.map((s) => s.text),
    input.title,
    input.newClauseId,
  );
  return {
    text,
    merged: merged.map((s) => s.id),
    putSeparately: input.sources.filter((s) => insisting.has(s.id)).map((s) => s.id),
    moverId: input.moverId,
    seconderId: input.seconderId,
  };
}
