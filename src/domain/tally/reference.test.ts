/**
 * Golden tests: every reference report of the Droop package in
 * examples/elections/reference/results is reproduced action by action: every action,
 * every candidate's state and votes after it, and every total line.
 */
import { describe, expect, it } from 'vitest';
import { readBlt } from './blt.ts';
import { countScottishStv } from './scottish-stv.ts';
import { countMeekStv } from './meek-stv.ts';
import {
  compareActions,
  type DroopAction,
  meekAsDroop,
  parseDroopReport,
  scottishAsDroop,
} from './__golden__/droop-report.ts';
import { referenceBallots, referenceResults } from './__golden__/data.ts';
import type { BallotProfile, TallyResult } from './types.ts';

/** SCwopt is SCw with the withdrawal given as a [withdrawn 4] option; SCw.blt has it as "-4". */
const ballotFileFor = (name: string) => (name === 'SCwopt' ? 'SCw' : name);

/** Droop settles a tie that survives the rule by the tie order: file order unless [tie] says. */
const droopTieOrder = (p: BallotProfile) => p.tieOrder ?? p.candidates.map((_, i) => i);

const reports = [...referenceResults.entries()];

/**
 * One golden test per reference report of a method (the reports whose names end in `suffix`):
 * counted with `count`, the quota, the number of ballots and every action match the report.
 */
function reproducesReports(method: {
  suffix: string;
  atLeast: number;
  unit: 'stage' | 'round';
  count: (
    profile: BallotProfile,
    opts: { tieOrder: ReturnType<typeof droopTieOrder> },
  ) => TallyResult;
  asDroop: (result: TallyResult) => DroopAction[];
}) {
  const mine = reports.filter(([f]) => f.endsWith(method.suffix));
  it('has reports to check', () => expect(mine.length).toBeGreaterThanOrEqual(method.atLeast));
  for (const [file, text] of mine) {
    const name = file.replace(method.suffix, '');
    it(`${name}: every ${method.unit}`, () => {
      const blt = referenceBallots.get(`${ballotFileFor(name)}.blt`);
      expect(blt, `ballots for ${name}`).toBeDefined();
      const profile = readBlt(blt!);
      const result = method.count(profile, { tieOrder: droopTieOrder(profile) });
      const report = parseDroopReport(text);
      expect(report.header['Quota']).toBe(result.quota);
      expect(Number(report.header['Ballots'])).toBe(result.ballots); // void (empty) papers left out
      expect(compareActions(report.actions, method.asDroop(result))).toEqual([]);
    });
  }
}

describe('Scottish STV reproduces the Droop reference reports', () => {
  reproducesReports({
    suffix: '-scotland-fixed-p5-d5.txt',
    atLeast: 11,
    unit: 'stage',
    count: countScottishStv,
    asDroop: scottishAsDroop,
  });
});

describe('Meek STV reproduces the Droop reference reports (PRF reference rule)', () => {
  reproducesReports({
    suffix: '-meek-prf-o6-fixed-p9-d9.txt',
    atLeast: 9,
    unit: 'round',
    count: countMeekStv,
    asDroop: meekAsDroop,
  });
});
