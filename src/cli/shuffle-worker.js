// One worker thread of a shuffle (`seconded trustee shuffle`, `seconded verify-ballot`, the
// benchmark): plain JavaScript, so that Node can start it whatever runs the parent, it registers
// tsx and then loads the TypeScript that runs the slices it is sent.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
await import('./shuffle-thread.ts');
