#!/usr/bin/env node
// The `seconded` command. Seconded runs its TypeScript directly through tsx, so there is no build
// step between a checkout and a running server.
import { register } from 'tsx/esm/api';

// `seconded ... | head` closes the pipe early; that is the reader's choice, not a crash.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

register();
const { run } = await import('../src/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
