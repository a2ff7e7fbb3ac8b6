#!/usr/bin/env node
// Runs one TypeScript file (a benchmark, a script) through tsx: `node bin/run-ts.js FILE [ARGS]`.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import { resolve } from 'node:path';

// The project's tsconfig (JSX through hono/jsx), wherever the command is run from: tsx would
// otherwise look for one in the current directory, and pages would fail to render.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bin/run-ts.js FILE [ARGS...]');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(file), ...rest];
await import(pathToFileURL(resolve(file)).href);
