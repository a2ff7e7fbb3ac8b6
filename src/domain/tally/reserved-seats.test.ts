import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { profileFromRankings } from './ballots.ts';
import { countScottishStv } from './scottish-stv.ts';

// Five seats; at least two to women. Men M1-M5 poll strongly, women W1, W2 weakly.
const names = ['M1', 'M2', 'M3', 'M4', 'M5', 'W1', 'W2'];
const [M1, M2, M3, M4, M5, W1, W2] = [0, 1, 2, 3, 4, 5, 6];
const profile = profileFromRankings({
  candidates: names,
  seats: 5,
  ballots: [
    { weight: 30, ranking: [M1, M2] },
    { weight: 25, ranking: [M2, M1] },
    { weight: 20, ranking: [M3, M4] },
    { weight: 18, ranking: [M4, M3] },
    { weight: 16, ranking: [M5, W1] },
    { weight: 8, ranking: [W1, W2] },
    { weight: 6, ranking: [W2, M5] },
  ],
});
const women = { group: 'women', candidates: [W1, W2], seats: 2 };

describe('reserved seats', () => {
  it('without a reservation the men take every seat', () => {
    const r = countScottishStv(profile);
    expect([...r.winners].sort()).toEqual([M1, M2, M3, M4, M5]);
  });

  it('at least 2 of 5 to women: two women are elected', () => {
    const r = countScottishStv(profile, { reserved: [women] });
    const elected = r.winners.map((c) => names[c]!);
    expect(elected.filter((n) => n.startsWith('W'))).toHaveLength(2);
    expect(elected).toHaveLength(5);
  });

  it('once the seats left equal the places reserved, the others still in the count are excluded', () => {
    const small = profileFromRankings({
      candidates: ['M1', 'M2', 'M3', 'W1'],
      seats: 3,
      ballots: [
        { weight: 30, ranking: [0] },
        { weight: 25, ranking: [1] },
        { weight: 20, ranking: [2, 3] },
        { weight: 5, ranking: [3] },
      ],
    });
    const r = countScottishStv(small, {
      reserved: [{ group: 'women', candidates: [3], seats: 1 }],
    });
    expect(r.winners).toEqual([0, 1, 3]);
    const stage = r.rounds.find((s) => s.excluded.some((d) => d.code === 'RESERVED_SEATS'))!;
    expect(stage.description).toBe('Exclusion of M3 (reserved seats)');
    expect(stage.excluded[0]!.reason).toBe('the 1 seat(s) left are reserved for women');
  });

  it('does not exclude a woman as lowest while women are needed for the reserved places', () => {
    const r = countScottishStv(profile, { reserved: [women] });
    expect(
      r.rounds
        .flatMap((s) => s.excluded)
        .filter((d) => d.candidate === W2 && d.code === 'LOWEST_VOTE'),
    ).toEqual([]);
  });

  it('refuses more reserved seats than seats', () => {
    expect(() => countScottishStv(profile, { reserved: [{ ...women, seats: 6 }] })).toThrow(
      DomainError,
    );
  });
});
