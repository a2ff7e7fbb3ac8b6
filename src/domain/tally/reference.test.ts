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
  meekAsDroop,
  parseDroopReport,
  scottishAsDroop,
} from './__golden__/droop-report.ts';
import { referenceBallots, referenceResults } from './__golden__/data.ts';
import type { BallotProfile } from './types.ts';

/** SCwopt is SCw with the withdrawal given as a [withdrawn 4] option; SCw.blt has it as "-4". */
const ballotFileFor = (name: string) => (name === 'SCwopt' ? 'SCw' : name);

/** Droop settles a tie that survives the rule by the tie order: file order unless [tie] says. */
const droopTieOrder = (p: BallotProfile) => p.tieOrder ?? p.candidates.map((_, i) => i);

const reports = [...referenceResults.entries()];

describe('Scottish STV reproduces the Droop reference reports', () => {
  const scottish = reports.filter(([f]) => f.endsWith('-scotland-fixed-p5-d5.txt'));
  it('has reports to check', () => expect(scottish.length).toBeGreaterThanOrEqual(11));
  for (const [file, text] of scottish) {
    const name = file.replace('-scotland-fixed-p5-d5.txt', '');
    it(`${name}: every stage`, () => {
      const blt = referenceBallots.get(`${ballotFileFor(name)}.blt`);
      expect(blt, `ballots for ${name}`).toBeDefined();
      const profile = readBlt(blt!);
      const result = countScottishStv(profile, { tieOrder: droopTieOrder(profile) });
      const report = parseDroopReport(text);
      expect(report.header['Quota']).toBe(result.quota);
      expect(Number(report.header['Ballots'])).toBe(result.ballots); // void (empty) papers left out

      expect(compareActions(report.actions, scottishAsDroop(result))).toEqual([]);
    });
  }
});

describe('Meek STV reproduces the Droop reference reports (PRF reference rule)', () => {
  const meek = reports.filter(([f]) => f.endsWith('-meek-prf-o6-fixed-p9-d9.txt'));
  it('has reports to check', () => expect(meek.length).toBeGreaterThanOrEqual(9));
  for (const [file, text] of meek) {
    const name = file.replace('-meek-prf-o6-fixed-p9-d9.txt', '');
    it(`${name}: every round`, () => {
      const profile = readBlt(referenceBallots.get(`${ballotFileFor(name)}.blt`)!);
      const result = countMeekStv(profile, { tieOrder: droopTieOrder(profile) });
      const report = parseDroopReport(text);
      expect(report.header['Quota']).toBe(result.quota);
      expect(Number(report.header['Ballots'])).toBe(result.ballots);
      expect(compareActions(report.actions, meekAsDroop(result))).toEqual([]);
    });
  }
});
