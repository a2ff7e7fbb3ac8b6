// One worker thread of `seconded verify-ballot`: plain JavaScript, so that Node can start it
// whatever runs the parent (bin/seconded.js through tsx, or the tests), it registers tsx and
// then loads the TypeScript that checks its slice of the ballots.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
await import('./verify-ballot-thread.ts');
