import type { Clause, MotionText } from '../meetings/motion-text.ts';

/**
 * A resolution taken up by a body it reaches, as that body's own motion. What another body
 * "calls on" this one to do becomes what this body "resolves" to do: a "calls on the National
 * Coordinating Group to support this demand" clause reads, in the Group's own motion, "resolves
 * to support this demand". Clauses calling on other bodies are kept, so a body supporting a
 * demand passes it on. Clause ids are kept, so an adopted model motion can be compared clause by
 * clause with the model (clause-diff.ts).
 */
export function asOwnMotion(text: MotionText, bodyId: string): MotionText {
  return {
    title: text.title,
    clauses: text.clauses.map((c): Clause => {
      if (c.kind === 'calls-on' && c.addressee?.kind === 'body' && c.addressee.bodyId === bodyId) {
        return { id: c.id, kind: 'resolves', text: c.text };
      }
      return c;
    }),
  };
}

/**
 * Several communications composited into one motion (Citrine; conference practice): every
 * source's clauses, in the order the sources were chosen, each clause once (the same words from
 * two sources are one clause), under the title the secretary gives.
 */
export function compositeText(title: string, sources: readonly MotionText[]): MotionText {
  const seen = new Set<string>();
  const ids = new Set<string>();
  const clauses: Clause[] = [];
  sources.forEach((source, s) => {
    for (const c of source.clauses) {
      const key = `${c.kind}|${c.addressee ? JSON.stringify(c.addressee) : ''}|${c.text.trim()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // Two sources may share clause ids (one text, sent twice); ids stay unique in the motion.
      const id = ids.has(c.id) ? `${c.id}-${s + 1}` : c.id;
      ids.add(id);
      clauses.push({ ...c, id });
    }
  });
  // Preamble first, then what the motion does, as a motion is read.
  const preamble = clauses.filter((c) => c.kind === 'notes' || c.kind === 'believes');
  const operative = clauses.filter((c) => c.kind !== 'notes' && c.kind !== 'believes');
  return { title: title.trim(), clauses: [...preamble, ...operative] };
}
