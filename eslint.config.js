// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The domain is pure (DESIGN.md section 6): no I/O, no database, no HTTP, no clock of its own.
    files: ['src/domain/**/*.ts'],
    // Tests of the domain may use Node (a hash function, fixtures on disk); the domain may not.
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'src/domain is pure: no Node.js I/O modules.' },
            {
              regex: '^(fs|path|os|net|http|https|child_process|crypto|stream|worker_threads)$',
              message: 'src/domain is pure: no Node.js I/O modules.',
            },
            {
              regex: '(^|/)(db|http|app|cli|infra|demo|mail|messages)(/|$)',
              message:
                'src/domain may not import from db/, http/, app/, cli/, infra/, demo/, mail/ or messages/.',
            },
            {
              regex: '^(kysely|pg|better-sqlite3|hono|@hono/.*|nodemailer|csv-parse.*)$',
              message: 'src/domain is pure: no database, HTTP, mail or file libraries.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/domain is pure: pass what you need in.' },
        { name: 'fetch', message: 'src/domain is pure: no network.' },
      ],
    },
  },
  {
    // The ballot verifier is independent of the server (docs/e2e-protocol.md): it shares nothing
    // with it but the primitives, and runs in a browser too, so it may import only @noble/curves,
    // @noble/hashes and its own files.
    files: ['src/verifier/**/*.ts'],
    ignores: ['src/verifier/**/*.test.ts', 'src/verifier/**/__golden__/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@noble/(curves|hashes)/[^.]|\\./(?!.*\\.\\./))',
              message:
                'src/verifier may import only @noble/curves/*, @noble/hashes/* and its own files (./*).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/verifier runs in a browser too: pass what you need in.' },
        { name: 'require', message: 'src/verifier runs in a browser too.' },
      ],
    },
  },
  {
    // Browser scripts (src/client) run in the voter's and key holder's browser: they may use the
    // pure domain (the cryptography of end-to-end ballots), the verifier, and nothing of the server.
    files: ['src/client/**/*.ts'],
    ignores: ['src/client/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'src/client runs in a browser: no Node.js modules.' },
            {
              regex: '(^|/)(db|http|app|cli|infra|demo|mail|messages)(/|$)',
              message: 'src/client may import only src/domain, src/verifier and its own files.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
      },
    },
  },
);
