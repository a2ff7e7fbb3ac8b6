import { expect } from 'vitest';
import type { Clause, ClauseKind, MotionText } from '../src/domain/meetings/motion-text.ts';
import type { Amendment, WordsPosition } from '../src/domain/meetings/amendments.ts';

/** A clause without an addressee, as the domain tests write it: its id, kind and words. */
export type PlainClause = readonly [id: string, kind: ClauseKind, text: string];

const isPlain = (clause: PlainClause | Clause): clause is PlainClause => Array.isArray(clause);

/** A motion text from its clauses, those without an addressee written as [id, kind, text]. */
export const motionText = (
  title: string,
  clauses: readonly (PlainClause | Clause)[],
): MotionText => ({
  title,
  clauses: clauses.map((c) => (isPlain(c) ? { id: c[0], kind: c[1], text: c[2] } : c)),
});

/** A "calls on" clause addressed to a body: `bodyId` where it is on this server, and its name. */
export const callsOnBody = (
  id: string,
  body: { bodyId: string; name: string },
  text: string,
): Clause => ({ id, kind: 'calls-on', text, addressee: { kind: 'body', ...body } });

/**
 * Checks a composite motion's text: its title, its clauses' words in this order, and an id of
 * its own for every clause (amendments name clauses by id).
 */
export function expectComposite(composite: MotionText, title: string, texts: readonly string[]) {
  expect(composite.title).toBe(title);
  expect(composite.clauses.map((c) => c.text)).toEqual(texts);
  expect(new Set(composite.clauses.map((c) => c.id)).size).toBe(texts.length);
}

/**
 * Amendments to one clause, named as the chair reads them out: `inClause('c3').replace('public',
 * 'open')` is "in clause 3, delete “public” and insert “open”".
 */
export const inClause = (clauseId: string) => ({
  insert: (words: string, position: WordsPosition): Amendment => ({
    kind: 'insert-words',
    clauseId,
    words,
    position,
  }),
  delete: (words: string): Amendment => ({ kind: 'delete-words', clauseId, words }),
  replace: (words: string, insert: string): Amendment => ({
    kind: 'delete-and-insert',
    clauseId,
    delete: words,
    insert,
  }),
});
