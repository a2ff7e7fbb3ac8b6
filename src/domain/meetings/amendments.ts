import { DomainError, invalid } from '../errors.ts';
import {
  clauseNumber,
  clauseProblems,
  clauseSentence,
  ENGLISH_CLAUSE_VERBS,
  motionTextProblems,
  type ClauseKind,
  type Clause,
  type MotionText,
} from './motion-text.ts';

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
 * The debate, where amendments are tabled and taken in order, is debate.ts.
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

/** An amendment to a motion, against a clause named by its id (see motion-text.ts Clause). */
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

/** Whether a change edits words (of a clause, or of an amendment) rather than whole clauses. */
export const isTextEdit = (a: AmendmentChange): a is TextEdit | (TextEdit & { clauseId: string }) =>
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
//
// An amendment is read out in the reader's language (issue 15): `amendmentWording` says what it
// does as a phrase code and the figures and words it needs, and `describeAmendment` words that
// with a language's phrases (the catalogue's `amendment.<phrase>`), English by default.

/** The English of each phrase an amendment is read out in; `{clause}` is a clause's sentence. */
export const ENGLISH_AMENDMENT_PHRASES = {
  inClause: 'In clause {n}, {edit}',
  inAmendment: 'In the amendment, {edit}',
  insertAtStart: 'insert “{words}” at the start',
  insertAtEnd: 'insert “{words}” at the end',
  insertAfter: 'insert “{words}” after “{after}”',
  delete: 'delete “{words}”',
  deleteAndInsert: 'delete “{delete}” and insert “{insert}”',
  addClauseAtStart: 'Add a new clause at the start: “{clause}”',
  addClauseAfter: 'Add a new clause after clause {n}: “{clause}”',
  deleteClause: 'Delete clause {n}',
  substituteClause: 'Replace clause {n} with: “{clause}”',
  substituteMotion: 'Replace the whole motion with the motion “{title}”',
} as const;

export type AmendmentPhrase = keyof typeof ENGLISH_AMENDMENT_PHRASES;

/**
 * An amendment as data to be worded: a phrase and what fills it. A value is the mover's words or
 * a clause number (kept as given), a clause (read with the language's verbs), or another wording
 * (the edit inside "In clause 3, …").
 */
export interface AmendmentWording {
  readonly phrase: AmendmentPhrase;
  readonly vars: Readonly<Record<string, string | number | AmendmentWording | Omit<Clause, 'id'>>>;
}

/** How a language words an amendment: its phrases (filled) and its clause verbs. */
export interface AmendmentWords {
  readonly say: (
    phrase: AmendmentPhrase,
    vars: Readonly<Record<string, string | number>>,
  ) => string;
  readonly verbs: Readonly<Record<ClauseKind, string>>;
}

export const englishAmendmentWords: AmendmentWords = {
  say: (phrase, vars) =>
    ENGLISH_AMENDMENT_PHRASES[phrase].replace(/\{(\w+)\}/g, (_, name: string) =>
      String(vars[name] ?? ''),
    ),
  verbs: ENGLISH_CLAUSE_VERBS,
};

function editWording(edit: TextEdit): AmendmentWording {
  switch (edit.kind) {
    case 'insert-words': {
      const p = edit.position;
      const words = edit.words.trim();
      if (p === 'start') return { phrase: 'insertAtStart', vars: { words } };
      if (p === 'end') return { phrase: 'insertAtEnd', vars: { words } };
      return { phrase: 'insertAfter', vars: { words, after: p.after.trim() } };
    }
    case 'delete-words':
      return { phrase: 'delete', vars: { words: edit.words.trim() } };
    case 'delete-and-insert':
      return {
        phrase: 'deleteAndInsert',
        vars: { delete: edit.delete.trim(), insert: edit.insert.trim() },
      };
  }
}

/**
 * What the chair reads out, as data: "In clause 3, delete “X” and insert “Y”". Clause numbers
 * are those of `motion` (the motion it is moved against); amendments to amendments read "In the
 * amendment, ...".
 */
export function amendmentWording(change: AmendmentChange, motion?: MotionText): AmendmentWording {
  const n = (id: string) => (motion ? (clauseNumber(motion, id) ?? '?') : '?');
  if (isTextEdit(change)) {
    const edit = editWording(change);
    return 'clauseId' in change
      ? { phrase: 'inClause', vars: { n: n(change.clauseId), edit } }
      : { phrase: 'inAmendment', vars: { edit } };
  }
  switch (change.kind) {
    case 'add-clause':
      return change.afterClauseId === null
        ? { phrase: 'addClauseAtStart', vars: { clause: change.clause } }
        : { phrase: 'addClauseAfter', vars: { n: n(change.afterClauseId), clause: change.clause } };
    case 'delete-clause':
      return { phrase: 'deleteClause', vars: { n: n(change.clauseId) } };
    case 'substitute-clause':
      return { phrase: 'substituteClause', vars: { n: n(change.clauseId), clause: change.clause } };
    case 'substitute-motion':
      return { phrase: 'substituteMotion', vars: { title: change.motion.title.trim() } };
  }
}

/** A wording in a language's words (English by default). */
export function wordAmendment(
  wording: AmendmentWording,
  words: AmendmentWords = englishAmendmentWords,
): string {
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(wording.vars)) {
    if (typeof value === 'string' || typeof value === 'number') vars[name] = value;
    else if ('phrase' in value) vars[name] = wordAmendment(value, words);
    else vars[name] = clauseSentence(value, words.verbs);
  }
  return words.say(wording.phrase, vars);
}

/** The amendment in the words a chair reads out, in `words`' language (English by default). */
export function describeAmendment(
  change: AmendmentChange,
  motion?: MotionText,
  words: AmendmentWords = englishAmendmentWords,
): string {
  return wordAmendment(amendmentWording(change, motion), words);
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
