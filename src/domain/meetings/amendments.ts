import { DomainError, invalid } from '../errors.ts';
import type { StandingOrders } from '../organisations/standing-orders.ts';
import {
  clauseNumber,
  clauseProblems,
  clauseSentence,
  isFinal,
  motionTextProblems,
} from './motion.ts';
import type { Clause, MotionEvent, MotionState, MotionText, TransitionContext } from './motion.ts';
import { transition } from './motion.ts';

/**
 * Amendments: changes to a motion moved at the meeting, each against a named clause.
 *
 * Forms (RONR 12th ed. §12, "Amend"; Citrine, *ABC of Chairmanship*, on amendments):
 * - add: insert a new clause after clause N, or insert words into a clause;
 * - delete: a whole clause, or words of a clause;
 * - delete and insert: replace words of a clause with others;
 * - substitute: a whole clause, or the whole motion, by another.
 *
 * An amendment to an amendment (RONR: a secondary amendment, 12:11) changes the words the
 * amendment would put in (never the words it would take out: an amendment that only deletes is
 * not amendable here). The standing orders' `amendmentDepth` says how deep this may go: 0 = no
 * amendments, 1 = amendments only (Citrine: an amendment to an amendment is out of order, move
 * it when the first is settled), 2 = amendments to amendments (RONR), 3 = one more.
 *
 * Order (`amendmentOrder`):
 * - `citrine`: amendments are taken one at a time, in the order of the text they affect. A carried
 *   amendment is incorporated and the motion as amended becomes the *substantive motion*, against
 *   which later amendments are moved; when all are settled the substantive motion is put.
 * - `ronr`: the pending questions are voted in reverse order of rank: the secondary amendment,
 *   then the primary amendment (as amended), then the main motion (as amended). Only one
 *   amendment of each degree may be pending at a time (§12).
 * Either way the final question is always on the motion as amended (`nextQuestion`).
 *
 * Words are matched exactly (case and punctuation included) and only as whole words: deleting
 * "the" does not touch "there". When the words occur more than once, say which occurrence.
 * After an edit, runs of spaces become one space and no space is left before punctuation.
 */

/** Where inserted words go: at the start or end of the clause, or after some of its words. */
export type WordsPosition =
  | 'start'
  | 'end'
  | {
      readonly after: string;
      /** 1-based, when the words occur more than once. */ readonly occurrence?: number;
    };

/** A change to the words of one text: a clause, or the words an amendment would insert. */
export type TextEdit =
  | { readonly kind: 'insert-words'; readonly words: string; readonly position: WordsPosition }
  | { readonly kind: 'delete-words'; readonly words: string; readonly occurrence?: number }
  | {
      readonly kind: 'delete-and-insert';
      readonly delete: string;
      readonly insert: string;
      readonly occurrence?: number;
    };

/** An amendment to a motion, against a clause named by its id (see motion.ts Clause). */
export type Amendment =
  | (TextEdit & { readonly clauseId: string })
  /** A new clause; `afterClauseId` null puts it first. The new clause brings its own id. */
  | { readonly kind: 'add-clause'; readonly afterClauseId: string | null; readonly clause: Clause }
  | { readonly kind: 'delete-clause'; readonly clauseId: string }
  /** A new clause in place of one; the clause keeps its id. */
  | {
      readonly kind: 'substitute-clause';
      readonly clauseId: string;
      readonly clause: Omit<Clause, 'id'>;
    }
  | { readonly kind: 'substitute-motion'; readonly motion: MotionText };

/** What an amendment to an amendment is: an edit of its words, or (of a substitute motion) an amendment. */
export type AmendmentChange = Amendment | TextEdit;

// ---------------------------------------------------------------------------------------------
// Words

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Collapses spaces, drops spaces before closing punctuation and after an opening bracket. */
export function tidyWords(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ([,.;:!?)\]])/g, '$1')
    .replace(/([([]) /g, '$1')
    .trim();
}

/** Every index at which `words` occurs in `text` as whole words. */
function occurrences(text: string, words: string): number[] {
  const found: number[] = [];
  if (!words) return found;
  for (let i = text.indexOf(words); i >= 0; i = text.indexOf(words, i + 1)) {
    const before = text[i - 1];
    const after = text[i + words.length];
    const startsWord = WORD_CHAR.test(words[0]!);
    const endsWord = WORD_CHAR.test(words[words.length - 1]!);
    if (startsWord && before !== undefined && WORD_CHAR.test(before)) continue;
    if (endsWord && after !== undefined && WORD_CHAR.test(after)) continue;
    found.push(i);
  }
  return found;
}

/**
 * Where `words` are in `text`: the one occurrence, or the `occurrence`-th (1-based).
 * @throws DomainError WORDS_NOT_FOUND, WORDS_AMBIGUOUS (more than one and no occurrence given).
 */
export function locateWords(
  text: string,
  words: string,
  occurrence?: number,
  where = 'the clause',
): number {
  const target = words.trim();
  const found = occurrences(text, target);
  if (found.length === 0) {
    throw new DomainError('WORDS_NOT_FOUND', `The words “${target}” are not in ${where}.`);
  }
  if (occurrence === undefined) {
    if (found.length > 1) {
      throw new DomainError(
        'WORDS_AMBIGUOUS',
        `The words “${target}” occur ${found.length} times in ${where}; say which.`,
      );
    }
    return found[0]!;
  }
  const at = found[occurrence - 1];
  if (at === undefined) {
    throw new DomainError(
      'WORDS_NOT_FOUND',
      `The words “${target}” occur only ${found.length} time${found.length === 1 ? '' : 's'} in ${where}.`,
    );
  }
  return at;
}

/** Applies an edit to words. Pure; the result is tidied (see tidyWords). */
export function applyTextEdit(text: string, edit: TextEdit, where = 'the clause'): string {
  switch (edit.kind) {
    case 'insert-words': {
      const words = edit.words.trim();
      if (!words)
        throw invalid('Give the words to insert.', [{ path: 'words', message: 'Required.' }]);
      const p = edit.position;
      if (p === 'start') return tidyWords(`${words} ${text}`);
      if (p === 'end') return tidyWords(`${text} ${words}`);
      const at = locateWords(text, p.after, p.occurrence, where) + p.after.trim().length;
      return tidyWords(`${text.slice(0, at)} ${words} ${text.slice(at)}`);
    }
    case 'delete-words': {
      const words = edit.words.trim();
      const at = locateWords(text, words, edit.occurrence, where);
      return tidyWords(`${text.slice(0, at)} ${text.slice(at + words.length)}`);
    }
    case 'delete-and-insert': {
      const words = edit.delete.trim();
      const at = locateWords(text, words, edit.occurrence, where);
      return tidyWords(
        `${text.slice(0, at)} ${edit.insert.trim()} ${text.slice(at + words.length)}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Applying an amendment

const isTextEdit = (a: AmendmentChange): a is TextEdit | (TextEdit & { clauseId: string }) =>
  a.kind === 'insert-words' || a.kind === 'delete-words' || a.kind === 'delete-and-insert';

function clauseIndex(motion: MotionText, clauseId: string): number {
  const i = motion.clauses.findIndex((c) => c.id === clauseId);
  if (i < 0) {
    throw new DomainError(
      'WORDS_NOT_FOUND',
      'The clause this amendment is about is not in the motion.',
    );
  }
  return i;
}

/**
 * The motion as it would read if the amendment were carried: the substantive motion. Pure.
 * @throws DomainError WORDS_NOT_FOUND / WORDS_AMBIGUOUS (words or clause not there),
 *   VALIDATION_FAILED (the result would not be a motion: an empty clause, no operative clause).
 */
export function applyAmendment(motion: MotionText, amendment: Amendment): MotionText {
  const clauses = [...motion.clauses];
  let result: MotionText;
  switch (amendment.kind) {
    case 'add-clause': {
      if (clauses.some((c) => c.id === amendment.clause.id)) {
        throw invalid('The new clause needs its own id.', [
          { path: 'clause.id', message: 'Taken.' },
        ]);
      }
      const at =
        amendment.afterClauseId === null ? 0 : clauseIndex(motion, amendment.afterClauseId) + 1;
      clauses.splice(at, 0, { ...amendment.clause, text: tidyWords(amendment.clause.text) });
      result = { ...motion, clauses };
      break;
    }
    case 'delete-clause':
      clauses.splice(clauseIndex(motion, amendment.clauseId), 1);
      result = { ...motion, clauses };
      break;
    case 'substitute-clause': {
      const i = clauseIndex(motion, amendment.clauseId);
      const { kind, text, addressee } = amendment.clause;
      clauses[i] = {
        id: amendment.clauseId,
        kind,
        text: tidyWords(text),
        ...(addressee ? { addressee } : {}),
      };
      result = { ...motion, clauses };
      break;
    }
    case 'substitute-motion':
      result = amendment.motion;
      break;
    default: {
      const i = clauseIndex(motion, amendment.clauseId);
      const clause = clauses[i]!;
      const where = `clause ${i + 1}`;
      clauses[i] = { ...clause, text: applyTextEdit(clause.text, amendment, where) };
      result = { ...motion, clauses };
    }
  }
  const problems = motionTextProblems(result);
  if (problems.length > 0) {
    throw invalid('The motion as amended would not be a complete motion.', problems);
  }
  return result;
}

/** Applies carried amendments in order. With none, the motion is returned unchanged. */
export const applyAmendments = (motion: MotionText, amendments: readonly Amendment[]): MotionText =>
  amendments.reduce(applyAmendment, motion);

/**
 * The amendment as it would read if an amendment to it were carried. Only the words it would
 * put in can be amended; a substitute motion can be amended as a motion.
 * @throws DomainError NOT_AMENDABLE (an amendment that only deletes, or the wrong kind of change),
 *   WORDS_NOT_FOUND / WORDS_AMBIGUOUS.
 */
export function applyToAmendment(
  parent: AmendmentChange,
  change: AmendmentChange,
): AmendmentChange {
  if (parent.kind === 'substitute-motion') {
    if (isTextEdit(change) && !('clauseId' in change)) {
      throw new DomainError(
        'NOT_AMENDABLE',
        'Say which clause of the substitute motion this amends.',
      );
    }
    return { ...parent, motion: applyAmendment(parent.motion, change as Amendment) };
  }
  if (!isTextEdit(change) || 'clauseId' in change) {
    throw new DomainError(
      'NOT_AMENDABLE',
      'An amendment to an amendment changes the words it would insert.',
    );
  }
  const where = 'the words of the amendment';
  switch (parent.kind) {
    case 'insert-words':
      return { ...parent, words: applyTextEdit(parent.words, change, where) };
    case 'delete-and-insert':
      return { ...parent, insert: applyTextEdit(parent.insert, change, where) };
    case 'add-clause':
    case 'substitute-clause': {
      const text = applyTextEdit(parent.clause.text, change, where);
      if (!text) throw invalid('The amended clause would have no words.');
      return { ...parent, clause: { ...parent.clause, text } } as AmendmentChange;
    }
    case 'delete-words':
    case 'delete-clause':
      throw new DomainError(
        'NOT_AMENDABLE',
        'An amendment that only deletes cannot itself be amended; vote on it as it stands.',
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Describing an amendment, for the console and the minutes

const q = (words: string) => `“${words.trim()}”`;

function describeEdit(edit: TextEdit): string {
  switch (edit.kind) {
    case 'insert-words': {
      const p = edit.position;
      const where =
        p === 'start' ? 'at the start' : p === 'end' ? 'at the end' : `after ${q(p.after)}`;
      return `insert ${q(edit.words)} ${where}`;
    }
    case 'delete-words':
      return `delete ${q(edit.words)}`;
    case 'delete-and-insert':
      return `delete ${q(edit.delete)} and insert ${q(edit.insert)}`;
  }
}

/**
 * The amendment in the words a chair reads out: "In clause 3, delete “X” and insert “Y”".
 * Clause numbers are those of `motion` (the motion it is moved against); amendments to
 * amendments read "In the amendment, ...".
 */
export function describeAmendment(change: AmendmentChange, motion?: MotionText): string {
  const n = (id: string) => (motion ? (clauseNumber(motion, id) ?? '?') : '?');
  if (isTextEdit(change)) {
    const edit = describeEdit(change);
    return 'clauseId' in change
      ? `In clause ${n(change.clauseId)}, ${edit}`
      : `In the amendment, ${edit}`;
  }
  switch (change.kind) {
    case 'add-clause': {
      const where =
        change.afterClauseId === null ? 'at the start' : `after clause ${n(change.afterClauseId)}`;
      return `Add a new clause ${where}: ${q(clauseSentence(change.clause))}`;
    }
    case 'delete-clause':
      return `Delete clause ${n(change.clauseId)}`;
    case 'substitute-clause':
      return `Replace clause ${n(change.clauseId)} with: ${q(clauseSentence({ id: '', ...change.clause }))}`;
    case 'substitute-motion':
      return `Replace the whole motion with the motion ${q(change.motion.title)}`;
  }
}

/** Problems with an amendment's own fields (before it is tried against the motion). */
export function amendmentProblems(change: AmendmentChange) {
  if (change.kind === 'add-clause') return clauseProblems(change.clause, 'clause.');
  if (change.kind === 'substitute-clause')
    return clauseProblems({ id: 'x', ...change.clause }, 'clause.');
  if (change.kind === 'substitute-motion')
    return motionTextProblems(change.motion).map((p) => ({ ...p, path: `motion.${p.path}` }));
  return [];
}

// ---------------------------------------------------------------------------------------------
// The debate: which question is before the meeting

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
