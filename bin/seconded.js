#!/usr/bin/env node
// The `seconded` command. Seconded runs its TypeScript directly through tsx, so there is no build
// step between a checkout and a running server.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { COMMAND_NODE_FLAGS } from './node-flags.js';

// A command that needs V8 flags of its own becomes a process started with them: the same
// process id, arguments and environment (process.execve, Node 22.15 and later; without it the
// command runs with V8's defaults).
const flags = COMMAND_NODE_FLAGS[process.argv[2]];
if (flags && process.execve && !flags.every((f) => process.execArgv.includes(f))) {
  process.execve(process.execPath, [
    process.execPath,
    ...flags,
    ...process.execArgv,
    ...process.argv.slice(1),
  ]);
}

// `seconded ... | head` closes the pipe early; that is the reader's choice, not a crash.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// The project's tsconfig (JSX through hono/jsx), wherever the command is run from: tsx would
// otherwise look for one in the current directory, and pages would fail to render.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { run } = await import('../src/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
