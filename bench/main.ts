/**
 * `npm run bench [-- --json] [-- --quick] [-- --only tally,ballots,live,e2e,e2e-http,e2e-count,verify-ballot,verify-ranked,register,shuffle,upload-parts,mix-page,import,conference,pages,board-read]`: Seconded's speed
 * figures, each with a baseline measured in the same run. With --json, one object per line and
 * figure: {"bench", "value", "unit", "baseline", "ratio"}. Benchmarks are not tests: they print,
 * and the targets they are read against are in the README.
 */
import { parseArgs } from 'node:util';
import { benchBallots } from './ballots.ts';
import { benchBoardRead } from './board-read.ts';
import { benchConference } from './conference.ts';
import { benchE2e } from './e2e.ts';
import { benchE2eCount } from './e2e-count.ts';
import { benchE2eBrowser } from './e2e-browser.ts';
import { benchE2eHttp } from './e2e-http.ts';
import { benchImport } from './import.ts';
import { benchLive } from './live.ts';
import { benchMixPage } from './mix-page.ts';
import { benchPages } from './pages.ts';
import { benchRegister } from './register.ts';
import { benchShuffle } from './shuffle.ts';
import { benchUploadParts } from './upload-parts.ts';
import { benchTally } from './tally.ts';
import { benchVerifyBallot } from './verify-ballot.ts';
import { benchVerifyRanked } from './verify-ranked.ts';

const BENCHES = {
  tally: benchTally,
  ballots: benchBallots,
  live: benchLive,
  e2e: benchE2e,
  'e2e-browser': benchE2eBrowser,
  'e2e-http': benchE2eHttp,
  'e2e-count': benchE2eCount,
  'verify-ballot': benchVerifyBallot,
  'verify-ranked': benchVerifyRanked,
  register: benchRegister,
  shuffle: benchShuffle,
  'upload-parts': benchUploadParts,
  'mix-page': benchMixPage,
  import: benchImport,
  conference: benchConference,
  pages: benchPages,
  'board-read': benchBoardRead,
};

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});

const chosen = values.only?.split(',') ?? Object.keys(BENCHES);
const unknown = chosen.filter((name) => !(name in BENCHES));
if (unknown.length) {
  console.error(
    `Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}.`,
  );
  process.exit(64);
}
for (const name of chosen) {
  await BENCHES[name as keyof typeof BENCHES]({ json: values.json, quick: values.quick });
}
