import { describe, expect, it } from 'vitest';
import { profileFromRankings } from './ballots.ts';
import { countErs97Stv } from './ers97-stv.ts';

const [A, B, C, D, E, F] = [0, 1, 2, 3, 4, 5];
const profile = profileFromRankings({
  candidates: ['A', 'B', 'C', 'D', 'E', 'F'],
  seats: 3,
  ballots: [
    { weight: 12, ranking: [A] },
    { weight: 5, ranking: [B, C] },
    { weight: 4, ranking: [D, B, E] },
    { weight: 6, ranking: [C] },
    { weight: 5, ranking: [E] },
    { weight: 1, ranking: [F, D, B, E] },
  ],
});

describe('ERS97 STV', () => {
  const r = countErs97Stv(profile);

  it('takes the quota to two decimals, rounded up (5.1.6)', () => {
    expect(r.quota).toBe('8.25');
    const q = countErs97Stv(
      profileFromRankings({
        candidates: ['A', 'B'],
        seats: 2,
        ballots: [{ weight: 17, ranking: [0, 1] }],
      }),
    );
    expect(q.quota).toBe('5.67');
  });

  it('excludes the lowest together when they cannot overtake the next (5.2.5)', () => {
    expect(r.rounds[2]).toMatchObject({ kind: 'exclusion', from: [F, D] });
    expect(r.rounds[2]!.excluded.map((d) => d.code)).toEqual([
      'LOWEST_VOTES_BULK',
      'LOWEST_VOTES_BULK',
    ]);
  });

  it('transfers a later surplus from the last batch received only (5.3.2)', () => {
    // B reached 10 with the 5 papers from D and F; only those move on, at 1.75 / 5 = 0.35
    expect(r.rounds[3]).toMatchObject({
      kind: 'surplus',
      from: [B],
      surplus: '1.75',
      transferValue: '0.35',
    });
    expect(r.rounds[3]!.votes[E]).toBe('6.75');
    expect(r.rounds[3]!.votes[C]).toBe('6.00');
    expect(r.winners).toEqual([A, B, E]);
  });

  it('keeps every vote accounted for', () => {
    for (const s of r.rounds) {
      const sum = [...s.votes, s.exhausted, s.residue].reduce(
        (t, v) => t + Math.round(Number(v) * 100),
        0,
      );
      expect(sum).toBe(r.ballots * 100);
    }
  });
});
