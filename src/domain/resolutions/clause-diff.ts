import { clauseSentence, type Clause, type MotionText } from '../meetings/motion-text.ts';

/**
 * The difference between a model motion and a branch's adoption of it, clause by clause: which
 * clauses the branch kept as they were, changed, added or left out, in the order of the branch's
 * text (a clause left out is shown where it stood in the model).
 *
 * Clauses are compared by what they say (their sentence, clauseSentence). The kept clauses are a
 * longest common subsequence of the two texts; between two kept clauses, a model clause and a
 * branch clause with the same id (an adoption keeps the model's clause ids) are one clause
 * changed, and the rest are paired in order when of the same kind; whatever is left is added or
 * left out. For a changed clause the words are compared too (wordDiff).
 */

export type ClauseChange =
  | { readonly change: 'same'; readonly model: Clause; readonly branch: Clause }
  | {
      readonly change: 'changed';
      readonly model: Clause;
      readonly branch: Clause;
      readonly words: readonly WordChange[];
    }
  | { readonly change: 'added'; readonly branch: Clause }
  | { readonly change: 'removed'; readonly model: Clause };

export interface WordChange {
  readonly change: 'same' | 'added' | 'removed';
  readonly text: string;
}

/** Longest common subsequence of a and b under `eq`, as pairs of indices, in order. */
function lcs<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = eq(a[i]!, b[j]!)
        ? table[i + 1]![j + 1]! + 1
        : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m;) {
    if (eq(a[i]!, b[j]!)) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** The words of two sentences compared: what stayed, what was taken out, what was put in. */
export function wordDiff(from: string, to: string): WordChange[] {
  const a = from.split(/\s+/).filter(Boolean);
  const b = to.split(/\s+/).filter(Boolean);
  const pairs = lcs(a, b, (x, y) => x === y);
  const out: WordChange[] = [];
  const push = (change: WordChange['change'], words: string[]) => {
    if (!words.length) return;
    const last = out[out.length - 1];
    if (last && last.change === change)
      out[out.length - 1] = { change, text: `${last.text} ${words.join(' ')}` };
    else out.push({ change, text: words.join(' ') });
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [a.length, b.length] as [number, number]]) {
    push('removed', a.slice(i, pi));
    push('added', b.slice(j, pj));
    if (pi < a.length) push('same', [a[pi]!]);
    i = pi + 1;
    j = pj + 1;
  }
  return out;
}

/** Model and branch texts compared clause by clause, in the branch's order. */
export function clauseDiff(model: MotionText, branch: MotionText): ClauseChange[] {
  const said = (c: Clause) => clauseSentence(c).trim();
  const pairs = lcs(model.clauses, branch.clauses, (x, y) => said(x) === said(y));
  const out: ClauseChange[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [
    ...pairs,
    [model.clauses.length, branch.clauses.length] as [number, number],
  ]) {
    const removed = model.clauses.slice(i, pi);
    const added = branch.clauses.slice(j, pj);
    // Pair a changed clause by its id first, then by kind in order.
    const partner = new Map<Clause, Clause>();
    for (const b of added) {
      const m = removed.find((r) => r.id === b.id && ![...partner.values()].includes(r));
      if (m) partner.set(b, m);
    }
    for (const b of added) {
      if (partner.has(b)) continue;
      const m = removed.find((r) => r.kind === b.kind && ![...partner.values()].includes(r));
      if (m) partner.set(b, m);
    }
    const paired = new Set(partner.values());
    // Clauses left out come where they stood: before the branch clauses of this gap.
    for (const r of removed) if (!paired.has(r)) out.push({ change: 'removed', model: r });
    for (const b of added) {
      const m = partner.get(b);
      out.push(
        m
          ? { change: 'changed', model: m, branch: b, words: wordDiff(said(m), said(b)) }
          : { change: 'added', branch: b },
      );
    }
    if (pi < model.clauses.length) {
      out.push({ change: 'same', model: model.clauses[pi]!, branch: branch.clauses[pj]! });
    }
    i = pi + 1;
    j = pj + 1;
  }
  return out;
}

/** Whether the branch's text differs from the model in any clause (or in its title). */
export const differsFromModel = (model: MotionText, branch: MotionText): boolean =>
  model.title.trim() !== branch.title.trim() ||
  clauseDiff(model, branch).some((c) => c.change !== 'same');
