import { invalid } from '../errors.ts';
import type { FieldProblem } from '../errors.ts';

/**
 * A motion's text (DESIGN.md section 3): a title and numbered clauses, checked, read as
 * sentences, and composited.
 *
 * - Clause: one numbered paragraph. Preamble clauses ("notes", "believes") give the reasons;
 *   operative clauses ("resolves", "calls on <body>", "instructs <officer>") are what the
 *   meeting decides to do. A motion needs at least one operative clause.
 * - Substantive motion: the motion as amended by carried amendments (see amendment-text.ts).
 * The life of a motion, from draft to the declared result, is motion.ts.
 */

export const PREAMBLE_KINDS = ['notes', 'believes'] as const;
export const OPERATIVE_KINDS = ['resolves', 'calls-on', 'instructs'] as const;
export const CLAUSE_KINDS = [...PREAMBLE_KINDS, ...OPERATIVE_KINDS] as const;
export type ClauseKind = (typeof CLAUSE_KINDS)[number];

export const isOperative = (kind: ClauseKind): boolean =>
  (OPERATIVE_KINDS as readonly string[]).includes(kind);

/** A body on another server, as looked up by the motion editor (issue 19). */
export interface RemoteBodyRef {
  /** Its ActivityPub actor's id (a URL). */
  readonly actor: string;
  /** The handle (`@nec@party.example`) or URL it was named by. */
  readonly address: string;
  /** Its server's host (`party.example`). */
  readonly server: string;
}

/**
 * Whom a clause addresses.
 * - `body`: a body on this server (of this organisation or another), by id; `name` is its name
 *   as shown in the text, kept with the clause so the text reads the same if the body is renamed.
 * - `named-body`: a body elsewhere, by name; with `remote`, one on another server the editor
 *   looked up (issue 19): its actor, the handle or URL it was named by, and its server's host,
 *   so the resolution is offered to that actor when it is carried.
 * - `officer`: an officer of this body, for "instructs" ("the Secretary").
 */
export type Addressee =
  | { readonly kind: 'body'; readonly bodyId: string; readonly name: string }
  | { readonly kind: 'named-body'; readonly name: string; readonly remote?: RemoteBodyRef }
  | { readonly kind: 'officer'; readonly officer: string };

/**
 * One clause. `id` is stable for the life of the motion (amendments name clauses by id, so
 * inserting a clause does not change which clause a later amendment is about); the number
 * shown ("clause 3") is its 1-based position.
 */
export interface Clause {
  readonly id: string;
  readonly kind: ClauseKind;
  /**
   * The words after the verb and addressee: for "calls on the NEC to pass a motion", the text is
   * "to pass a motion".
   */
  readonly text: string;
  /** Required for "calls-on" (a body) and "instructs" (an officer); absent otherwise. */
  readonly addressee?: Addressee;
}

export interface MotionText {
  readonly title: string;
  readonly clauses: readonly Clause[];
}

export const MOTION_LIMITS = {
  title: 200,
  clauses: 100,
  clauseText: 5000,
  addresseeName: 200,
} as const;

/**
 * What is wrong with one clause; paths are relative to the clause (`text`, `addressee`), and
 * `clauseProblems(c, 'clauses.2.')` prefixes them.
 */
export function clauseProblems(clause: Clause, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (path: string, message: string) => problems.push({ path: prefix + path, message });
  if (!(CLAUSE_KINDS as readonly string[]).includes(clause.kind)) {
    at('kind', `Choose what the clause does: ${CLAUSE_KINDS.join(', ')}.`);
  }
  const text = clause.text.trim();
  if (!text) at('text', 'Write the words of the clause.');
  else if (text.length > MOTION_LIMITS.clauseText) {
    at('text', `A clause may be at most ${MOTION_LIMITS.clauseText} characters.`);
  }
  const a = clause.addressee;
  if (clause.kind === 'calls-on') {
    if (!a || a.kind === 'officer') at('addressee', 'Name the body this clause calls on.');
    else if (!a.name.trim()) at('addressee', 'Name the body this clause calls on.');
    else if (a.name.length > MOTION_LIMITS.addresseeName) {
      at('addressee', `A body's name may be at most ${MOTION_LIMITS.addresseeName} characters.`);
    } else if (a.kind === 'body' && !a.bodyId) {
      at('addressee', 'Choose the body this clause calls on.');
    }
  } else if (clause.kind === 'instructs') {
    if (!a || a.kind !== 'officer' || !a.officer.trim()) {
      at('addressee', 'Name the officer this clause instructs.');
    } else if (a.officer.length > MOTION_LIMITS.addresseeName) {
      at('addressee', `An officer may be at most ${MOTION_LIMITS.addresseeName} characters.`);
    }
  } else if (a) {
    at('addressee', `A "${clause.kind}" clause has no addressee.`);
  }
  return problems;
}

/**
 * What is wrong with a motion's text, with paths a form can point at (`title`, `clauses`,
 * `clauses.2.text`: 0-based indices, as in the submitted array). Empty when it may be submitted.
 */
export function motionTextProblems(motion: MotionText): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const title = motion.title.trim();
  if (!title) problems.push({ path: 'title', message: 'Give the motion a title.' });
  else if (title.length > MOTION_LIMITS.title) {
    problems.push({
      path: 'title',
      message: `A title may be at most ${MOTION_LIMITS.title} characters.`,
    });
  }
  if (motion.clauses.length > MOTION_LIMITS.clauses) {
    problems.push({
      path: 'clauses',
      message: `A motion may have at most ${MOTION_LIMITS.clauses} clauses.`,
    });
  }
  if (!motion.clauses.some((c) => isOperative(c.kind))) {
    problems.push({
      path: 'clauses',
      message:
        'A motion needs at least one operative clause ("resolves", "calls on", "instructs").',
    });
  }
  const seen = new Set<string>();
  motion.clauses.forEach((clause, i) => {
    problems.push(...clauseProblems(clause, `clauses.${i}.`));
    if (!clause.id || seen.has(clause.id)) {
      problems.push({ path: `clauses.${i}.id`, message: 'Each clause needs its own id.' });
    }
    seen.add(clause.id);
  });
  return problems;
}

/** @throws DomainError VALIDATION_FAILED listing every problem with the text. */
export function assertValidMotionText(motion: MotionText): void {
  const problems = motionTextProblems(motion);
  if (problems.length > 0) throw invalid('The motion is not complete.', problems);
}

const addresseeWords = (a: Addressee | undefined): string =>
  !a ? '' : a.kind === 'officer' ? a.officer : a.name;

/** The verb of each kind of clause, in English: the domain's own default (issue 15). */
export const ENGLISH_CLAUSE_VERBS: Readonly<Record<ClauseKind, string>> = {
  notes: 'notes',
  believes: 'believes',
  resolves: 'resolves',
  'calls-on': 'calls on',
  instructs: 'instructs',
};

/**
 * A clause as it reads: "calls on the Northfield Party NEC to pass a motion of ...". The verb is
 * Seconded's word, worded in the reader's language (`verbs`, from the catalogue's
 * `motion.kind.<kind>`); the addressee and the text are the proposer's words, kept as written.
 */
export function clauseSentence(
  clause: Omit<Clause, 'id'>,
  verbs: Readonly<Record<ClauseKind, string>> = ENGLISH_CLAUSE_VERBS,
): string {
  const verb = verbs[clause.kind];
  const addressee = addresseeWords(clause.addressee);
  return [verb, addressee, clause.text.trim()].filter(Boolean).join(' ');
}

/** The 1-based number of a clause as the text shows it, or null when the id is not there. */
export function clauseNumber(motion: MotionText, clauseId: string): number | null {
  const i = motion.clauses.findIndex((c) => c.id === clauseId);
  return i < 0 ? null : i + 1;
}

/**
 * The motion as plain text: the title, then "This meeting:" (`opening`) and the numbered clauses,
 * each with its verb from `verbs`.
 */
export function renderMotionText(
  motion: MotionText,
  words: {
    readonly opening: string;
    readonly verbs: Readonly<Record<ClauseKind, string>>;
  } = { opening: 'This meeting:', verbs: ENGLISH_CLAUSE_VERBS },
): string {
  const lines = [motion.title.trim(), '', words.opening];
  motion.clauses.forEach((c, i) => lines.push(`${i + 1}. ${clauseSentence(c, words.verbs)}`));
  return lines.join('\n');
}

/** The bodies a motion's "calls on" clauses name: where a carried resolution is delivered. */
export function addresseesOf(motion: MotionText): Addressee[] {
  return motion.clauses.flatMap((c) =>
    c.kind === 'calls-on' && c.addressee && c.addressee.kind !== 'officer' ? [c.addressee] : [],
  );
}

/**
 * The text of a composite motion (DESIGN.md section 3: "composited into another"): several
 * motions on the same subject made one, as a conference arrangements committee or compositing
 * meeting does in UK labour-movement practice. Every clause of every source is kept, preamble
 * ("notes", "believes") before operative, each part in the order of the sources; the movers
 * may then change it by amendment like any motion. `newClauseId` gives each clause a fresh id.
 * @throws DomainError VALIDATION_FAILED: fewer than two sources, or a text over the limits.
 */
export function compositeText(
  sources: readonly MotionText[],
  title: string,
  newClauseId: () => string,
): MotionText {
  if (sources.length < 2) {
    throw invalid('Composite at least two motions.', [
      { path: 'motionIds', message: 'Choose two or more motions.' },
    ]);
  }
  const clauses = sources.flatMap((s) => s.clauses);
  const text: MotionText = {
    title:
      title.trim() ||
      `Composite: ${sources.map((s) => s.title).join('; ')}`.slice(0, MOTION_LIMITS.title),
    clauses: [
      ...clauses.filter((c) => !isOperative(c.kind)),
      ...clauses.filter((c) => isOperative(c.kind)),
    ].map((c) => ({ ...c, id: newClauseId() })),
  };
  assertValidMotionText(text);
  return text;
}
