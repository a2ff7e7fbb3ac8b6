import { describe, expect, it } from 'vitest';
import { readBlt } from '../../domain/tally/blt.ts';
import { countElection } from '../../domain/tally/count.ts';
import { CountView } from './count-view.tsx';

const shown = async (blt: string, method = 'scottish-stv') =>
  String(await (<CountView count={countElection(readBlt(blt), method)} />).toString());

describe('an election count as people read it', () => {
  it('shows a count of whole ballots in whole numbers, for one seat, in sentences', async () => {
    const html = await shown(`3 1
1 2 0
1 2 0
1 1 3 0
1 3 0
1 3 0
0
"Ada"
"Ben"
"Cara"
"Branch secretary"
`);
    expect(html).toContain('5 valid ballot papers for one seat. Quota: 3.');
    expect(html).not.toMatch(/\d\.0{5}/);
    // Each stage's account in sentences, each with a capital and a full stop.
    for (const [, item] of html.matchAll(/<li>([^<]*)<\/li>/g)) {
      expect(item).toMatch(/^[A-Z0-9].*\.$/);
      expect(item).not.toMatch(/\. [a-z]/);
    }
  });

  it('keeps the rule’s five decimals when a transfer makes a figure fractional', async () => {
    const html = await shown(`3 2
2 1 2 0
2 1 3 0
2 3 0
1 2 0
0
"Ada"
"Ben"
"Cara"
"Two seats"
`);
    expect(html).toContain('7 valid ballot papers for 2 seats. Quota: 3.00000.');
    expect(html).toMatch(/1\.50000/);
  });
});
