/**
 * What `seconded verify-ballot` adds for a ranked ballot's board (docs/mixnet-protocol.md
 * section 5): the recount it hands the verifier, by the published counting rules of
 * src/domain/tally (the code `seconded tally` runs, not the server's), and the report of a board
 * that holds.
 */
import { profileFromRankings } from '../domain/tally/ballots.ts';
import { countElection } from '../domain/tally/count.ts';
import type { TallyResult } from '../domain/tally/types.ts';
import type { RankedSummary, Recount } from '../verifier/ranked.ts';

/** One line per stage: what it did, every candidate's votes at its end, who was decided. */
export function stageLines(count: TallyResult): string[] {
  const name = (c: number) => count.candidates[c] ?? `candidate ${c + 1}`;
  return count.rounds.map((r) => {
    const votes = r.votes.map((v, c) => `${name(c)} ${v}`).join(', ');
    const decided = [
      ...r.elected.map((d) => `elected ${name(d.candidate)}`),
      ...r.excluded.map((d) => `excluded ${name(d.candidate)}`),
      ...r.ties.map((t) => `tie settled by ${t.method}${t.draw ? ` (draw ${t.draw})` : ''}`),
    ];
    return `Stage ${r.number}, ${r.description}: ${votes}${decided.length ? `; ${decided.join(', ')}` : ''}.`;
  });
}

/** The papers counted by the board's rule with its seed, as `seconded tally` counts a BLT file. */
export const recountByTally: Recount = (input) => {
  const profile = profileFromRankings({
    title: input.title,
    candidates: input.candidates,
    seats: input.seats,
    ballots: input.papers.map((ranking) => ({ ranking })),
  });
  const count = countElection(profile, input.rule, { seed: input.seed });
  return { winners: count.winners, stages: stageLines(count) };
};

/** The summary of a ranked board that holds, for people. */
export function describeRanked(s: RankedSummary): string {
  const out = [`Ballot ${s.ballot}: the board holds (${s.events} events, last hash ${s.head}).`];
  out.push(`Election: ${s.question} (${s.seats} of ${s.candidates.length} candidates, ${s.rule})`);
  out.push(`Ballots: ${s.ballots} of ${s.electors} electors; every ballot's proofs hold.`);
  if (s.shuffledBy.length)
    out.push(`Shuffled by trustees ${s.shuffledBy.join(', ')}: every shuffle's proof holds.`);
  if (s.decryptedBy.length)
    out.push(`Decrypted by trustees ${s.decryptedBy.join(', ')}: every decryption proof holds.`);
  if (s.elected) {
    out.push(`Recounted ${s.papers} papers by ${s.rule}, lots seeded by ${s.seed}:`);
    for (const line of s.stages ?? []) out.push(`  ${line}`);
    out.push(`Elected, in order: ${s.elected.map((c) => s.candidates[c]).join(', ')}.`);
    out.push(
      s.bltChecked
        ? 'The BLT file holds exactly these papers, with this rule and seed.'
        : 'No BLT file given (--blt): the published papers were not compared.',
    );
  } else {
    out.push(
      `No result yet: the board ends while the ballot is ${s.stage}; everything on it holds.`,
    );
  }
  const names = s.trustees.map((t) => `${t.index} ${t.name}`).join(', ');
  out.push(`Trustees: ${names} (any ${s.needed} can count).`);
  return `${out.join('\n')}\n`;
}
