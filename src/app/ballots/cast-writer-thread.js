// The writer thread's first module (cast-writer.ts starts it), plain JavaScript as
// ballot-check-worker.js is: it registers tsx, then loads the writer (cast-writer.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register({ tsconfig: workerData.tsconfig });
await import(workerData.entry);
