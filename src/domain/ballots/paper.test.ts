import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countBox, type BoxEntry } from './ballot.ts';
import {
  checkClose,
  checkMarkPaper,
  checkPaperCount,
  checkUnmarkPaper,
  hybridTurnout,
  paperBox,
  papersReturned,
  papersToIssue,
} from './paper.ts';

const yesNo = { kind: 'yes-no' } as const;
const open = { open: true, weighted: false, counted: false };

/** A hybrid ballot: electors, some on paper; online votes by choice; a paper count within the issued. */
const hybrid = fc
  .record({
    electorate: fc.integer({ min: 1, max: 60 }),
    paperShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .chain(({ electorate, paperShare }) => {
    const paperElectors = Math.floor(electorate * paperShare);
    const onlineElectors = electorate - paperElectors;
    return fc.record({
      electorate: fc.constant(electorate),
      paperElectors: fc.constant(paperElectors),
      online: fc.array(fc.constantFrom('for', 'against', 'abstain'), { maxLength: onlineElectors }),
      paper: fc.array(fc.constantFrom(0, 1, 2, 3), { maxLength: paperElectors }).map((marks) => ({
        counts: [0, 1, 2].map((c) => marks.filter((m) => m === c).length),
        spoilt: marks.filter((m) => m === 3).length,
      })),
    });
  });

describe('a hybrid ballot of those present, online and on paper', () => {
  it('counts every online vote and every valid paper exactly once, and its turnout adds up', () => {
    fc.assert(
      fc.property(hybrid, ({ electorate, paperElectors, online, paper }) => {
        const count = checkPaperCount(yesNo, paper, paperElectors);
        const box: BoxEntry[] = [
          ...online.map((choice) => ({ choice, weight: 1 })),
          ...paperBox(yesNo, count),
        ];
        const result = countBox(yesNo, 'simple-majority-of-votes-cast', box, electorate);
        if (result.kind !== 'yes-no') throw new Error('a yes/no result');
        const on = (c: string) => online.filter((o) => o === c).length;
        expect(result.for).toBe(on('for') + count.counts[0]!);
        expect(result.against).toBe(on('against') + count.counts[1]!);
        expect(result.abstain).toBe(on('abstain') + count.counts[2]!);
        // Spoilt papers are no vote; they are turnout.
        expect(result.votes).toBe(online.length + papersReturned(count) - count.spoilt);
        const turnout = hybridTurnout({
          electorate,
          paperElectors,
          onlineVoted: online.length,
          issued: paperElectors,
          count,
        });
        expect(turnout.voted).toBe(online.length + papersReturned(count));
        expect(turnout.voted + turnout.notVoted).toBe(electorate);
        expect(turnout.online.electors + turnout.paper.electors).toBe(electorate);
      }),
    );
  });

  it('never takes more papers back than were issued', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 90 }),
        (counts, spoilt, issued) => {
          const entered = counts.reduce((a, b) => a + b, 0) + spoilt;
          const attempt = () => checkPaperCount(yesNo, { counts, spoilt }, issued);
          if (entered > issued)
            expect(attempt).toThrow(
              expect.objectContaining({
                code: 'PAPER_COUNT_TOO_HIGH',
                params: { entered, issued },
              }) as Error,
            );
          else expect(papersReturned(attempt())).toBe(entered);
        },
      ),
    );
  });

  it('refuses counts that are not whole numbers, or not one for each choice', () => {
    expect(() => checkPaperCount(yesNo, { counts: [1, 2], spoilt: 0 }, 9)).toThrow(
      /each of the 3 choices/,
    );
    expect(() => checkPaperCount(yesNo, { counts: [1, -1, 0], spoilt: 0 }, 9)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }) as Error,
    );
    expect(() => checkPaperCount(yesNo, { counts: [1, 0, 0], spoilt: 0.5 }, 9)).toThrow(
      /whole number/,
    );
    const choice = { kind: 'choice', options: ['Red', 'Green'] } as const;
    expect(paperBox(choice, checkPaperCount(choice, { counts: [2, 0], spoilt: 1 }, 3))).toEqual([
      { choice: '0', weight: 2 },
    ]);
  });

  it('never lets a member vote both online and on paper', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), (hasAccount, votedOnline, paper) => {
        const elector = { onElectorate: true, hasAccount, votedOnline, paper };
        // Marking someone already on the online roll would count them twice.
        if (votedOnline)
          expect(() => checkMarkPaper(open, elector)).toThrow(
            expect.objectContaining({ code: 'ALREADY_VOTED' }) as Error,
          );
        else expect(() => checkMarkPaper(open, elector)).not.toThrow();
        // Without an account a member can only vote on paper.
        if (paper && !hasAccount)
          expect(() =>
            checkUnmarkPaper({ ...open, issued: 0, paperElectors: 5 }, elector),
          ).toThrow();
      }),
    );
    expect(() =>
      checkMarkPaper(open, {
        onElectorate: false,
        hasAccount: true,
        votedOnline: false,
        paper: false,
      }),
    ).toThrow(expect.objectContaining({ code: 'NOT_ELIGIBLE' }) as Error);
    // An issued paper is not taken back by unmarking its holder.
    expect(() =>
      checkUnmarkPaper(
        { ...open, issued: 3, paperElectors: 3 },
        { onElectorate: true, hasAccount: true, votedOnline: false, paper: true },
      ),
    ).toThrow(/issued a paper/);
    expect(() =>
      checkMarkPaper(
        { ...open, counted: true },
        { onElectorate: true, hasAccount: true, votedOnline: false, paper: false },
      ),
    ).toThrow(/counted/);
    expect(() =>
      checkMarkPaper(
        { ...open, weighted: true },
        { onElectorate: true, hasAccount: true, votedOnline: false, paper: false },
      ),
    ).toThrow(/card vote/);
  });

  it('issues papers numbered on from those issued, one per paper voter', () => {
    expect(papersToIssue({ ...open, issued: 0, paperElectors: 12 })).toEqual({ from: 1, to: 12 });
    expect(papersToIssue({ ...open, issued: 12, paperElectors: 13 })).toEqual({ from: 13, to: 13 });
    expect(() => papersToIssue({ ...open, issued: 12, paperElectors: 12 })).toThrow(/already/);
    expect(() => papersToIssue({ ...open, issued: 0, paperElectors: 0 })).toThrow(/Nobody/);
  });

  it('asks the chair before closing while anyone has not voted, and never closes over uncounted papers', () => {
    const turnout = (onlineVoted: number, count: { counts: number[]; spoilt: number } | null) =>
      hybridTurnout({ electorate: 14, paperElectors: 12, onlineVoted, issued: 12, count });
    expect(() => checkClose(turnout(2, null), true)).toThrow(
      expect.objectContaining({ code: 'PAPER_COUNT_MISSING' }) as Error,
    );
    expect(() => checkClose(turnout(2, { counts: [5, 3, 1], spoilt: 1 }), false)).toThrow(
      expect.objectContaining({
        code: 'CLOSE_NOT_CONFIRMED',
        params: { notVoted: 2, electorate: 14 },
      }) as Error,
    );
    expect(() => checkClose(turnout(2, { counts: [5, 3, 1], spoilt: 1 }), true)).not.toThrow();
    expect(() => checkClose(turnout(2, { counts: [6, 4, 1], spoilt: 1 }), false)).not.toThrow();
  });
});
