/**
 * Conference benchmark (issue 20): a conference of 1,200 delegates from 600 delegations in two
 * sections and 3,000 motions and amendments, counted by the pure rules (src/domain/conference):
 *
 * - baseline: summing the 600 cards' weights in a plain loop, the floor of any count of them;
 * - grouping: the 3,000 submissions ruled and grouped by subject (arrangements.ts);
 * - priorities: the priorities ballot of the 600 delegations over the subjects (priorities.ts);
 * - card vote: the 600 cards, split, totalled by section and normalised by the 50/50 shares in
 *   exact fractions (card-vote.ts).
 *
 * Each figure is the median of many runs, in milliseconds, with its ratio to the baseline. Then
 * the pages on such a conference (bench/conference-pages.ts).
 */
import { performance } from 'node:perf_hooks';
import { groupBySubject, type Ruling } from '../src/domain/conference/arrangements.ts';
import { countCardVote } from '../src/domain/conference/card-vote.ts';
import { countPriorities } from '../src/domain/conference/priorities.ts';
import { ratio } from '../src/domain/conference/ratio.ts';
import { benchConferencePages } from './conference-pages.ts';
import { figurePrinter } from './figure.ts';

const DELEGATIONS = 600;
const MOTIONS = 3_000;
const SUBJECTS = Array.from({ length: 60 }, (_, i) => `Subject ${i + 1}`);
const SECTIONS = [
  { key: 'clp', name: 'Local parties', share: ratio(1, 2) },
  { key: 'affiliates', name: 'Affiliates', share: ratio(1, 2) },
];

function median(runs: number, fn: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function benchConference({ json, quick }: { json: boolean; quick: boolean }) {
  const print = figurePrinter(json);
  const runs = quick ? 5 : 50;
  const cards = Array.from({ length: DELEGATIONS }, (_, i) => ({
    delegationId: `d${i}`,
    section: i % 2 === 0 ? 'clp' : 'affiliates',
    weight: i % 2 === 0 ? 100 + ((i * 37) % 2_000) : 5_000 + ((i * 7919) % 400_000),
  }));
  const casts = cards.map((c, i) => {
    const against = Math.floor((c.weight * ((i * 13) % 100)) / 100);
    return { delegationId: c.delegationId, for: c.weight - against, against, abstain: 0 };
  });
  const submissions = Array.from({ length: MOTIONS }, (_, i) => ({
    id: `m${i}`,
    subject: SUBJECTS[(i * 7) % SUBJECTS.length]!,
    ruling: (i % 17 === 0 ? { kind: 'out', reason: 'Not contemporary' } : { kind: 'in' }) as Ruling,
  }));
  const papers = cards.map((c, i) => ({
    delegationId: c.delegationId,
    section: c.section,
    subjects: [SUBJECTS[(i * i) % SUBJECTS.length]!],
  }));

  let total = 0;
  const baseline = median(runs, () => {
    total = 0;
    for (const c of cards) total += c.weight;
  });
  const figures: [string, string, () => unknown][] = [
    [
      'conference.grouping',
      `${MOTIONS} submissions grouped by subject`,
      () => groupBySubject(submissions),
    ],
    [
      'conference.priorities',
      `priorities ballot of ${DELEGATIONS} delegations over ${SUBJECTS.length} subjects`,
      () =>
        countPriorities({
          sections: ['clp', 'affiliates'],
          subjects: SUBJECTS,
          papers,
          perSection: 4,
          choicesPerPaper: 1,
        }),
    ],
    [
      'conference.card-vote',
      `card vote of ${DELEGATIONS} split cards normalised 50/50 exactly`,
      () => countCardVote({ sections: SECTIONS, cards, casts, threshold: 'two-thirds' }),
    ],
  ];
  print(
    { bench: 'conference.baseline', value: baseline, unit: 'ms', baseline: null, ratio: null },
    `conference: baseline (sum of ${DELEGATIONS} card weights, ${total}) ${baseline.toFixed(4)} ms`,
  );
  for (const [bench, what, fn] of figures) {
    const value = median(runs, fn);
    print(
      { bench, value, unit: 'ms', baseline, ratio: baseline > 0 ? value / baseline : null },
      `conference: ${what}: ${value.toFixed(3)} ms (median of ${runs})`,
    );
  }
  return benchConferencePages({ json, quick });
}
