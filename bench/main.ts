/**
 * `npm run bench [-- --json] [-- --quick]`: Seconded's speed figures, each with a baseline
 * measured in the same run. With --json, one object per line and figure:
 * {"bench", "value", "unit", "baseline", "ratio"}. Benchmarks are not tests: they print, and
 * the targets they are read against are in the README.
 */
import { parseArgs } from 'node:util';
import { benchBallots } from './ballots.ts';
import { benchTally } from './tally.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
  },
});

await benchTally({ json: values.json, quick: values.quick });
await benchBallots({ json: values.json, quick: values.quick });
