/** Properties every count must have, checked on many generated elections (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countErs97Stv } from './ers97-stv.ts';
import { countIrv } from './irv.ts';
import { countMeekStv } from './meek-stv.ts';
import { countScottishStv } from './scottish-stv.ts';
import { smallElection, toProfile } from './__golden__/arbitraries.ts';
import type { TallyResult } from './types.ts';

/** A decimal string at the result's precision as integer units. */
const units = (s: string) => BigInt(s.replace('.', ''));

/** Σ votes + non-transferable + residue = valid papers, at every stage, exactly. */
function conserved(r: TallyResult): boolean {
  const scale = 10n ** BigInt(r.precision);
  return r.rounds.every((s) => {
    const total =
      s.votes.reduce((t, v) => t + units(v), 0n) + units(s.exhausted) + units(s.residue);
    return total === BigInt(r.ballots) * scale;
  });
}

describe('properties', () => {
  it('with one seat, Scottish and Meek STV elect the IRV winner (when nothing was tied)', () => {
    fc.assert(
      fc.property(smallElection({ seats: 1 }), (e) => {
        const p = toProfile(e);
        const irv = countIrv(p);
        const scot = countScottishStv(p);
        const meek = countMeekStv(p);
        const ers = countErs97Stv(p);
        fc.pre([irv, scot, meek, ers].every((r) => r.ties.length === 0));
        expect(scot.winners).toEqual(irv.winners);
        expect(meek.winners).toEqual(irv.winners);
        expect(ers.winners).toEqual(irv.winners);
      }),
      { numRuns: 300 },
    );
  });

  it('votes + non-transferable + residue = valid papers at every stage', () => {
    fc.assert(
      fc.property(smallElection(), (e) => {
        const p = toProfile(e);
        for (const r of [countScottishStv(p), countIrv(p), countMeekStv(p), countErs97Stv(p)])
          expect(conserved(r)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('the order of the ballot papers does not change the result', () => {
    fc.assert(
      fc.property(
        smallElection().chain((e) =>
          fc.tuple(
            fc.constant(e),
            fc.shuffledSubarray([...e.ballots.keys()], { minLength: e.ballots.length }),
          ),
        ),
        ([e, order]) => {
          const a = toProfile(e);
          const b = toProfile(e, order);
          expect(countScottishStv(b)).toEqual(countScottishStv(a));
          expect(countMeekStv(b)).toEqual(countMeekStv(a));
          expect(countIrv(b)).toEqual(countIrv(a));
          expect(countErs97Stv(b)).toEqual(countErs97Stv(a));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('every seat is filled when there are enough candidates', () => {
    fc.assert(
      fc.property(smallElection(), (e) => {
        const p = toProfile(e);
        expect(countScottishStv(p).winners).toHaveLength(e.seats);
        expect(countMeekStv(p).winners).toHaveLength(e.seats);
        expect(countErs97Stv(p).winners).toHaveLength(e.seats);
      }),
      { numRuns: 200 },
    );
  });
});
