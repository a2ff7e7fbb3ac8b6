// One worker thread of the server's pool that checks end-to-end ballots' proofs
// (ballot-check-pool.ts): plain JavaScript, so that Node can start it whatever runs the server
// (bin/seconded.js through tsx, or the tests); it registers tsx and loads the TypeScript.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
await import('./ballot-check-thread.ts');
