/** Small worked examples for the single-stage rules and IRV, and refusals. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { countApproval } from './approval.ts';
import { profileFromRankings } from './ballots.ts';
import { countBlockVote } from './block-vote.ts';
import { countElection } from './count.ts';
import { countFptp } from './fptp.ts';
import { countIrv } from './irv.ts';
import { countMeekStv } from './meek-stv.ts';
import { countScottishStv } from './scottish-stv.ts';

const names = ['Ada', 'Ben', 'Cal', 'Dee'];
// 9 papers: Ada leads on first preferences, Cal wins after Dee and Ben are excluded
const profile = profileFromRankings({
  candidates: names,
  seats: 1,
  ballots: [
    { weight: 4, ranking: [0, 1] },
    { weight: 3, ranking: [2, 3] },
    { weight: 1, ranking: [3, 2] },
    { weight: 1, ranking: [1, 2] },
  ],
});

describe('IRV', () => {
  it('excludes the lowest until someone has more than half the continuing votes', () => {
    const r = countIrv(profile, { tieOrder: [3, 1, 0, 2] });
    expect(r.rounds.map((s) => s.votes)).toEqual([
      ['4', '1', '3', '1'],
      ['4', '1', '4', '0'],
      ['4', '0', '5', '0'],
    ]);
    // Ben and Dee tie on 1 at stage 1; no earlier stage, so the order fixed in advance decides
    expect(r.rounds[1]!.ties[0]).toMatchObject({ method: 'order', chosen: 3, among: [1, 3] });
    expect(r.winners.map((c) => names[c])).toEqual(['Cal']);
    expect(r.rounds[2]!.elected[0]!.code).toBe('MAJORITY');
  });

  it('repeats the same lot with the same seed, and records it', () => {
    const a = countIrv(profile, { seed: 'abc' });
    const b = countIrv(profile, { seed: 'abc' });
    expect(a).toEqual(b);
    expect(a.seed).toBe('abc');
    expect(a.ties[0]).toMatchObject({ method: 'lot', draw: 1 });
  });

  it('refuses several seats', () => {
    expect(() => countIrv(profile, { seats: 2 })).toThrow(DomainError);
  });
});

describe('single-stage rules', () => {
  it('first past the post elects the most first preferences', () => {
    const r = countFptp(profile);
    expect(r.winners).toEqual([0]);
    expect(r.rounds[0]!.votes).toEqual(['4', '1', '3', '1']);
  });

  it('block vote gives a vote to each of the first S preferences', () => {
    const r = countBlockVote(profile, { seats: 2 });
    expect(r.rounds[0]!.votes).toEqual(['4', '5', '5', '4']);
    expect(r.winners).toEqual([1, 2]);
    expect(r.ties).toHaveLength(0);
  });

  it('approval counts every ranked candidate', () => {
    const r = countApproval(profile, { seats: 1 });
    expect(r.rounds[0]!.votes).toEqual(['4', '5', '5', '4']);
    expect(r.ties[0]!.among).toEqual([1, 2]);
  });
});

describe('refusals', () => {
  const equal = profileFromRankings({
    candidates: names,
    seats: 2,
    ballots: [{ ranking: [[0, 1], 2] }],
  });
  for (const method of ['scottish-stv', 'meek-stv', 'irv', 'fptp']) {
    it(`${method} refuses equal rankings with UNSUPPORTED_METHOD_OPTION`, () => {
      expect(() => countElection(equal, method)).toThrow(
        expect.objectContaining({ code: 'UNSUPPORTED_METHOD_OPTION' }),
      );
    });
  }
  it('refuses reserved seats for a rule that does not offer them', () => {
    const reserved = [{ group: 'women', candidates: [0], seats: 1 }];
    expect(() => countElection(profile, 'meek-stv', { reserved })).toThrow(/scottish-stv only/);
    expect(countElection(profile, 'scottish-stv', { reserved }).winners).toContain(0);
  });
  it('refuses an unknown method', () => {
    expect(() => countElection(profile, 'borda')).toThrow(/unknown counting method "borda"/);
  });
});

describe('STV basics', () => {
  it('Scottish STV elects by quota and fills the last vacancy', () => {
    const r = countScottishStv({ ...profile, seats: 2 });
    expect(r.quota).toBe('4.00000');
    expect(r.winners.map((c) => names[c])).toEqual(['Ada', 'Cal']);
  });
  it('Meek keeps converging keep factors in its rounds', () => {
    const r = countMeekStv({ ...profile, seats: 2 });
    expect(r.winners.map((c) => names[c]).sort()).toEqual(['Ada', 'Cal']);
    expect(r.rounds.at(-1)!.extra).toHaveProperty('keepFactors');
  });
});
