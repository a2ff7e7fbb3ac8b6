import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profileFromRankings } from './ballots.ts';
import { countSchulze } from './schulze.ts';
import { smallElection, toProfile } from './__golden__/arbitraries.ts';

describe('Schulze', () => {
  it("elects E in Schulze's own example (2011, §3.1: 45 voters, 5 candidates)", () => {
    const [A, B, C, D, E] = [0, 1, 2, 3, 4];
    const profile = profileFromRankings({
      candidates: ['A', 'B', 'C', 'D', 'E'],
      seats: 1,
      ballots: [
        { weight: 5, ranking: [A, C, B, E, D] },
        { weight: 5, ranking: [A, D, E, C, B] },
        { weight: 8, ranking: [B, E, D, A, C] },
        { weight: 3, ranking: [C, A, B, E, D] },
        { weight: 7, ranking: [C, A, E, B, D] },
        { weight: 2, ranking: [C, B, A, D, E] },
        { weight: 7, ranking: [D, C, E, B, A] },
        { weight: 8, ranking: [E, B, A, D, C] },
      ],
    });
    const r = countSchulze(profile, { seats: 5 });
    expect(r.winners).toEqual([E, A, C, B, D]); // the paper's ranking E > A > C > B > D
    const paths = r.rounds[0]!.extra!['strongestPaths'] as number[][];
    expect(paths).toEqual([
      [0, 28, 28, 30, 24],
      [25, 0, 28, 33, 24],
      [25, 29, 0, 29, 24],
      [25, 28, 28, 0, 24],
      [25, 28, 28, 31, 0],
    ]);
  });

  it('accepts equal rankings and counts unranked candidates as ranked last', () => {
    const profile = profileFromRankings({
      candidates: ['A', 'B', 'C'],
      seats: 1,
      ballots: [
        { weight: 3, ranking: [[0, 1]] },
        { weight: 2, ranking: [1] },
        { weight: 1, ranking: [2, 0] },
      ],
    });
    const d = countSchulze(profile).rounds[0]!.extra!['pairwise'] as number[][];
    expect(d[0]).toEqual([0, 1, 3]);
    expect(d[1]).toEqual([2, 0, 5]);
    expect(countSchulze(profile).winners).toEqual([1]);
  });

  it('settles a perfect tie by the tie-breaking ranking, reproducibly', () => {
    const profile = profileFromRankings({
      candidates: ['A', 'B'],
      seats: 1,
      ballots: [{ ranking: [0, 1] }, { ranking: [1, 0] }],
    });
    const a = countSchulze(profile, { seed: 'x' });
    expect(a).toEqual(countSchulze(profile, { seed: 'x' }));
    expect(a.ties[0]).toMatchObject({ among: [0, 1], purpose: 'election' });
  });

  it('a Condorcet winner always wins', () => {
    fc.assert(
      fc.property(smallElection({ seats: 1 }), (e) => {
        const p = toProfile(e);
        const r = countSchulze(p);
        const d = r.rounds[0]!.extra!['pairwise'] as number[][];
        const n = e.candidates;
        const condorcet = [...Array(n).keys()].find((a) =>
          [...Array(n).keys()].every((b) => a === b || d[a]![b]! > d[b]![a]!),
        );
        fc.pre(condorcet !== undefined);
        expect(r.winners).toEqual([condorcet]);
      }),
      { numRuns: 300 },
    );
  });
});
