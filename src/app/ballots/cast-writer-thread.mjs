// The writer thread's first module (cast-writer.ts starts it): a worker thread loads no
// TypeScript by itself, so it registers tsx as bin/seconded.js does, then loads the writer.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register({ tsconfig: workerData.tsconfig });
await import(workerData.entry);
