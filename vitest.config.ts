import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default (cores - 1) leaves one of a two-core machine's cores idle; test files are
    // built to run side by side (a private SQLite database or PostgreSQL schema each).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
