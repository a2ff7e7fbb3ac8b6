import { DomainError, invalid } from '../errors.ts';
import type { StandingOrders } from '../organisations/standing-orders.ts';
import {
  amendmentProblems,
  applyAmendment,
  applyToAmendment,
  isTextEdit,
  locateWords,
  type Amendment,
  type AmendmentChange,
} from './amendments.ts';
import type { MotionText } from './motion-text.ts';
import {
  isFinal,
  transition,
  type MotionEvent,
  type MotionState,
  type TransitionContext,
} from './motion.ts';

/**
 * The debate on a motion (DESIGN.md section 3): amendments tabled against it (amendments.ts
 * says what each form does to the text), and which question is before the meeting.
 *
 * Order (`amendmentOrder`):
 * - `citrine`: amendments are taken one at a time, in the order of the text they affect. A carried
 *   amendment is incorporated and the motion as amended becomes the *substantive motion*, against
 *   which later amendments are moved; when all are settled the substantive motion is put.
 * - `ronr`: the pending questions are voted in reverse order of rank: the secondary amendment,
 *   then the primary amendment (as amended), then the main motion (as amended). Only one
 *   amendment of each degree may be pending at a time (§12).
 * Either way the final question is always on the motion as amended (`nextQuestion`).
 */

/** An amendment moved in the debate on a motion. */
export interface TabledAmendment {
  readonly id: string;
  /** The amendment it amends, or null when it amends the motion. */
  readonly parentId: string | null;
  /** Its words now (amendments to it that were carried are incorporated). */
  readonly change: AmendmentChange;
  /** Its words as moved. */
  readonly asMoved: AmendmentChange;
  /** Its lifecycle (motion.ts, kind 'amendment'). */
  readonly state: MotionState;
  /** 1 for an amendment to the motion, 2 for an amendment to an amendment, ... */
  readonly depth: number;
}

export interface DebateState {
  readonly order: StandingOrders['amendmentOrder'];
  readonly maxDepth: number;
  /** The motion as moved. */
  readonly original: MotionText;
  /** The substantive motion: the motion with every carried amendment incorporated. */
  readonly motion: MotionText;
  /** In the order they were moved. */
  readonly amendments: readonly TabledAmendment[];
}

/** The debate on a motion, before any amendment. */
export function startDebate(
  motion: MotionText,
  rules: Pick<StandingOrders, 'amendmentOrder' | 'amendmentDepth'>,
): DebateState {
  return {
    order: rules.amendmentOrder,
    maxDepth: rules.amendmentDepth,
    original: motion,
    motion,
    amendments: [],
  };
}

const isPending = (a: TabledAmendment) => !isFinal(a.state.status);

/** Amendments directly to the motion (or to one amendment) still undecided. */
export function pendingAmendments(
  debate: DebateState,
  parentId: string | null = null,
): TabledAmendment[] {
  return debate.amendments.filter((a) => a.parentId === parentId && isPending(a));
}

/**
 * Moves an amendment (its state from motion.ts `newMotion({ kind: 'amendment', ... })`).
 * @throws DomainError AMENDMENT_TOO_DEEP, AMENDMENT_PENDING (RONR: one of each degree at a
 *   time), ILLEGAL_TRANSITION (amending a settled amendment), NOT_AMENDABLE, WORDS_NOT_FOUND,
 *   WORDS_AMBIGUOUS, VALIDATION_FAILED (it would not leave a complete motion).
 */
export function tableAmendment(
  debate: DebateState,
  props: { id: string; parentId?: string | null; change: AmendmentChange; state: MotionState },
): DebateState {
  const parentId = props.parentId ?? null;
  const parent = parentId === null ? null : debate.amendments.find((a) => a.id === parentId);
  if (parent === undefined) throw new DomainError('NOT_FOUND', 'That amendment was not found.');
  const depth = parent ? parent.depth + 1 : 1;
  if (depth > debate.maxDepth) {
    throw new DomainError(
      'AMENDMENT_TOO_DEEP',
      debate.maxDepth === 0
        ? 'The standing orders do not allow amendments.'
        : debate.maxDepth === 1
          ? 'The standing orders do not allow an amendment to an amendment; move it once this amendment is settled.'
          : `The standing orders allow amendments only ${debate.maxDepth} deep.`,
    );
  }
  if (debate.amendments.some((a) => a.id === props.id)) {
    throw new DomainError('ALREADY_EXISTS', 'An amendment with that id was already moved.');
  }
  if (parent && (!isPending(parent) || parent.state.status === 'question-put')) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      parent.state.status === 'question-put'
        ? 'The question on that amendment has been put; it can no longer be amended.'
        : 'That amendment has been settled and cannot be amended.',
    );
  }
  if (debate.order === 'ronr' && pendingAmendments(debate, parentId).length > 0) {
    throw new DomainError(
      'AMENDMENT_PENDING',
      parent
        ? 'An amendment to this amendment is already pending; settle it first.'
        : 'An amendment is already pending; settle it before moving another.',
    );
  }
  const problems = amendmentProblems(props.change);
  if (problems.length > 0) throw invalid('The amendment is not complete.', problems);
  // Refuse now what could never be applied.
  if (parent) applyToAmendment(parent.change, props.change);
  else if (isTextEdit(props.change) && !('clauseId' in props.change)) {
    throw new DomainError('NOT_AMENDABLE', 'Say which clause of the motion this amends.');
  } else applyAmendment(debate.motion, props.change as Amendment);

  const tabled: TabledAmendment = {
    id: props.id,
    parentId,
    change: props.change,
    asMoved: props.change,
    state: props.state,
    depth,
  };
  return { ...debate, amendments: [...debate.amendments, tabled] };
}

/** Where in the motion an amendment acts: [clause index, character offset], for text order. */
function textPosition(motion: MotionText, change: AmendmentChange): [number, number] {
  if (change.kind === 'substitute-motion') return [-1, 0];
  if (change.kind === 'add-clause') {
    if (change.afterClauseId === null) return [-1, 1];
    return [
      motion.clauses.findIndex((c) => c.id === change.afterClauseId),
      Number.MAX_SAFE_INTEGER,
    ];
  }
  if (!('clauseId' in change)) return [Number.MAX_SAFE_INTEGER, 0];
  const i = motion.clauses.findIndex((c) => c.id === change.clauseId);
  const clause = motion.clauses[i];
  if (!clause || !isTextEdit(change)) return [i, 0];
  if (change.kind === 'insert-words') {
    const p = change.position;
    if (p === 'start') return [i, 0];
    if (p === 'end') return [i, clause.text.length];
    return [i, wordsAt(clause.text, p.after, p.occurrence)];
  }
  const words = change.kind === 'delete-words' ? change.words : change.delete;
  return [i, wordsAt(clause.text, words, change.occurrence)];
}

function wordsAt(text: string, words: string, occurrence?: number): number {
  try {
    return locateWords(text, words, occurrence);
  } catch {
    return 0;
  }
}

/** The question before the meeting now. */
export type Question =
  | {
      readonly kind: 'amendment';
      readonly amendmentId: string;
      /** 1: an amendment; 2: an amendment to an amendment; ... */
      readonly depth: number;
      readonly change: AmendmentChange;
      /** The substantive motion if this amendment (and so its parents) were carried. */
      readonly motionIfCarried: MotionText;
    }
  | {
      readonly kind: 'motion';
      /** True once an amendment has been carried: the question is on the substantive motion. */
      readonly substantive: boolean;
      readonly motion: MotionText;
    };

function firstInOrder(
  debate: DebateState,
  candidates: TabledAmendment[],
): TabledAmendment | undefined {
  if (debate.order === 'ronr' || candidates.length < 2) return candidates[0];
  // Citrine: in the order of the text they affect; equal places in the order moved.
  const ranked = candidates.map((a, i) => ({ a, i, p: textPosition(debate.motion, a.change) }));
  ranked.sort((x, y) => x.p[0] - y.p[0] || x.p[1] - y.p[1] || x.i - y.i);
  return ranked[0]?.a;
}

/**
 * Which question is before the meeting: the amendment to be taken now (deepest first: an
 * amendment to an amendment before the amendment), or, when none is pending, the motion as
 * amended. The final question is therefore always on the substantive motion.
 */
export function nextQuestion(debate: DebateState): Question {
  let chosen = firstInOrder(debate, pendingAmendments(debate, null));
  if (!chosen) {
    return {
      kind: 'motion',
      substantive: debate.amendments.some(
        (a) => a.parentId === null && a.state.status === 'carried',
      ),
      motion: debate.motion,
    };
  }
  for (;;) {
    const child = firstInOrder(debate, pendingAmendments(debate, chosen.id));
    if (!child) break;
    chosen = child;
  }
  return {
    kind: 'amendment',
    amendmentId: chosen.id,
    depth: chosen.depth,
    change: chosen.change,
    motionIfCarried: motionIfCarried(debate, chosen),
  };
}

function motionIfCarried(debate: DebateState, a: TabledAmendment): MotionText {
  let change = a.change;
  let current: TabledAmendment = a;
  while (current.parentId !== null) {
    const parent = debate.amendments.find((x) => x.id === current.parentId)!;
    change = applyToAmendment(parent.change, change);
    current = parent;
  }
  return applyAmendment(debate.motion, change as Amendment);
}

/**
 * One step of an amendment's lifecycle in the debate (second it, put it, declare it, withdraw
 * it...). Putting it or declaring it is allowed only when it is the question before the meeting.
 * When it is carried it is incorporated: into the substantive motion, or into the amendment it
 * amends. Amendments it leaves impossible (their words are gone) and amendments to a settled
 * amendment fall.
 * @throws the refusals of motion.ts `transition`, and ILLEGAL_TRANSITION when another question
 *   must be taken first.
 */
export function amendmentEvent(
  debate: DebateState,
  amendmentId: string,
  event: MotionEvent,
  context: TransitionContext,
): DebateState {
  const target = debate.amendments.find((a) => a.id === amendmentId);
  if (!target) throw new DomainError('NOT_FOUND', 'That amendment was not found.');
  const pendingChildren = pendingAmendments(debate, target.id).length;
  if ((event.type === 'put-question' || event.type === 'declare') && pendingChildren === 0) {
    const now = nextQuestion(debate);
    if (now.kind !== 'amendment' || now.amendmentId !== target.id) {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        now.kind === 'amendment'
          ? 'Another amendment is before the meeting; it is taken first.'
          : 'That amendment is not before the meeting.',
      );
    }
  }
  const state = transition(target.state, event, { ...context, pendingAmendments: pendingChildren });
  let next: DebateState = replace(debate, { ...target, state });
  if (!isFinal(state.status)) return next;

  if (state.status === 'carried') {
    if (target.parentId === null) {
      next = { ...next, motion: applyAmendment(next.motion, target.change as Amendment) };
    } else {
      const parent = next.amendments.find((a) => a.id === target.parentId)!;
      next = replace(next, { ...parent, change: applyToAmendment(parent.change, target.change) });
    }
  }
  // Anything still pending that can no longer apply, or whose parent is settled, falls.
  return fallAway(next);
}

function replace(debate: DebateState, amendment: TabledAmendment): DebateState {
  return {
    ...debate,
    amendments: debate.amendments.map((a) => (a.id === amendment.id ? amendment : a)),
  };
}

function fallAway(debate: DebateState): DebateState {
  let current = debate;
  for (const a of debate.amendments) {
    const fresh = current.amendments.find((x) => x.id === a.id)!;
    if (!isPending(fresh)) continue;
    const parent =
      fresh.parentId === null ? null : current.amendments.find((x) => x.id === fresh.parentId);
    let stillApplies = true;
    if (parent && !isPending(parent)) stillApplies = false;
    else {
      try {
        if (parent) applyToAmendment(parent.change, fresh.change);
        else applyAmendment(current.motion, fresh.change as Amendment);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        stillApplies = false;
      }
    }
    if (!stillApplies)
      current = replace(current, { ...fresh, state: { ...fresh.state, status: 'fell' } });
  }
  return current;
}

/**
 * The motion as it stood when an amendment was moved, for reading its clause numbers out again
 * ("In clause 3, …"): the motion with the amendments to it carried before it incorporated.
 * Amendments are taken one at a time (Citrine) or one of each degree at a time (RONR §12), so
 * those moved before it were settled before it was moved.
 */
export function motionWhenMoved(debate: DebateState, amendmentId: string): MotionText {
  let motion = debate.original;
  for (const a of debate.amendments) {
    if (a.id === amendmentId) break;
    if (a.parentId === null && a.state.status === 'carried') {
      try {
        motion = applyAmendment(motion, a.change as Amendment);
      } catch {
        // Its words were changed by a later amendment: its numbers are read from the text before.
      }
    }
  }
  return motion;
}
