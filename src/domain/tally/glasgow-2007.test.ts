/**
 * The 21 wards of the Glasgow City Council election of 3 May 2007, counted under the Scottish
 * rules. Two checks:
 * - DECLARED: the councillors declared elected, as published (taken from the ward pages of
 *   Wikipedia and its mirrors, which cite the council's declarations). Only the wards listed
 *   here were checked against a published source; the others are covered by the golden file.
 * - Golden file: every stage of every ward (votes per candidate, non-transferable, residue) as
 *   counted by this implementation, so that any change to the count shows up. Regenerate with
 *   `npx vitest run -u src/domain/tally/glasgow-2007.test.ts` only after checking why it changed.
 */
import { describe, expect, it } from 'vitest';
import { readBlt } from './blt.ts';
import { countScottishStv } from './scottish-stv.ts';
import { glasgowBallots } from './__golden__/data.ts';

const DECLARED: Record<string, readonly string[]> = {
  'Baillieston-2007.blt': ['Jim Coleman', 'Douglas Hay', 'David McDonald', 'John Mason'],
  'Calton-2007.blt': ['George Redmond', 'Ruth Simpson', 'Alison E Thewliss'],
  'Craigton-2007.blt': ['Alistair Watson', 'Matthew John Kerr', 'Ruth Black', 'Iris Gibson'],
  'Drumchapel-Anniesland-2007.blt': [
    'Paul Carey',
    'Bill Kidd',
    'Steven Purcell',
    'Jonathan Findlay',
  ],
  'East-Centre-2007.blt': [
    'Patricia Chalmers',
    'Frank Docherty',
    'Elaine McDougall',
    'Jennifer Dunn',
  ],
  'Garscadden-Scotsounhill-2007.blt': [
    'Liz Cameron',
    'Paul Rooney',
    'Jean McFadden',
    'Graeme Hendry',
  ],
  'Govan-2007.blt': ['Stephen Dornan', 'Shaukat Butt', 'John Flanagan', 'Allison Hunter'],
};

/** Wards where the published source named only some of those elected (all of them must be elected). */
const DECLARED_IN_PART: Record<string, readonly string[]> = {
  'Canal-2007.blt': ['Kieran Wild', 'Ellen Hurcombe'],
  'Greater-Pollock-2007.blt': ['Alex Glass', "William O'Rourke", 'Tommy Morrison'],
  'Partick-West-2007.blt': ['Stuart Clay'], // BBC News, 4 May 2007: Glasgow's first Green councillor
};

/** Names in the council's files carry stray spaces ("Kieran  Wild "); compare them squeezed. */
const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();

const wards = [...glasgowBallots.entries()].sort(([a], [b]) => a.localeCompare(b));

describe('Glasgow 2007: Scottish STV', () => {
  it('has all 21 wards', () => expect(wards).toHaveLength(21));

  for (const [file, declared] of Object.entries(DECLARED)) {
    it(`${file.replace('-2007.blt', '')} elects the declared councillors`, () => {
      const profile = readBlt(glasgowBallots.get(file)!);
      const result = countScottishStv(profile);
      const elected = result.winners.map((c) => squeeze(profile.candidates[c]!)).sort();
      expect(elected).toEqual([...declared].sort());
      expect(result.ties).toEqual([]); // nothing was left to chance
    });
  }

  for (const [file, named] of Object.entries(DECLARED_IN_PART)) {
    it(`${file.replace('-2007.blt', '')} elects the councillors named in the published result`, () => {
      const profile = readBlt(glasgowBallots.get(file)!);
      const elected = countScottishStv(profile).winners.map((c) => squeeze(profile.candidates[c]!));
      for (const name of named) expect(elected).toContain(name);
    });
  }

  it('every stage of every ward matches the golden file', async () => {
    const golden: Record<string, unknown> = {};
    for (const [file, text] of wards) {
      const profile = readBlt(text);
      const r = countScottishStv(profile);
      golden[file.replace('-2007.blt', '')] = {
        seats: r.seats,
        ballots: r.ballots,
        quota: r.quota,
        elected: r.winners.map((c, i) => `${squeeze(profile.candidates[c]!)} ${r.winnerVotes[i]}`),
        stages: r.rounds.map((s) => ({
          action: s.description,
          votes: s.votes.join(' '),
          nontransferable: s.exhausted,
          residue: s.residue,
        })),
      };
    }
    await expect(JSON.stringify(golden, null, 1) + '\n').toMatchFileSnapshot(
      './__golden__/glasgow-2007-scottish-stv.golden.json',
    );
  });
});
