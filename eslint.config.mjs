// Lint is part of the test command. Its main job is to keep sync/ and workflows/ deterministic:
// they run inside the Temporal workflow sandbox (workflows/) or are shared with it (sync/).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

const impureImports = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'sync/ and workflows/ must stay pure: do I/O in activities/.' })),
  patterns: [
    { group: ['@kubernetes/client-node', '@kubernetes/client-node/*'], message: 'Kubernetes I/O belongs in activities/.' },
    { group: ['@temporalio/activity', '@temporalio/worker', '@temporalio/client', '@temporalio/testing'], message: 'Only @temporalio/workflow (and common) may be used here.' },
    { group: ['**/activities/*', '**/activities', '**/worker/*', '**/client/*'], message: 'Workflows import activities as types only (import type).', allowTypeImports: true },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.run/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['sync/**/*.ts', 'workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', impureImports],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'No process state in deterministic code.' },
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() from @temporalio/workflow.' }],
    },
  },
  {
    // One way to end the CLI: a bare process.exit cuts output still queued for a pipe.
    files: ['client/**/*.ts', 'worker/**/*.ts', 'codec/**/*.ts', 'activities/**/*.ts'],
    ignores: ['client/cli/exitWhenFlushed.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'process', property: 'exit', message: 'Set the exit code, or end with exitWhenFlushed (client/cli/exitWhenFlushed.ts).' }],
    },
  },
  {
    // The package's shape: the library (client/) knows nothing of the CLI over it, and the CLI
    // (client/cli/) takes the worker only through the package's entry, as a host program does.
    files: ['client/**/*.ts'],
    ignores: ['client/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['./cli', './cli/*', '../client/cli/*'], message: 'The library must not depend on the CLI.' }] }],
    },
  },
  {
    files: ['client/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../worker', '../../worker/*'], message: "Take the worker through 'hooksync/worker'." }] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
);
