import { DomainError, invalid } from '../errors.ts';

/**
 * The priorities ballot: which subjects conference debates.
 *
 * Labour Party Rule Book (2024), Chapter 3, Clause III.3: the contemporary motions in order are
 * grouped by subject, and a priorities ballot held in two sections (CLPs; affiliates) chooses the
 * subjects to be timetabled: the top four in each section. Each delegation has one ballot paper
 * in its own section (one vote per delegation, whatever its size); the totals are published.
 *
 * Counting: each delegation's paper gives one vote to each subject it names (at most
 * `choicesPerPaper`, no subject twice). In each section the subjects are ranked by votes, most
 * first; the top `perSection` go to debate. A tie at the cut is settled by the order in which
 * the committee listed the subjects (its report's order), and reported as such so the committee
 * can re-ballot if its standing orders say so. A subject chosen by several sections is debated
 * once.
 */
export interface PrioritiesPaper {
  readonly delegationId: string;
  readonly section: string;
  readonly subjects: readonly string[];
}

export interface SectionPriorities {
  readonly section: string;
  /** Every subject with its votes, most first (ties in listing order). */
  readonly totals: readonly { readonly subject: string; readonly votes: number }[];
  readonly chosen: readonly string[];
  /** True when the last subject chosen tied with the first left out. */
  readonly tieAtCut: boolean;
  readonly papers: number;
}

export interface PrioritiesResult {
  readonly sections: readonly SectionPriorities[];
  /** The subjects to be debated: chosen in any section, in listing order. */
  readonly debated: readonly string[];
}

/** Checks one paper against the subjects listed and the number of choices. */
export function assertPaper(paper: PrioritiesPaper, subjects: readonly string[], choices: number) {
  const unique = new Set(paper.subjects);
  if (unique.size !== paper.subjects.length)
    throw invalid('A subject is named twice on the paper.', [{ path: 'subjects', message: '' }]);
  if (paper.subjects.length === 0 || paper.subjects.length > choices)
    throw new DomainError(
      'TOO_MANY_VOTES',
      `Choose from 1 to ${choices} subjects.`,
      [{ path: 'subjects', message: `At most ${choices}.` }],
      { entered: paper.subjects.length, present: choices },
    );
  for (const s of paper.subjects)
    if (!subjects.includes(s)) throw invalid(`“${s}” is not a subject on the ballot.`);
}

export function countPriorities(input: {
  readonly sections: readonly string[];
  /** The subjects in the committee's listing order. */
  readonly subjects: readonly string[];
  readonly papers: readonly PrioritiesPaper[];
  readonly perSection: number;
  readonly choicesPerPaper: number;
}): PrioritiesResult {
  const order = new Map(input.subjects.map((s, i) => [s, i]));
  const tallies = new Map(input.sections.map((s) => [s, new Map<string, number>()]));
  const counted = new Map(input.sections.map((s) => [s, 0]));
  const voted = new Set<string>();
  for (const paper of input.papers) {
    // One vote per delegation (Labour Rule Book Chapter 3, Clause III.3).
    if (voted.has(paper.delegationId))
      throw new DomainError('ALREADY_VOTED', 'A delegation has one priorities ballot paper.');
    voted.add(paper.delegationId);
    const tally = tallies.get(paper.section);
    if (!tally) throw invalid(`There is no section “${paper.section}”.`);
    assertPaper(paper, input.subjects, input.choicesPerPaper);
    counted.set(paper.section, counted.get(paper.section)! + 1);
    for (const s of paper.subjects) tally.set(s, (tally.get(s) ?? 0) + 1);
  }
  const sections = input.sections.map((section): SectionPriorities => {
    const tally = tallies.get(section)!;
    const totals = input.subjects
      .map((subject) => ({ subject, votes: tally.get(subject) ?? 0 }))
      .sort((a, b) => b.votes - a.votes || order.get(a.subject)! - order.get(b.subject)!);
    const chosen = totals
      .slice(0, input.perSection)
      .filter((t) => t.votes > 0)
      .map((t) => t.subject);
    const last = totals[chosen.length - 1];
    const next = totals[chosen.length];
    const tieAtCut = !!last && !!next && next.votes > 0 && last.votes === next.votes;
    return { section, totals, chosen, tieAtCut, papers: counted.get(section)! };
  });
  const debatedSet = new Set(sections.flatMap((s) => s.chosen));
  return { sections, debated: input.subjects.filter((s) => debatedSet.has(s)) };
}
