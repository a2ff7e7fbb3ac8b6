#!/usr/bin/env node
// The `seconded` command. Seconded runs its TypeScript directly through tsx, so there is no build
// step between a checkout and a running server.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
